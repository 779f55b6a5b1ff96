"""Checks what asynclint's fixes did to a copy of a project.

    python3 bench/fixes_check.py ORIGINAL FIXED

Compares every Python file of FIXED that differs from its twin in ORIGINAL
and prints one line of counts:

  changed      files the fixes changed
  unchecked    changed files whose original CPython does not compile
  broken       changed files that compiled before and do not now
  unbound      names still used whose import the fixes removed
  unused       imports the fixes added or left unused
  foreign      calls of asyncio, trio or anyio added to a file that does
               not run on that library (asyncio: of them, into non-asyncio
               code)
  lazy         lazy iterators (os.walk, scandir, Path.iterdir/glob/rglob,
               glob.iglob) handed to a worker thread

The counts are printed as "name=value" pairs, so that bench/fixes.sh can
add them up, followed by one line per problem found.
"""

import ast
import os
import sys
import warnings

LIBRARIES = ("asyncio", "trio", "anyio")

# Libraries that run only on asyncio: a module importing one runs there.
ASYNCIO_ONLY = {
    "aiohttp", "aiofiles", "aiosqlite", "aiokafka", "aioredis", "asyncpg",
    "motor", "pytest_asyncio", "quart", "redis.asyncio", "sanic", "uvloop",
}

# Frameworks with their own event loop: asyncio, trio and anyio calls do
# not belong in their code.
OTHER_FRAMEWORKS = {"twisted", "gevent", "eventlet", "curio"}

# Lazy iterators: called in a worker thread, they return at once and do
# their work while they are iterated, on the event loop.
LAZY_FUNCTIONS = {"os.walk", "os.fwalk", "os.scandir", "glob.iglob"}
LAZY_METHODS = {"iterdir", "glob", "rglob", "walk"}


def compiles(src, path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(src, path, "exec", dont_inherit=True)
            return True
        except (SyntaxError, ValueError):
            return False


def parse(src):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(src)
        except (SyntaxError, ValueError):
            return None


def module_statements(tree):
    """Yields the statements that run at module level, inside if, try and
    with blocks too, but not in functions or classes."""
    todo = list(tree.body)
    while todo:
        stmt = todo.pop(0)
        yield stmt
        if isinstance(stmt, (ast.If, ast.Try, ast.With, ast.ExceptHandler)) or type(stmt).__name__ == "TryStar":
            for field in ("body", "orelse", "finalbody", "handlers"):
                todo.extend(getattr(stmt, field, []))


def top_modules(tree):
    """The modules the module imports at module level, with their parent
    packages."""
    found = set()
    for stmt in module_statements(tree):
        if isinstance(stmt, ast.Import):
            names = [a.name for a in stmt.names]
        elif isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module:
            names = [stmt.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return found


def runs_on(library, modules):
    """Whether code importing modules runs on library: it imports the
    library and no other framework. anyio code runs on any backend, so only
    anyio calls suit a module that imports anyio."""
    if modules & OTHER_FRAMEWORKS:
        return False
    if library == "anyio":
        return "anyio" in modules
    others = {"trio", "anyio"} if library == "asyncio" else {"asyncio", "anyio"} | ASYNCIO_ONLY
    if modules & others:
        return False
    return library in modules or library == "asyncio" and bool(modules & ASYNCIO_ONLY)


def import_bindings(tree):
    """Maps each name an import binds (anywhere) to what it imports:
    "os" for import os, "os.walk" for from os import walk."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    names[a.asname] = a.name
                else:
                    top = a.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            for a in node.names:
                if a.name != "*":
                    names[a.asname or a.name] = module + "." + a.name
    return names


def name_uses(tree):
    """Counts the loads of each name, and the strings equal to a name
    (__all__ lists, string annotations, getattr)."""
    uses = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store):
            uses[node.id] = uses.get(node.id, 0) + 1
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            uses[node.value] = uses.get(node.value, 0) + 1
    return uses


def library_references(tree, bindings):
    """Counts the attribute references to each async library's module:
    asyncio.to_thread, trio.to_thread.run_sync..."""
    counts = dict.fromkeys(LIBRARIES, 0)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = bindings.get(node.value.id)
            if module in counts:
                counts[module] += 1
    return counts


def offloaded(tree, bindings):
    """Yields the functions handed to a worker thread: the first argument
    of to_thread, to_thread.run_sync and run_in_executor's second."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        args = node.args
        if name == "run_in_executor":
            args = args[1:]
        elif name not in ("to_thread", "run_sync"):
            continue
        if not args:
            continue
        target = args[0]
        if isinstance(target, ast.Call) and getattr(target.func, "attr", getattr(target.func, "id", "")) == "partial" and target.args:
            target = target.args[0]
        yield target


def is_lazy(target, bindings):
    if isinstance(target, ast.Name):
        return bindings.get(target.id) in LAZY_FUNCTIONS
    if not isinstance(target, ast.Attribute):
        return False
    if isinstance(target.value, ast.Name) and target.value.id in bindings:
        module = bindings[target.value.id]
        if module in ("os", "glob"):
            return module + "." + target.attr in LAZY_FUNCTIONS
    return target.attr in LAZY_METHODS


def lazy_count(tree, bindings):
    return sum(1 for t in offloaded(tree, bindings) if is_lazy(t, bindings))


def compare(path, before, after, counts, problems):
    counts["changed"] += 1
    if not compiles(before, path):
        counts["unchecked"] += 1
        return
    if not compiles(after, path):
        counts["broken"] += 1
        problems.append(f"{path}: does not compile after the fixes")
        return
    old, new = parse(before), parse(after)
    old_bindings, new_bindings = import_bindings(old), import_bindings(new)
    old_uses, new_uses = name_uses(old), name_uses(new)
    for name in sorted(new_bindings):
        if new_uses.get(name, 0) == 0 and (old_uses.get(name, 0) > 0 or name not in old_bindings):
            counts["unused"] += 1
            problems.append(f"{path}: import of {name} unused after the fixes")
    for name in sorted(old_bindings):
        if name not in new_bindings and new_uses.get(name, 0) > 0:
            counts["unbound"] += 1
            problems.append(f"{path}: {name} is used but its import was removed")
    modules = top_modules(old)
    old_refs = library_references(old, old_bindings)
    new_refs = library_references(new, new_bindings)
    for library in LIBRARIES:
        added = new_refs[library] - old_refs[library]
        if added > 0 and not runs_on(library, modules):
            counts["foreign"] += added
            if library == "asyncio":
                counts["asyncio"] += added
            problems.append(f"{path}: {added} {library} call(s) added to code that does not run on {library}")
    lazy = lazy_count(new, new_bindings) - lazy_count(old, old_bindings)
    if lazy > 0:
        counts["lazy"] += lazy
        problems.append(f"{path}: {lazy} lazy iterator(s) moved to a worker thread")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: fixes_check.py ORIGINAL FIXED")
    original, fixed = sys.argv[1:]
    counts = dict.fromkeys(("changed", "unchecked", "broken", "unbound", "unused", "foreign", "asyncio", "lazy"), 0)
    problems = []
    for root, dirs, files in os.walk(fixed):
        dirs[:] = sorted(d for d in dirs if d not in (".git", ".asynclint_cache"))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, fixed)
            try:
                with open(os.path.join(original, rel), "rb") as f:
                    before = f.read()
            except FileNotFoundError:
                continue
            with open(path, "rb") as f:
                after = f.read()
            if before != after:
                compare(rel, before, after, counts, problems)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    for p in problems:
        print("  " + p)


if __name__ == "__main__":
    main()
