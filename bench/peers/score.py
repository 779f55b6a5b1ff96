"""Scores asynclint on the test suites of other async linters.

Each suite module reads a peer's test files and what the peer expects of
them; asynclint checks a copy of every file (all rules selected) and each
expectation is matched with a finding of an asynclint rule whose `same as`
lists the peer's code, on the same line. See README.md.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field

import flake8async
import mapping
import policy
import pylint
import pyright
import ruff


@dataclass
class Counts:
    expected: int = 0
    found: int = 0
    missed: int = 0
    no_rule: int = 0
    policy: int = 0  # expectations set aside by policy.md
    extra: int = 0
    extra_policy: int = 0  # findings set aside by policy.md
    other_column: int = 0  # found, but at another column

    def add(self, other):
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def share(self):
        scored = self.found + self.missed
        return self.found / scored if scored else None


@dataclass
class Result:
    codes: dict = field(default_factory=lambda: defaultdict(Counts))  # peer code -> Counts
    missed: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    set_aside: list = field(default_factory=list)  # policy matches

    def totals(self):
        t = Counts()
        for c in self.codes.values():
            t.add(c)
        return t


def toml_value(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return json.dumps(v)


def run_asynclint(asynclint, fixtures):
    """asynclint's findings for each fixture: {index: [finding, ...]}.

    asynclint reads one configuration for a run, so fixtures are checked
    in groups that share their settings, each group in a directory with an
    asynclint.toml that selects every rule; each fixture has a directory
    of its own.
    """
    groups = defaultdict(list)
    for i, fx in enumerate(fixtures):
        groups[json.dumps(fx.settings, sort_keys=True)].append(i)
    by_fixture = defaultdict(list)
    for settings, indexes in groups.items():
        config = {"select": ["ALL"], **json.loads(settings)}
        with tempfile.TemporaryDirectory(prefix="asynclint-peers-") as tmp:
            with open(os.path.join(tmp, "asynclint.toml"), "w", encoding="utf-8") as f:
                f.write("".join(f"{k} = {toml_value(v)}\n" for k, v in config.items()))
            where = {}
            for i in indexes:
                path = os.path.join(f"{i:05d}", os.path.basename(fixtures[i].file))
                os.mkdir(os.path.join(tmp, f"{i:05d}"))
                with open(os.path.join(tmp, path), "w", encoding="utf-8") as f:
                    f.write(fixtures[i].source)
                where[path] = i
            for finding in check(asynclint, tmp):
                i = where.get(os.path.normpath(finding["path"]))
                if i is None:
                    raise SystemExit(f"asynclint reported a file it was not given: {finding['path']}")
                by_fixture[i].append(finding)
    return by_fixture


def check(asynclint, directory):
    """The findings of `asynclint check` on directory."""
    try:
        out = subprocess.run([asynclint, "check", "--no-cache", "--exit-zero", "--format", "json", "."],
                             cwd=directory, capture_output=True, text=True)
    except OSError as e:
        raise SystemExit(f"{asynclint}: {e.strerror}")
    if out.returncode != 0:
        raise SystemExit(f"asynclint check failed (exit {out.returncode}):\n{out.stderr.strip()}")
    if out.stderr.strip():
        print(f"asynclint: {out.stderr.strip()}", file=sys.stderr)
    try:
        return json.loads(out.stdout)
    except ValueError as e:
        raise SystemExit(f"asynclint check --format json: not JSON: {e}")


def source_line(fx, line):
    lines = fx.source.split("\n")
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def score(fx, findings, peers, entries, result):
    """Matches one fixture's expectations with asynclint's findings."""
    unpaired = sorted(findings, key=lambda f: (f["line"], f["column"]))
    lib = fx.variant or "-"
    for e in sorted(fx.expected, key=lambda e: (e.line, e.col or 0)):
        counts = result.codes[e.code]
        counts.expected += 1
        rules = peers.rules_for(e.code)
        if not rules:
            counts.no_rule += 1
            continue
        candidates = [f for f in unpaired if f["line"] == e.line and f["code"] in rules]
        if candidates:
            best = min(candidates, key=lambda f: 0 if e.col is None else abs(f["column"] - e.col))
            unpaired.remove(best)
            counts.found += 1
            if e.col is not None and best["column"] != e.col:
                counts.other_column += 1
            continue
        text = source_line(fx, e.line)
        item = {"file": fx.file, "library": fx.variant, "line": e.line, "column": e.col,
                "code": e.code, "rules": sorted(rules), "source": text}
        entry = policy.find(entries, "peer only", fx.suite, fx.file, lib, e.code, e.line, text)
        if entry:
            counts.policy += 1
            result.set_aside.append({**item, "difference": entry.difference, "reason": entry.reason})
        else:
            counts.missed += 1
            result.missed.append(item)
    checked = defaultdict(set)  # asynclint rule -> the peer codes it stands for here
    for code in peers.rules:
        if any(code.startswith(s) for s in fx.enabled):
            for rule in peers.rules[code]:
                checked[rule].add(code)
    for f in unpaired:
        if f["code"] not in checked:
            continue
        codes = sorted(checked[f["code"]])
        counts = result.codes["+".join(codes)]
        text = source_line(fx, f["line"])
        item = {"file": fx.file, "library": fx.variant, "line": f["line"], "column": f["column"],
                "code": f["code"], "peer_codes": codes, "message": f["message"], "source": text}
        entry = policy.find(entries, "asynclint only", fx.suite, fx.file, lib, f["code"], f["line"], text)
        if entry:
            counts.extra_policy += 1
            result.set_aside.append({**item, "difference": entry.difference, "reason": entry.reason})
        else:
            counts.extra += 1
            result.extra.append(item)


def fmt_share(c):
    s = c.share()
    return "-" if s is None else f"{100 * s:.0f}%"


def print_table(name, result, peers):
    rows = [("peer code", "asynclint", "expected", "found", "missed", "policy", "no rule", "extra", "extra policy", "share")]
    for code in sorted(result.codes):
        c = result.codes[code]
        rows.append((code, peers.label(code), c.expected, c.found, c.missed, c.policy, c.no_rule, c.extra, c.extra_policy,
                     fmt_share(c)))
    t = result.totals()
    rows.append(("total", "", t.expected, t.found, t.missed, t.policy, t.no_rule, t.extra, t.extra_policy,
                 fmt_share(t)))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    print(f"\n## {name}\n")
    for n, r in enumerate(rows):
        if n == len(rows) - 1:
            print("  ".join("-" * w for w in widths))
        print("  ".join(str(v).ljust(w) if i < 2 else str(v).rjust(w) for i, (v, w) in enumerate(zip(r, widths))))
    print(f"\n{name}: {t.expected - t.no_rule} expectations of mapped codes: {t.found} found, {t.missed} missed, "
          f"{t.policy} set aside by policy; found {fmt_share(t)} of those not set aside "
          f"({t.other_column} at another column). {t.no_rule} expectations of codes with no rule. "
          f"{t.extra} extra findings, {t.extra_policy} more set aside by policy.")


def where(item):
    lib = f" [{item['library']}]" if item["library"] else ""
    return f"{item['file']}:{item['line']}{lib}"


def print_details(name, result):
    print(f"\n### {name}: missed\n")
    for m in sorted(result.missed, key=lambda m: (m["file"], m["line"], m["library"])):
        print(f"{where(m)}: {m['code']} -> {','.join(m['rules'])}: {m['source']}")
    print(f"\n### {name}: extra\n")
    for x in sorted(result.extra, key=lambda x: (x["file"], x["line"], x["library"])):
        print(f"{where(x)}: {x['code']} (not {'/'.join(x['peer_codes'])}): {x['source']}\n    {x['message']}")
    if result.set_aside:
        print(f"\n### {name}: set aside by policy\n")
        for p in sorted(result.set_aside, key=lambda p: (p["file"], p["line"], p["library"])):
            print(f"{where(p)}: {p['code']} ({p['difference']}): {p['source']}\n    {p['reason']}")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(prog="bench/peers/run.sh",
                                description="Score asynclint on other async linters' test suites.")
    p.add_argument("ruff_dir", nargs="?", help="a ruff checkout (github.com/astral-sh/ruff)")
    p.add_argument("flake8_async_dir", nargs="?", help="a flake8-async checkout (github.com/python-trio/flake8-async)")
    p.add_argument("--ruff", dest="ruff_flag", metavar="DIR", help="a ruff checkout")
    p.add_argument("--flake8-async", dest="flake8_async_flag", metavar="DIR", help="a flake8-async checkout")
    p.add_argument("--libraries", default=",".join(flake8async.LIBRARIES),
                   help="the libraries flake8-async's files are run as (default: %(default)s)")
    p.add_argument("--pylint", metavar="DIR", help="a pylint checkout (github.com/pylint-dev/pylint)")
    p.add_argument("--pyright", metavar="DIR", help="a pyright checkout (github.com/microsoft/pyright)")
    p.add_argument("--asynclint", required=True, help="the asynclint binary")
    p.add_argument("--catalog", default=os.path.join(here, "..", "..", "..", "shared", "spec", "rules.md"),
                   help="the rule catalog (default: ../shared/spec/rules.md from the repository)")
    p.add_argument("--policy", default=os.path.join(here, "policy.md"), help="the policy table")
    p.add_argument("--details", action="store_true", help="list each missed and extra finding")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE ('-': stdout only)")
    a = p.parse_args(argv)

    dirs = {"ruff": a.ruff_flag or a.ruff_dir, "flake8-async": a.flake8_async_flag or a.flake8_async_dir,
            "pylint": a.pylint, "pyright": a.pyright}
    if not any(dirs.values()):
        p.error("give at least one suite directory")
    warnings = []
    peers = mapping.load(a.asynclint, a.catalog)
    entries = policy.load(a.policy)
    codes = peers.peer_codes()
    libraries = [lib for lib in a.libraries.split(",") if lib]
    if unknown := set(libraries) - set(flake8async.LIBRARIES):
        p.error(f"--libraries: unknown {', '.join(sorted(unknown))} (known: {', '.join(flake8async.LIBRARIES)})")
    loaders = {
        "ruff": ruff.load,
        "flake8-async": lambda d, warn: flake8async.load(d, warn, libraries),
        "pylint": lambda d, warn: pylint.load(d, warn, codes),
        "pyright": lambda d, warn: pyright.load(d, warn, codes),
    }
    fixtures = []
    for suite, d in dirs.items():
        if d:
            fixtures += loaders[suite](d, warnings.append)
    findings = run_asynclint(a.asynclint, fixtures)
    results = {}
    for i, fx in enumerate(fixtures):
        score(fx, findings.get(i, []), peers, entries, results.setdefault(fx.suite, Result()))
    for e in entries:
        if not e.used and any(policy.matches(suite, e.suite) for suite in results):
            warnings.append(f"{e.where}: policy entry matches nothing")

    if a.json != "-":
        print("# asynclint on other linters' test suites")
        print(f"\nasynclint rules: {len(peers.existing)}; catalog: {os.path.normpath(a.catalog)}. "
              "An expectation is found when asynclint reports a rule that maps to its code on its line.")
        for suite, result in results.items():
            print_table(suite, result, peers)
        if a.details:
            for suite, result in results.items():
                print_details(suite, result)
        for note in peers.notes + warnings:
            print(f"note: {note}", file=sys.stderr)
    if a.json:
        doc = {
            "rules": sorted(peers.existing),
            "notes": peers.notes + warnings,
            "suites": {s: {"codes": {c: vars(v) for c, v in sorted(r.codes.items())},
                           "totals": vars(r.totals()),
                           "missed": r.missed, "extra": r.extra, "policy": r.set_aside}
                       for s, r in results.items()},
        }
        if a.json == "-":
            json.dump(doc, sys.stdout, indent=2)
            print()
        else:
            with open(a.json, "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=2)
                f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
