"""Measures asynclint's precision on real projects, the way a reviewer would.

    sample.py sample --asynclint BIN [--template FILE] [--verdicts FILE]
                     [--save FILE] [--compare FILE] PROJECT_DIR...
    sample.py render [--findings FILE] VERDICTS DOC

`sample` checks each project as a user would (`asynclint check --no-cache
--output-format json DIR`, the default rules) and draws a sample of the
findings, stratified by code and by whether the finding is in test code.
Within a stratum the findings are ranked by a hash of the seed and the
finding's place (project, file, line, column, code), and the first ones
are taken: the same seed draws the same sample, and a change that removes
findings leaves the rest of the sample as it was. Each sampled finding is
printed with its context (and, for a chain of calls, every hop) for a
reviewer; the template is a TSV file with a row per sampled finding and
empty verdict and reason columns, in which verdicts of an earlier template
given by --verdicts are kept.

`render` reads a filled template and rewrites the part of DOC between the
lines `<!-- precision tables -->` and `<!-- end precision tables -->`: a
summary per code and in all, and a table of verdicts per code. Given the
findings the sample was drawn from (--findings, written by --save), it
also weighs the verdicts by how often each code fires.
"""

import argparse
import csv
import hashlib
import json
import math
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

VERDICTS = ("TRUE", "FALSE", "TRIVIAL")
COLUMNS = ("project", "place", "column", "code", "test", "verdict", "reason")
BEGIN = "<!-- precision tables -->"
END = "<!-- end precision tables -->"


def is_test(path):
    """Whether a path relative to its project is test code."""
    parts = path.split("/")
    name = parts[-1]
    return (
        any(p in ("tests", "testing") for p in parts[:-1])
        or (name.startswith("test_") and name.endswith(".py"))
        or name == "conftest.py"
    )


def check(asynclint, project_dir):
    """The findings of asynclint's default rules in one project."""
    proc = subprocess.run(
        [asynclint, "check", "--no-cache", "--exit-zero", "--output-format", "json", project_dir],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"sample.py: asynclint check {project_dir} failed:\n{proc.stderr}")
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        sys.exit(f"sample.py: asynclint check {project_dir}: output is not JSON: {e}")


def collect(asynclint, dirs):
    """Every finding of every project, with its place relative to the project."""
    findings = []
    for d in dirs:
        if not os.path.isdir(d):
            sys.exit(f"sample.py: {d}: not a directory")
        root = os.path.realpath(d)
        project = os.path.basename(root)
        for f in check(asynclint, d):
            if not f.get("code"):  # a file that does not parse
                continue
            path = os.path.relpath(os.path.realpath(f["path"]), root)
            findings.append(
                {
                    "project": project,
                    "root": root,
                    "path": path,
                    "cell": f.get("cell"),
                    "line": f["line"],
                    "column": f["column"],
                    "code": f["code"],
                    "message": f["message"],
                    "test": is_test(path),
                    "related": f.get("related") or [],
                }
            )
    return findings


def key(f):
    return (f["project"], place(f), int(f["column"]), f["code"])


def rank_id(f):
    """What a finding's rank in its stratum is drawn from."""
    where = (f["project"], f["path"], int(f["line"]), int(f["column"]), f["code"])
    return where + (f["cell"],) if f.get("cell") else where


def place(f):
    """file:line, or file:cell:line in a notebook."""
    cell = f.get("cell")
    return f"{f['path']}:{cell}:{f['line']}" if cell not in (None, "") else f"{f['path']}:{f['line']}"


def quota(n, test):
    """How many of a stratum of n findings are sampled: all of a small one, then a share of the rest."""
    base, share = (4, 0.01) if test else (15, 0.2)
    return n if n <= base else base + math.ceil(share * (n - base))


def draw(findings, seed):
    strata = defaultdict(list)
    for f in findings:
        strata[(f["code"], f["test"])].append(f)
    sample = []
    for (_, test), group in strata.items():
        rank = lambda f: hashlib.sha256(f"{seed}\0{rank_id(f)}".encode()).hexdigest()
        sample += sorted(group, key=rank)[: quota(len(group), test)]
    return sorted(sample, key=lambda f: (f["code"], f["test"], f["project"], f["path"], f["cell"] or 0, f["line"], f["column"]))


def read_lines(path, cell=None, cache={}):
    """The lines of a file, or of a notebook's cell (numbered from 1)."""
    if (path, cell) not in cache:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            if cell:
                source = json.loads(text)["cells"][int(cell) - 1]["source"]
                text = "".join(source) if isinstance(source, list) else source
            cache[(path, cell)] = text.splitlines()
        except (OSError, ValueError, LookupError, TypeError):
            cache[(path, cell)] = []
    return cache[(path, cell)]


def enclosing_defs(lines, line):
    """The def and class lines that enclose a line (1-based), outermost first."""
    def indent(s):
        return len(s) - len(s.lstrip())

    found = []
    limit = indent(lines[line - 1]) if 0 < line <= len(lines) else 0
    for i in range(min(line, len(lines) + 1) - 2, -1, -1):
        s = lines[i].lstrip()
        if limit == 0:
            break
        if not s or s.startswith(("#", ")", "]", "}")) or indent(lines[i]) >= limit:
            continue
        limit = indent(lines[i])
        if re.match(r"(async\s+def|def|class)\b", s):
            found.append((i + 1, lines[i].rstrip()))
    return list(reversed(found))


def show(f, n, context):
    where = "tests" if f["test"] else "outside tests"
    out = [f"[{n}] {f['code']} {f['project']} {place(f)}:{f['column']} ({where})"]
    out.append(f"    {f['message']}")
    lines = read_lines(os.path.join(f["root"], f["path"]), f["cell"])
    for ln, text in enclosing_defs(lines, f["line"]):
        out.append(f"    in {ln}: {text.strip()}")
    lo, hi = max(1, f["line"] - context), min(len(lines), f["line"] + context)
    for i in range(lo, hi + 1):
        mark = ">" if i == f["line"] else " "
        out.append(f"  {mark}{i:6} | {lines[i - 1]}")
    for r in f["related"]:
        path = os.path.relpath(os.path.realpath(r["path"]), f["root"])
        rl = read_lines(r["path"], r.get("cell"))
        text = rl[r["line"] - 1].strip() if 0 < r["line"] <= len(rl) else ""
        out.append(f"    -> {path}:{r['line']}  {r['message']}")
        for ln, d in enclosing_defs(rl, r["line"])[-1:]:
            out.append(f"         in {ln}: {d.strip()}")
        out.append(f"         {text}")
    return "\n".join(out)


def read_verdicts(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for i, r in enumerate(rows, 2):
        missing = [c for c in COLUMNS if r.get(c) is None]
        if missing:
            sys.exit(f"sample.py: {path}:{i}: missing columns {', '.join(missing)}")
        if r["verdict"] and r["verdict"] not in VERDICTS:
            sys.exit(f"sample.py: {path}:{i}: verdict {r['verdict']!r} is not one of {', '.join(VERDICTS)}")
    return rows


def row_key(r):
    return (r["project"], r["place"], int(r["column"]), r["code"])


def write_template(path, sample, earlier):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for f in sample:
            old = earlier.get(key(f), {})
            w.writerow(
                [f["project"], place(f), f["column"], f["code"],
                 "yes" if f["test"] else "no", old.get("verdict", ""), old.get("reason", "")]
            )


def counts_by_code(findings):
    c = defaultdict(Counter)
    for f in findings:
        c[f["code"]]["tests" if f["test"] else "outside"] += 1
    return c


def print_counts(findings, sample):
    pop, got = counts_by_code(findings), counts_by_code(sample)
    print(f"{'code':6} {'outside tests':>14} {'in tests':>9} {'sampled outside':>16} {'sampled in tests':>17}")
    for code in sorted(pop):
        p, s = pop[code], got[code]
        print(f"{code:6} {p['outside']:14} {p['tests']:9} {s['outside']:16} {s['tests']:17}")
    print(f"{'total':6} {sum(p['outside'] for p in pop.values()):14} {sum(p['tests'] for p in pop.values()):9}"
          f" {sum(s['outside'] for s in got.values()):16} {sum(s['tests'] for s in got.values()):17}")


def save(path, findings):
    with open(path, "w", encoding="utf-8") as fh:
        for f in sorted(findings, key=rank_id):
            fh.write(json.dumps({k: f[k] for k in ("project", "path", "cell", "line", "column", "code", "test", "message")}) + "\n")


def compare(path, findings):
    """Prints, per code, the findings that appeared or disappeared since a saved run."""
    with open(path, encoding="utf-8") as fh:
        before = {key(f): f for f in map(json.loads, fh)}
    now = {key(f): f for f in findings}
    gone = [before[k] for k in sorted(before.keys() - now.keys())]
    new = [now[k] for k in sorted(now.keys() - before.keys())]
    b, a = Counter(k[3] for k in before), Counter(k[3] for k in now)
    print(f"\nsince {path}: {len(gone)} findings gone, {len(new)} new")
    for code in sorted(b.keys() | a.keys()):
        if b[code] != a[code]:
            print(f"  {code}: {b[code]} -> {a[code]}")
    for label, items in (("gone", gone), ("new", new)):
        for f in items:
            t = " (test)" if f["test"] else ""
            print(f"  {label}: {f['code']} {f['project']} {place(f)}{t}  {f['message'][:120]}")


def cmd_sample(args):
    asynclint = os.path.abspath(args.asynclint)
    findings = collect(asynclint, args.dirs)
    sample = draw(findings, args.seed)
    earlier = {}
    if args.verdicts:
        earlier = {row_key(r): r for r in read_verdicts(args.verdicts) if r["verdict"]}
    for n, f in enumerate(sample, 1):
        v = earlier.get(key(f))
        print(show(f, n, args.context))
        if v:
            print(f"    verdict: {v['verdict']}: {v['reason']}")
        print()
    print(f"seed {args.seed}: {len(findings)} findings, {len(sample)} sampled")
    print_counts(findings, sample)
    if args.verdicts:
        dropped = sorted(set(earlier) - {key(f) for f in sample})
        for k in dropped:
            print(f"no longer sampled: {k[3]} {k[0]} {k[1]}  was {earlier[k]['verdict']}: {earlier[k]['reason']}")
    if args.template:
        write_template(args.template, sample, earlier)
        todo = sum(1 for f in sample if key(f) not in earlier)
        print(f"template: {args.template} ({todo} rows without a verdict)")
    if args.save:
        save(args.save, findings)
    if args.compare:
        compare(args.compare, findings)


def md(s):
    return s.replace("|", "\\|")


def render(rows, fired):
    """The summary and the tables of verdicts per code. fired counts, per
    (code, test), the findings the sample was drawn from, or is empty."""
    by_code = defaultdict(list)
    for r in rows:
        by_code[r["code"]].append(r)

    def tally(rs):
        c = Counter(r["verdict"] for r in rs)
        return [len(rs)] + [c[v] for v in VERDICTS]

    def pct(part, whole):
        return f"{part} ({100 * part / whole:.1f}%)" if whole else "0"

    head = "| code | fired outside tests | sampled | TRUE | FALSE | TRIVIAL | fired in tests | sampled | TRUE | FALSE | TRIVIAL |"
    out = ["### Summary", "", head, "|---" * 11 + "|"]
    for code in sorted(by_code):
        cells = []
        for test in ("no", "yes"):
            n = fired.get((code, test == "yes"), 0) if fired else ""
            cells += [str(n)] + [str(x) for x in tally([r for r in by_code[code] if r["test"] == test])]
        out.append(f"| {code} | " + " | ".join(cells) + " |")
    out += ["", "| where | sampled | TRUE | FALSE | TRIVIAL | no verdict |", "|---|---|---|---|---|---|"]
    for label, rs in (("outside tests", [r for r in rows if r["test"] == "no"]),
                      ("in tests", [r for r in rows if r["test"] == "yes"]),
                      ("all", rows)):
        c = Counter(r["verdict"] for r in rs)
        cells = [str(len(rs))] + [pct(c[v], len(rs)) for v in VERDICTS] + [str(c[""])]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    if fired:
        out += ["", "Weighted by how often each code fires (each sampled finding stands for the findings of "
                "its code and place that were not sampled), the shares of all findings are:", "",
                "| where | findings | TRUE | FALSE | TRIVIAL |", "|---|---|---|---|---|"]
        for label, test in (("outside tests", False), ("in tests", True)):
            share, total = Counter(), 0
            for code in by_code:
                judged = [r for r in by_code[code] if r["test"] == ("yes" if test else "no") and r["verdict"]]
                n = fired.get((code, test), 0)
                total += n
                for r in judged:
                    share[r["verdict"]] += n / len(judged)
            cells = [f"{100 * share[v] / total:.1f}%" if total else "0" for v in VERDICTS]
            out.append(f"| {label} | {total} | " + " | ".join(cells) + " |")
    for code in sorted(by_code):
        out += ["", f"### {code}", "", "| file:line | project | test | verdict | reason |", "|---|---|---|---|---|"]
        for r in by_code[code]:
            out.append(f"| {md(r['place'])} | {r['project']} | {r['test']} | {r['verdict'] or '?'} | {md(r['reason'])} |")
    return "\n".join(out)


def read_fired(path):
    """Findings per (code, test) in a file written by --save."""
    fired = Counter()
    with open(path, encoding="utf-8") as fh:
        for f in map(json.loads, fh):
            fired[(f["code"], f["test"])] += 1
    return fired


def cmd_render(args):
    rows = read_verdicts(args.verdicts)
    with open(args.doc, encoding="utf-8") as fh:
        doc = fh.read()
    if BEGIN not in doc or END not in doc:
        sys.exit(f"sample.py: {args.doc}: no lines {BEGIN} and {END} to write the tables between")
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(args.doc, "w", encoding="utf-8") as fh:
        fh.write(f"{head}{BEGIN}\n\n{render(rows, read_fired(args.findings) if args.findings else {})}\n\n{END}{tail}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="check projects and draw a sample of the findings")
    s.add_argument("--asynclint", required=True, help="the asynclint binary")
    s.add_argument("--seed", default="asynclint-precision", help="the seed of the sample")
    s.add_argument("--context", type=int, default=3, help="lines shown around each finding")
    s.add_argument("--template", help="write the sample as a TSV template of verdicts")
    s.add_argument("--verdicts", help="a filled template whose verdicts the new one keeps")
    s.add_argument("--save", help="write every finding, one JSON object a line")
    s.add_argument("--compare", help="list the findings gone or new since a file written by --save")
    s.add_argument("dirs", nargs="+", metavar="PROJECT_DIR")
    s.set_defaults(run=cmd_sample)
    r = sub.add_parser("render", help="write the tables of a filled template into a document")
    r.add_argument("verdicts")
    r.add_argument("doc")
    r.add_argument("--findings", help="the findings the sample was drawn from, written by --save, to weigh the verdicts")
    r.set_defaults(run=cmd_render)
    args = p.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
