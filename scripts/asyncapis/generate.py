#!/usr/bin/env python3
"""List the public async APIs of Python libraries, read from their source trees.

Each SPEC is LIBRARY=DIR[@VERSION]: LIBRARY is the import name the table uses
(asyncio, trio, redis.asyncio...), DIR a source tree holding that package
(a checkout, or the package directory itself), VERSION what the row records
(read from the tree when left out). Only the syntax is read: nothing is
imported or run.

Rows: library, name, kind, via, version, one per public name and kind:

  coroutine   calling it returns a coroutine (async def, or a sync function
              returning another coroutine call)
  asyncgen    calling it returns an async generator
  async-cm    calling it returns an async context manager (not a sync one)
  async-iter  calling it returns an async iterable (not a sync one)
  awaitable   calling it returns some other awaitable (declared -> Awaitable,
              Future..., or an instance of a class with __await__)
  alias       another public path to the object named in via

For a class, the kinds are those of its instances, so the class name is
what a call of the constructor returns. via says how the kind was found.
"""

import argparse
import ast
import difflib
import os
import re
import shlex
import sys
import tomllib

KINDS = ("coroutine", "asyncgen", "async-cm", "async-iter", "awaitable")

# Directories holding a library's tests or vendored copies of other code.
SKIPPED_DIRS = {"tests", "test", "_tests", "_test", "vendor", "_vendor", "vendored",
                "_vendored", "third_party", "_third_party", "extern", "_extern"}

TYPING_MODULES = {"typing", "typing_extensions", "collections.abc", "contextlib",
                  "_collections_abc", "abc"}

# Declared return types that say what kind of value a call gives.
ANNOTATION_KINDS = {
    "Awaitable": "awaitable", "Coroutine": "coroutine",
    "AsyncIterator": "async-iter", "AsyncIterable": "async-iter",
    "AsyncGenerator": "asyncgen",
    "AsyncContextManager": "async-cm", "AbstractAsyncContextManager": "async-cm",
}
ASYNCIO_AWAITABLES = {"Future", "Task"}

# Methods that typing and standard library bases give their subclasses.
EXTERNAL_BASE_METHODS = {
    "AbstractAsyncContextManager": "__aenter__", "AsyncContextManager": "__aenter__",
    "AsyncIterator": "__aiter__", "AsyncIterable": "__aiter__", "AsyncGenerator": "__aiter__",
    "Awaitable": "__await__", "Coroutine": "__await__",
    "AbstractContextManager": "__enter__", "ContextManager": "__enter__",
    "Iterable": "__iter__", "Iterator": "__iter__", "Generator": "__iter__",
    "Sequence": "__iter__", "MutableSequence": "__iter__", "Mapping": "__iter__",
    "MutableMapping": "__iter__", "Set": "__iter__", "MutableSet": "__iter__",
    "Collection": "__iter__", "list": "__iter__", "dict": "__iter__", "tuple": "__iter__",
    "set": "__iter__", "frozenset": "__iter__", "str": "__iter__", "bytes": "__iter__",
}

# Decorators from outside the library that do not keep what a call returns.
DROPPING_DECORATORS = {"property", "cached_property", "under_cached_property", "reify",
                       "contextmanager", "fixture", "hookimpl"}


class Error(Exception):
    """A problem with the input, reported without a traceback."""


# Values an expression can evaluate to. Anything else is None: not known.

class Mod:
    def __init__(self, module):
        self.module = module


class Cls:
    def __init__(self, info):
        self.info = info


class Inst:
    def __init__(self, info):
        self.info = info


class Fn:
    """A def, with the class self stands for and the names its closure binds."""

    def __init__(self, node, scope, self_cls=None, env=None):
        self.node, self.scope, self.self_cls, self.env = node, scope, self_cls, env or {}


class Made:
    """A callable known only by what calling it returns."""

    def __init__(self, result):
        self.result = result


class Same:
    """A callable declared to return its argument: Callable[[T], T]."""


class Async:
    """An async value: what calling an async API returns."""

    def __init__(self, kind, via):
        self.kind, self.via = kind, via


class Ext:
    """A name from outside the library, by its dotted path."""

    def __init__(self, dotted):
        self.dotted = dotted

    @property
    def short(self):
        return self.dotted.rsplit(".", 1)[-1]

    @property
    def module(self):
        return self.dotted.rsplit(".", 1)[0] if "." in self.dotted else ""


class Scope:
    """The names bound by a module, class body or function body."""

    def __init__(self, module, node, kind, parent=None):
        self.module, self.node, self.kind, self.parent = module, node, kind, parent
        self.bindings = {}  # name -> its last binding
        self.earlier = {}  # name -> the bindings it replaced
        self.overloads = {}
        self.stars = []
        self.all_exprs = []
        self._collect(node.body)
        for name, nodes in self.overloads.items():
            if name not in self.bindings:  # a stub: the overloads are all there is
                self._bind(name, ("def", nodes[-1]))

    def _collect(self, stmts):
        for st in stmts:
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if any(decorator_name(d) == "overload" for d in st.decorator_list):
                    self.overloads.setdefault(st.name, []).append(st)
                else:
                    self._bind(st.name, ("def", st))
            elif isinstance(st, ast.ClassDef):
                self._bind(st.name, ("class", st))
            elif isinstance(st, ast.Import):
                for a in st.names:
                    if a.asname:
                        self._bind(a.asname, ("import", a.name, st.lineno))
                    else:
                        top = a.name.split(".")[0]
                        self._bind(top, ("import", top, st.lineno))
            elif isinstance(st, ast.ImportFrom):
                mod = self.module.absolute(st.module, st.level)
                for a in st.names:
                    if a.name == "*":
                        self.stars.append(mod)
                    else:
                        self._bind(a.asname or a.name, ("from", mod, a.name, st.lineno))
            elif isinstance(st, (ast.Assign, ast.AnnAssign)):
                targets = st.targets if isinstance(st, ast.Assign) else [st.target]
                if st.value is None:
                    continue
                for t in targets:
                    if isinstance(t, ast.Name):
                        if t.id == "__all__":
                            self.all_exprs = [st.value]
                        else:
                            self._bind(t.id, ("assign", st.value))
            elif isinstance(st, ast.AugAssign):
                if isinstance(st.target, ast.Name) and st.target.id == "__all__":
                    self.all_exprs.append(st.value)
            elif isinstance(st, ast.Expr) and isinstance(st.value, ast.Call):
                f = st.value.func  # __all__.extend(...) / __all__.append(...)
                if (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
                        and f.value.id == "__all__" and st.value.args):
                    arg = st.value.args[0]
                    self.all_exprs.append(ast.List([arg], ast.Load()) if f.attr == "append" else arg)
            elif isinstance(st, ast.If):
                self._collect(st.body)
                self._collect(st.orelse)
            elif isinstance(st, (ast.Try, getattr(ast, "TryStar", ast.Try))):
                self._collect(st.body)
                for h in st.handlers:
                    self._collect(h.body)
                self._collect(st.orelse)
                self._collect(st.finalbody)
            elif isinstance(st, (ast.With, ast.AsyncWith)):
                self._collect(st.body)

    def _bind(self, name, binding):
        if name in self.bindings:
            self.earlier.setdefault(name, []).append(self.bindings[name])
        self.bindings[name] = binding

    def bound_before(self, name, line):
        """The binding of name that code at line of this scope's own body sees."""
        for b in reversed(self.earlier.get(name, []) + [self.bindings[name]]):
            if binding_line(b) < line:
                return b
        return None

    def lookup(self, name):
        """The scope binding name, seen from this one, and its binding."""
        scope = self
        while scope is not None:
            if name in scope.bindings:
                return scope, scope.bindings[name]
            scope = scope.parent
            while scope is not None and scope.kind == "class":
                scope = scope.parent  # class bodies are not visible from functions
        return None, None


def binding_line(binding):
    return binding[-1] if isinstance(binding[-1], int) else binding[1].lineno


def decorator_name(expr):
    if isinstance(expr, ast.Call):
        expr = expr.func
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Name):
        return expr.id
    return ""


class Module:
    def __init__(self, library, name, path, is_package):
        self.library, self.name, self.path, self.is_package = library, name, path, is_package
        self._scope = None

    @property
    def scope(self):
        if self._scope is None:
            try:
                with open(self.path, "rb") as f:
                    tree = ast.parse(f.read(), filename=self.path)
            except (SyntaxError, ValueError) as e:
                warn(f"{self.path}: cannot parse ({e}); its names are left out")
                tree = ast.Module(body=[], type_ignores=[])
            self._scope = Scope(self, tree, "module")
        return self._scope

    @property
    def package(self):
        return self.name if self.is_package else self.name.rpartition(".")[0]

    def absolute(self, module, level):
        if not level:
            return module
        base = self.package.split(".")
        if level > 1:
            base = base[: len(base) - (level - 1)]
        return ".".join(base + ([module] if module else []))

    @property
    def public(self):
        return not any(p.startswith("_") for p in self.name.split("."))


class ClassInfo:
    def __init__(self, analyzer, node, scope):
        self.analyzer, self.node, self.outer = analyzer, node, scope
        self.body = Scope(scope.module, node, "class", parent=scope)
        self.added = {}  # members set by class decorators: name -> value
        self._mro = None
        self._ext = None

    @property
    def qualname(self):
        return f"{self.outer.module.name}.{self.node.name}"

    def bases(self):
        out = []
        for b in self.node.bases:
            if isinstance(b, ast.Subscript):
                b = b.value
            out.append(self.analyzer.eval(b, self.outer))
        return out

    def mro(self):
        if self._mro is None:
            self._mro = [self]  # guards against cycles while computing
            seqs = [c.info.mro() for c in self.bases() if isinstance(c, Cls)]
            seqs.append([c.info for c in self.bases() if isinstance(c, Cls)])
            self._mro = [self] + c3_merge(seqs)
        return self._mro

    def external_methods(self):
        """Special methods that bases outside the library contribute."""
        if self._ext is None:
            self._ext = set()
            for c in self.mro():
                for b in c.bases():
                    if not isinstance(b, Ext):
                        continue
                    if b.module in TYPING_MODULES or b.module == "builtins":
                        if b.short in EXTERNAL_BASE_METHODS:
                            self._ext.add(EXTERNAL_BASE_METHODS[b.short])
                    elif b.module.split(".")[0] == "asyncio" and b.short in ASYNCIO_AWAITABLES:
                        self._ext.add("__await__")
        return self._ext

    def member_names(self):
        names = set()
        for c in self.mro():
            names |= set(c.body.bindings) | set(c.added)
        return names

    def member(self, name):
        """The class of the MRO defining name, and its binding or value."""
        for c in self.mro():
            if name in c.body.bindings:
                return c, c.body.bindings[name]
            if name in c.added:
                return c, c.added[name]
        return None, None


def c3_merge(seqs):
    seqs = [list(s) for s in seqs if s]
    out = []
    while seqs:
        for s in seqs:
            head = s[0]
            if not any(head in t[1:] for t in seqs):
                break
        else:  # inconsistent hierarchy: fall back to depth-first order
            head = seqs[0][0]
        out.append(head)
        seqs = [[c for c in s if c is not head] for s in seqs]
        seqs = [s for s in seqs if s]
    return out


class Library:
    def __init__(self, name, directory, version):
        self.name = name
        self.root = name.split(".")[0]
        self.directory = directory
        self.package_dir = find_package(self.root, directory)
        self.version = version or detect_version(self.package_dir, directory)
        self.modules = {}
        self._scan()

    def _scan(self):
        base = os.path.dirname(self.package_dir)
        for dirpath, dirnames, filenames in os.walk(self.package_dir):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and
                                 (os.path.exists(os.path.join(dirpath, d, "__init__.py")) or
                                  os.path.exists(os.path.join(dirpath, d, "__init__.pyi"))))
            rel = os.path.relpath(dirpath, base).replace(os.sep, ".")
            stems = {}
            for fn in sorted(filenames):
                stem, ext = os.path.splitext(fn)
                if ext not in (".py", ".pyi") or stem == "conftest" or stem.startswith("test_"):
                    continue
                if ext == ".pyi" or stem not in stems:  # a stub says what the module offers
                    stems[stem] = os.path.join(dirpath, fn)
            for stem, path in stems.items():
                if stem == "__init__":
                    self.modules[rel] = Module(self, rel, path, True)
                elif stem != "__main__":
                    self.modules[f"{rel}.{stem}"] = Module(self, f"{rel}.{stem}", path, False)


def find_package(root, directory):
    if not os.path.isdir(directory):
        raise Error(f"{directory}: not a directory")
    candidates = [directory, os.path.join(directory, root), os.path.join(directory, "src", root),
                  os.path.join(directory, "src", root, root), os.path.join(directory, "lib", root)]
    for c in candidates:
        if os.path.basename(os.path.normpath(c)) == root and (
                os.path.exists(os.path.join(c, "__init__.py")) or
                os.path.exists(os.path.join(c, "__init__.pyi"))):
            return os.path.normpath(c)
    raise Error(f"{directory}: no package {root} in it (looked for {root}/__init__.py, "
                f"src/{root}/__init__.py)")


def detect_version(package_dir, directory):
    for fn in ("__init__.py", "_version.py", "__version__.py", "version.py", "__about__.py"):
        path = os.path.join(package_dir, fn)
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                m = re.search(r"""^__version__\s*(?::[^=]*)?=\s*['"]([^'"]+)['"]""", f.read(), re.M)
            if m:
                return m.group(1)
    for d in (directory, os.path.dirname(package_dir)):
        path = os.path.join(d, "pyproject.toml")
        if os.path.exists(path):
            with open(path, "rb") as f:
                try:
                    v = tomllib.load(f).get("project", {}).get("version")
                except tomllib.TOMLDecodeError as e:
                    raise Error(f"{path}: {e}")
            if isinstance(v, str):
                return v
    # The standard library: patchlevel.h of the same build or checkout.
    d = os.path.abspath(package_dir)
    for _ in range(4):
        d = os.path.dirname(d)
        for sub in ("Include", "include"):
            inc = os.path.join(d, sub)
            paths = [os.path.join(inc, "patchlevel.h")]
            if os.path.isdir(inc):
                paths += [os.path.join(inc, p, "patchlevel.h") for p in sorted(os.listdir(inc))]
            for path in paths:
                if os.path.exists(path):
                    with open(path, encoding="utf-8", errors="replace") as f:
                        m = re.search(r'#define\s+PY_VERSION\s+"([^"]+)"', f.read())
                    if m:
                        return m.group(1)
    raise Error(f"{directory}: cannot tell the version of {os.path.basename(package_dir)}; "
                f"give it as NAME={directory}@VERSION")


class Analyzer:
    """Evaluates the little of Python needed to tell what a call returns."""

    def __init__(self, library):
        self.modules = library.modules
        self.classes = {}
        self.memo = {}
        self.busy = set()
        self.dropped = set()  # the defs left out

    # Names and bindings.

    def module_value(self, dotted):
        if dotted in self.modules:
            return Mod(self.modules[dotted])
        return Ext(dotted)

    def module_member(self, module, name, seen=None):
        seen = seen or set()
        if (module.name, name) in seen:
            return None
        seen.add((module.name, name))
        scope = module.scope
        if name in scope.bindings:
            return self.binding_value(scope, name, scope.bindings[name], seen)
        for star in reversed(scope.stars):
            target = self.modules.get(star)
            if target is not None and name in self.exports(target):
                return self.module_member(target, name, seen)
        sub = f"{module.name}.{name}"
        if sub in self.modules:
            return Mod(self.modules[sub])
        return None

    def binding_value(self, scope, name, binding, seen=None):
        key = ("binding", scope, name)
        if key in self.memo:
            return self.memo[key]
        if key in self.busy:
            return None
        self.busy.add(key)
        try:
            value = self._binding_value(scope, binding, seen)
            if value is None or isinstance(value, Ext):
                # try: import _accelerator / else: X = _accelerator.X leaves
                # the definition that can be read in an earlier binding.
                readable = [b for b in scope.earlier.get(name, []) if b[0] in ("def", "class")]
                if readable:
                    value = self._binding_value(scope, readable[-1], seen)
        finally:
            self.busy.discard(key)
        self.memo[key] = value
        return value

    def _binding_value(self, scope, binding, seen):
        kind = binding[0]
        if kind == "def":
            return self.decorated(binding[1], scope, None)
        if kind == "class":
            return Cls(self.class_info(binding[1], scope))
        if kind == "import":
            return self.module_value(binding[1])
        if kind == "from":
            mod, attr = binding[1], binding[2]
            if mod in self.modules:
                v = self.module_member(self.modules[mod], attr, seen)
                if v is None and f"{mod}.{attr}" in self.modules:
                    v = Mod(self.modules[f"{mod}.{attr}"])
                return v
            return Ext(f"{mod}.{attr}")
        if kind == "assign":
            return self.eval(binding[1], scope)
        return None

    def origin(self, module, name, seen=None):
        """Where name, as module offers it, is defined: its identity."""
        seen = seen or set()
        if (module.name, name) in seen:
            return None
        seen.add((module.name, name))
        scope = module.scope
        binding = scope.bindings.get(name)
        if binding is None:
            for star in reversed(scope.stars):
                target = self.modules.get(star)
                if target is not None and name in self.exports(target):
                    return self.origin(target, name, seen)
            return None
        if binding[0] == "from" and binding[1] in self.modules:
            return self.origin(self.modules[binding[1]], binding[2], seen)
        if binding[0] == "assign" and isinstance(binding[1], (ast.Name, ast.Attribute)):
            return self.expr_origin(binding[1], scope, seen) or (module.name, name)
        return (module.name, name)

    def expr_origin(self, expr, scope, seen):
        if isinstance(expr, ast.Name):
            owner, binding = scope.lookup(expr.id)
            if owner is not None and owner.kind == "module":
                return self.origin(owner.module, expr.id, seen)
            return None
        base = self.eval(expr.value, scope)
        if isinstance(base, Mod):
            return self.origin(base.module, expr.attr, seen)
        return None

    def exports(self, module):
        """The names from module import * gives."""
        key = ("exports", module.name)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = set()  # guards against import cycles
        scope = module.scope
        if scope.all_exprs:
            names = set()
            for e in scope.all_exprs:
                names |= self.names_of(e, scope)
        else:
            names = {n for n in scope.bindings if not n.startswith("_")}
            for star in scope.stars:
                if star in self.modules:
                    names |= self.exports(self.modules[star])
        self.memo[key] = names
        return names

    def public_names(self, module):
        """What module offers: what it defines under a public name, and the
        names it re-exports: those of __all__, those a package imports, or
        those imported as themselves (from x import y as y)."""
        scope = module.scope
        names = {n for n, b in scope.bindings.items()
                 if b[0] in ("def", "class", "assign") and not n.startswith("_")}
        for star in scope.stars:  # bound even when __all__ leaves them out
            if star in self.modules:
                names |= self.exports(self.modules[star])
        if scope.all_exprs or module.is_package:
            return names | self.exports(module)
        return names | reexports(scope)

    def offers(self, module, name):
        """Whether module means to offer name: it defines it, lists it in
        __all__, imports it as itself or, being a package, from its own
        modules, or takes it from an import *."""
        scope = module.scope
        binding = scope.bindings.get(name)
        if binding is None or binding[0] in ("def", "class", "assign"):
            return True
        if scope.all_exprs and name in self.exports(module):
            return True
        if module.is_package and binding[0] == "from" and binding[1].startswith(module.name + "."):
            return True  # a package gathering what its own modules define
        return name in reexports(scope)

    def names_of(self, expr, scope):
        """The strings an __all__ expression lists."""
        if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
            return {e.value for e in expr.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)}
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            return self.names_of(expr.left, scope) | self.names_of(expr.right, scope)
        if isinstance(expr, ast.Attribute) and expr.attr == "__all__":
            if isinstance(expr.value, ast.Name) and expr.value.id not in scope.bindings:
                # from .sub import * binds no name sub, but imports it
                base = self.module_value(f"{scope.module.package}.{expr.value.id}")
            else:
                base = self.eval(expr.value, scope)
            if isinstance(base, Mod):
                return self.exports(base.module)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and \
                expr.func.id in ("list", "tuple", "sorted", "set") and expr.args:
            return self.names_of(expr.args[0], scope)
        return set()

    def class_info(self, node, scope):
        info = self.classes.get(node)
        if info is None:
            info = ClassInfo(self, node, scope)
            self.classes[node] = info
            info.added = self.decorator_members(node, scope)
        return info

    # Expressions.

    def eval(self, expr, scope, env=None, self_cls=None, lazy=False):
        """The value of expr in scope. Module and class bodies run in order,
        so a name there is the one bound before it, unless lazy (an
        annotation, read once everything is defined)."""
        env = env or {}
        if isinstance(expr, ast.Name):
            if expr.id in env:
                return env[expr.id]
            owner, binding = scope.lookup(expr.id)
            if owner is scope and scope.kind != "function" and not lazy:
                # module and class bodies run in order: sync_open = open
                # before def open(...) is the builtin
                binding = scope.bound_before(expr.id, expr.lineno)
                if binding is None:
                    owner = None if scope.kind == "module" else scope.parent
                    if owner is not None:
                        owner, binding = owner.lookup(expr.id)
                elif binding is not scope.bindings[expr.id]:
                    return self._binding_value(scope, binding, None)
            if owner is None:
                return Ext(f"builtins.{expr.id}")
            if owner.kind == "function":
                return self.local_value(owner, expr.id, binding, env, self_cls)
            if owner.kind == "class" and binding[0] == "def":  # incr = incrby
                return self.decorated(binding[1], owner, self_cls)
            return self.binding_value(owner, expr.id, binding)
        if isinstance(expr, ast.Attribute):
            return self.attribute(self.eval(expr.value, scope, env, self_cls, lazy), expr.attr)
        if isinstance(expr, ast.Call):
            f = self.eval(expr.func, scope, env, self_cls)
            args = [self.eval(a, scope, env, self_cls) for a in expr.args
                    if not isinstance(a, ast.Starred)]
            result = self.call(f, args)
            if isinstance(result, Async) and not isinstance(f, (Cls, Made)) and \
                    not result.via.startswith("returns"):
                result = Async(result.kind, f"returns {short_source(expr.func)}()")
            return result
        if isinstance(expr, ast.Subscript):
            return self.eval(expr.value, scope, env, self_cls)
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return expr.value
        return None

    def local_value(self, scope, name, binding, env, self_cls):
        """A name bound in a function body, its closure being env."""
        if binding[0] == "def":
            return self.decorated(binding[1], scope, self_cls, env)
        if binding[0] == "class":
            return Cls(self.class_info(binding[1], scope))
        if binding[0] == "assign":
            key = ("local", binding[1])
            if key in self.busy:
                return None
            self.busy.add(key)
            try:
                return self.eval(binding[1], scope, env, self_cls)
            finally:
                self.busy.discard(key)
        return self._binding_value(scope, binding, None)

    def attribute(self, base, name):
        if isinstance(base, Mod):
            return self.module_member(base.module, name)
        if isinstance(base, Cls):
            return self.class_member(base.info, name, base.info)
        if isinstance(base, Inst):
            return self.class_member(base.info, name, base.info)
        if isinstance(base, Ext):
            return Ext(f"{base.dotted}.{name}")
        return None

    def class_member(self, info, name, self_cls):
        owner, binding = info.member(name)
        if owner is None:
            return None
        if not isinstance(binding, tuple):
            return binding  # set by a class decorator
        if binding[0] == "def":
            return self.decorated(binding[1], owner.body, self_cls)
        key = ("member", owner, name)
        if key in self.busy:
            return None
        self.busy.add(key)
        try:
            if binding[0] == "assign":
                return self.eval(binding[1], owner.body, None, self_cls)
            return self._binding_value(owner.body, binding, None)
        finally:
            self.busy.discard(key)

    def call(self, f, args):
        if isinstance(f, Fn):
            return self.result(f, args)
        if isinstance(f, Cls):
            return Inst(f.info)
        if isinstance(f, Made):
            return f.result
        if isinstance(f, Same):
            return args[0] if args else None
        return None

    # Functions.

    def decorated(self, node, scope, self_cls, env=None):
        """The value a def binds once its decorators are applied."""
        key = ("decorated", node, self_cls, env_key(env))
        if key in self.memo:
            return self.memo[key]
        if key in self.busy:
            return None
        self.busy.add(key)
        try:
            v = Fn(node, scope, self_cls, env)
            for dec in reversed(node.decorator_list):
                v = self.apply_decorator(dec, v, scope, env, self_cls, node)
                if v is None:
                    break
        finally:
            self.busy.discard(key)
        self.memo[key] = v
        return v

    def apply_decorator(self, dec, v, scope, env, self_cls, node):
        if isinstance(dec, ast.Attribute) and dec.attr in ("setter", "getter", "deleter"):
            return None  # a property
        target = self.eval(dec.func if isinstance(dec, ast.Call) else dec, scope, env, self_cls)
        if isinstance(target, Ext) or target is None:
            if "asynccontextmanager" in (decorator_name(dec), getattr(target, "short", "")):
                return Made(Async("async-cm", "@asynccontextmanager"))
            if {decorator_name(dec), getattr(target, "short", "")} & DROPPING_DECORATORS:
                return None
            return v  # staticmethod, wraps, final, cache...: the call is unchanged
        if isinstance(target, Fn) and not isinstance(dec, ast.Call) and is_identity_decorator(target.node):
            return v
        d = self.eval(dec, scope, env, self_cls) if isinstance(dec, ast.Call) else target
        r = self.call(d, [v]) if isinstance(d, (Fn, Made, Same)) else None
        if isinstance(r, (Fn, Made)):
            if r is not v:
                made = self.call(r, [])
                if isinstance(made, Async) and not (isinstance(r, Fn) and r.node is v.node):
                    return Made(Async(made.kind, f"@{short_source(dec)}"))
            return r
        self.dropped.add(f"{scope.module.path}:{node.lineno}: {node.name}")
        return None

    def result(self, fn, args):
        """What calling fn with args returns."""
        node = fn.node
        key = ("result", node, fn.self_cls, tuple(args), env_key(fn.env))
        if key in self.memo:
            return self.memo[key]
        if key in self.busy:
            return None
        self.busy.add(key)
        try:
            value = self._result(fn, args)
        finally:
            self.busy.discard(key)
        self.memo[key] = value
        return value

    def _result(self, fn, args):
        node = fn.node
        if isinstance(node, ast.AsyncFunctionDef):
            if is_generator(node):
                return Async("asyncgen", "async generator")
            return Async("coroutine", "async def")
        if is_generator(node):
            return None
        local = Scope(fn.scope.module, node, "function", parent=fn.scope)
        env = dict(fn.env)
        params = [a.arg for a in node.args.posonlyargs + node.args.args]
        for p in params:
            env.pop(p, None)
        if node.args.vararg:
            env.pop(node.args.vararg.arg, None)
        if fn.self_cls is not None and fn.scope.kind == "class" and params and \
                not any(decorator_name(d) == "staticmethod" for d in node.decorator_list):
            first = params.pop(0)
            classmethod = any(decorator_name(d) == "classmethod" for d in node.decorator_list)
            env[first] = Cls(fn.self_cls) if classmethod else Inst(fn.self_cls)
        for p, a in zip(params, args):
            if a is not None:
                env[p] = a
        returned = [self.eval(r.value, local, env, fn.self_cls) for r in returns(node)]
        if returned and all(v is not None for v in returned):
            kinds = [self.kinds(v) for v in returned]
            if kinds[0] and all(k == kinds[0] for k in kinds):
                return returned[0]
            if all(isinstance(v, (Fn, Made, Cls)) for v in returned):
                return returned[0]
        if node.returns is not None:
            return self.annotation(node.returns, fn.scope, node.returns)
        return None

    def annotation(self, expr, scope, whole):
        """The value a declared return type promises."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            try:
                expr = ast.parse(expr.value, mode="eval").body
            except SyntaxError:
                return None
            whole = expr
        args = []
        if isinstance(expr, ast.Subscript):
            args = expr.slice.elts if isinstance(expr.slice, ast.Tuple) else [expr.slice]
            expr = expr.value
        if not isinstance(expr, (ast.Name, ast.Attribute)):
            return None  # unions and the like promise no single kind
        t = self.eval(expr, scope, lazy=True)
        if isinstance(t, Ext):
            via = "-> " + short_source(whole)
            if t.module in TYPING_MODULES or t.module == "builtins":
                if t.short in ANNOTATION_KINDS:
                    return Async(ANNOTATION_KINDS[t.short], via)
                if t.short == "Callable" and len(args) == 2:
                    params = args[0].elts if isinstance(args[0], ast.List) else []
                    if len(params) == 1 and ast.dump(params[0]) == ast.dump(args[1]):
                        return Same()
                    r = self.annotation(args[1], scope, args[1])
                    return Made(r) if r is not None else None
            elif t.module.split(".")[0] == "asyncio" and t.short in ASYNCIO_AWAITABLES:
                return Async("awaitable", via)
            return None
        if isinstance(t, Cls):
            return Inst(t.info)
        return None

    # Kinds.

    def kinds(self, value):
        if isinstance(value, Async):
            return {value.kind}
        if isinstance(value, Inst):
            return set(self.class_kinds(value.info))
        return set()

    def class_kinds(self, info):
        """The kinds of the instances of a class, with how each was found."""
        key = ("class_kinds", info)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = {}
        ext = info.external_methods()

        def has(name, sync=False):
            owner, binding = info.member(name)
            if owner is None:
                return name in ext
            if sync and isinstance(binding, tuple) and binding[0] == "def" and raises_only(binding[1]):
                return False  # defined only to say "use async with"
            return True

        out = {}
        if has("__aenter__") and not has("__enter__", True):
            out["async-cm"] = "class: __aenter__"
        if has("__aiter__") and not has("__iter__", True):
            out["async-iter"] = "class: __aiter__"
        if has("__await__"):
            out["awaitable"] = "class: __await__"
        self.memo[key] = out
        return out

    def decorator_members(self, node, scope):
        """Methods a class decorator adds by name, as in

            @delegate_to_executor("read", "write")

        where delegate_to_executor returns a function that loops over its
        arguments calling setattr(cls, name, make_method(name)).
        """
        added = {}
        for dec in node.decorator_list:
            if not (isinstance(dec, ast.Call) and dec.args and all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in dec.args)):
                continue
            d = self.eval(dec.func, scope)
            if not isinstance(d, Fn) or d.node.args.vararg is None:
                continue
            names = [a.value for a in dec.args]
            outer = Scope(d.scope.module, d.node, "function", parent=d.scope)
            for inner in ast.walk(d.node):
                if inner is d.node or not isinstance(inner, ast.FunctionDef):
                    continue
                local = Scope(d.scope.module, inner, "function", parent=outer)
                for loop in ast.walk(inner):
                    if not (isinstance(loop, ast.For) and isinstance(loop.iter, ast.Name) and
                            loop.iter.id == d.node.args.vararg.arg and isinstance(loop.target, ast.Name)):
                        continue
                    for st in ast.walk(loop):
                        if (isinstance(st, ast.Call) and isinstance(st.func, ast.Name) and
                                st.func.id == "setattr" and len(st.args) == 3 and
                                isinstance(st.args[1], ast.Name) and st.args[1].id == loop.target.id):
                            for n in names:
                                value = self.eval(st.args[2], local, {loop.target.id: n})
                                if value is not None:
                                    added[n] = value
        return added


def env_key(env):
    """env as part of a memo key. Keys hold the values themselves, not their
    ids, so that no id is reused while its key is remembered."""
    return tuple(sorted((env or {}).items(), key=lambda item: item[0]))


def reexports(scope):
    """The names a module imports as themselves: from x import y as y."""
    return {a.asname for st in ast.walk(scope.node) if isinstance(st, (ast.Import, ast.ImportFrom))
            for a in st.names if a.asname and a.asname == a.name.split(".")[-1]}


def is_identity_decorator(node):
    """A decorator declared to return what it is given: def d(f: T) -> T."""
    params = node.args.posonlyargs + node.args.args
    return bool(params) and params[0].annotation is not None and node.returns is not None and \
        ast.dump(params[0].annotation) == ast.dump(node.returns)


def own_nodes(node):
    """The nodes of a function body, not those of nested functions or classes."""
    stack = list(node.body)
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(n))


def is_generator(node):
    return any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in own_nodes(node))


def returns(node):
    return [n for n in own_nodes(node) if isinstance(n, ast.Return) and n.value is not None]


def raises_only(node):
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and \
            isinstance(body[0].value.value, str):
        body = body[1:]
    return bool(body) and all(isinstance(st, ast.Raise) for st in body)


def short_source(expr):
    text = " ".join(ast.unparse(expr).split())
    return text if len(text) <= 60 else text[:59] + "…"


def warn(msg):
    print(f"generate.py: {msg}", file=sys.stderr)


# The table.

def public_objects(analyzer, lib):
    """Maps each public object of lib to the public paths it is reached by."""
    paths = {}
    module_aliases = {}  # from . import ospath as path: aiofiles.os.path -> aiofiles.ospath
    for modname in sorted(lib.modules):
        module = lib.modules[modname]
        if not module.public or not (modname == lib.name or modname.startswith(lib.name + ".")):
            continue
        for name in sorted(analyzer.public_names(module)):
            if name.startswith("_"):
                continue
            value = analyzer.module_member(module, name)
            if not isinstance(value, (Fn, Made, Cls)) or is_attribute_alias(analyzer, module, name):
                continue
            origin = analyzer.origin(module, name) or (modname, name)
            entry = paths.setdefault(origin, [value, {}])
            entry[1][f"{modname}.{name}"] = analyzer.offers(module, name)
        for name, binding in module.scope.bindings.items():
            if binding[0] in ("import", "from") and not name.startswith("_"):
                value = analyzer.module_member(module, name)
                if isinstance(value, Mod) and value.module.name.rsplit(".", 1)[-1] != name:
                    module_aliases[f"{modname}.{name}"] = value.module.name  # renamed
    for _, names in paths.values():
        for path in list(names):
            for alias, target in module_aliases.items():
                if path.startswith(target + ".") and path.count(".") == target.count(".") + 1:
                    names.setdefault(alias + path[len(target):], False)
    return paths


def is_attribute_alias(analyzer, module, name):
    """Whether module binds name to an attribute of something not a module,
    such as an enum member: a value, not a function or class of its own."""
    binding = module.scope.bindings.get(name)
    if binding is None or binding[0] != "assign" or not isinstance(binding[1], ast.Attribute):
        return False
    return isinstance(analyzer.eval(binding[1].value, module.scope), (Cls, Inst))


def canonical(names):
    """The path to name an object by: one its module means to offer, then the shortest."""
    return min(names, key=lambda n: (not names[n], n.count("."), len(n), n))


def rows_of(analyzer, objects, public_names):
    rows = set()
    for (modname, objname), (value, names) in objects.items():
        name = canonical(names)
        found = False
        if isinstance(value, Cls):
            for kind, via in analyzer.class_kinds(value.info).items():
                rows.add((name, kind, via))
                found = True
            for member in sorted(value.info.member_names()):
                if member.startswith("_"):
                    continue
                mv = analyzer.class_member(value.info, member, value.info)
                if not isinstance(mv, (Fn, Made)):
                    continue  # attributes, nested classes
                result = analyzer.call(mv, [])
                if isinstance(result, Inst) and (result.info in value.info.mro() or
                                                 value.info in result.info.mro()):
                    continue  # returns its own kind: a builder or a constructor
                owner, binding = value.info.member(member)
                for kind, via in describe(analyzer, result, public_names, made_by(binding)):
                    rows.add((f"{name}.{member}", kind, via))
                    found = True
        else:
            binding = analyzer.modules[modname].scope.bindings.get(objname)
            made = made_by(binding)
            for kind, via in describe(analyzer, analyzer.call(value, []), public_names, made):
                rows.add((name, kind, via))
                found = True
        if found:
            for other in set(names) - {name}:
                rows.add((other, "alias", name))
    return rows


def made_by(binding):
    """For a name bound to what a call returned, that call."""
    if isinstance(binding, tuple) and binding[0] == "assign" and isinstance(binding[1], ast.Call):
        return "= " + short_source(binding[1])
    return ""


def describe(analyzer, result, public_names, made):
    """The (kind, via) pairs of what a call returned."""
    if isinstance(result, Async):
        return [(result.kind, made or result.via)]
    if isinstance(result, Inst):
        cls = result.info
        name = public_names.get(cls, cls.qualname)
        return [(kind, made or f"returns {name}") for kind in analyzer.class_kinds(cls)]
    return []


def parse_spec(spec):
    name, sep, rest = spec.partition("=")
    if not sep or not name or not rest:
        raise Error(f"{spec!r}: expected LIBRARY=DIR or LIBRARY=DIR@VERSION")
    directory, _, version = rest.partition("@")
    return name, directory, version


def generate(specs):
    """The table for the libraries specs name; each is read on its own."""
    libraries = [Library(*parse_spec(s)) for s in specs]
    table = {}
    counts = []
    for lib in libraries:
        analyzer = Analyzer(lib)
        objects = public_objects(analyzer, lib)
        public_names = {v.info: canonical(names) for v, names in objects.values()
                        if isinstance(v, Cls)}
        rows = rows_of(analyzer, objects, public_names)
        for name, kind, via in rows:
            versions = table.get((lib.name, name, kind), ("", []))[1]
            table[(lib.name, name, kind)] = (via, versions + [lib.version])
        counts.append(sum(1 for r in rows if r[1] != "alias"))
        for where in sorted(analyzer.dropped):
            warn(f"{where}: left out, decorated by something not understood")
    lines = [
        "# Public async APIs of Python libraries, read from their sources by",
        "# scripts/asyncapis/generate.py (see scripts/asyncapis/README.md). Do not edit.",
        "# command: python3 scripts/asyncapis/generate.py " + " ".join(shlex.quote(s) for s in specs),
    ]
    for lib, count in zip(libraries, counts):
        lines.append(f"# source: {lib.name} {lib.version}: {len(lib.modules)} modules, "
                     f"{count} rows besides aliases")
    lines.append("# columns: library, name, kind, via, version (kinds: " + ", ".join(KINDS) + ", alias)")
    lines.append("library\tname\tkind\tvia\tversion")
    for (libname, name, kind), (via, versions) in sorted(table.items()):
        lines.append("\t".join((libname, name, kind, via, ",".join(versions))))
    return "\n".join(lines) + "\n"


def specs_in(path):
    """The specs recorded in the command line of a generated table."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# command: "):
                args = shlex.split(line[len("# command: "):])
                return [a for a in args[2:] if "=" in a and not a.startswith("-")]
    raise Error(f"{path}: no '# command:' line to take the sources from")


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("specs", nargs="*", metavar="LIBRARY=DIR[@VERSION]")
    p.add_argument("-o", "--output", help="write the table here instead of standard output")
    p.add_argument("--check", metavar="TABLE",
                   help="regenerate TABLE (from the sources its header names, unless SPECs are "
                        "given) and fail if it differs")
    opts = p.parse_args(argv)
    try:
        if opts.check:
            specs = opts.specs or specs_in(opts.check)
            text = generate(specs)
            with open(opts.check, encoding="utf-8") as f:
                old = f.read()
            if old != text:
                sys.stdout.writelines(difflib.unified_diff(
                    old.splitlines(True), text.splitlines(True), opts.check, "regenerated"))
                return 1
            print(f"{opts.check}: up to date")
            return 0
        if not opts.specs:
            p.error("no sources given")
        text = generate(opts.specs)
        if opts.output:
            with open(opts.output, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            sys.stdout.write(text)
        return 0
    except Error as e:
        warn(str(e))
        return 2
    except OSError as e:
        warn(f"{e.filename}: {e.strerror}")
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
