"""Which asynclint rules stand for which codes of other tools.

Two sources: `asynclint rules --format json` (the rules that exist, with
their `same_as` codes) and the rule catalog (rules.md, whose `same as`
column is the contract and also names the rules that do not exist yet).
"""

import json
import re
import subprocess
from dataclasses import dataclass, field


@dataclass
class PeerMap:
    existing: set = field(default_factory=set)  # rule codes the binary has
    rules: dict = field(default_factory=dict)  # peer code -> existing rules
    planned: dict = field(default_factory=dict)  # peer code -> catalog-only rules
    notes: list = field(default_factory=list)  # json and catalog disagreements

    def rules_for(self, code):
        """The existing asynclint rules a peer code maps to."""
        return self.rules.get(code, set())

    def peer_codes(self):
        return set(self.rules) | set(self.planned)

    def label(self, code):
        """How the asynclint side of a peer code (or of codes joined by +) reads in a table."""
        if "+" in code:
            return ",".join(sorted(set().union(*(self.rules_for(c) for c in code.split("+")))))
        if code in self.rules:
            return ",".join(sorted(self.rules[code]))
        if code in self.planned:
            return ",".join(sorted(self.planned[code])) + " (planned)"
        return "-"


def binary_rules(asynclint):
    """Rule code -> same_as codes, from `asynclint rules --format json`."""
    try:
        out = subprocess.run([asynclint, "rules", "--format", "json"], capture_output=True, text=True)
    except OSError as e:
        raise SystemExit(f"{asynclint}: {e.strerror}")
    if out.returncode != 0:
        raise SystemExit(f"{asynclint} rules --format json failed: {out.stderr.strip()}")
    try:
        return {r["code"]: set(r.get("same_as") or []) for r in json.loads(out.stdout)}
    except (ValueError, KeyError, TypeError) as e:
        raise SystemExit(f"{asynclint} rules --format json: unexpected output: {e}")


def same_as_codes(cell):
    """The codes in a catalog `same as` cell.

    "PLE1142, F704" -> both; "E1145 (pylint)" -> E1145; "(pyright)" -> pyright,
    a tool named without a code; "(none: ...)" -> nothing.
    """
    codes = []
    for part in cell.split(","):
        part = part.strip().strip("`")
        if not part:
            continue
        if part.startswith("("):
            inner = part.strip("()").strip()
            if re.fullmatch(r"[\w-]+", inner) and inner != "none":
                codes.append(inner)
            continue
        m = re.match(r"[A-Za-z][\w-]*", part)
        if m:
            codes.append(m.group())
    return codes


def catalog_rules(path):
    """Rule code -> same-as codes, from the catalog's tables."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise SystemExit(f"rule catalog {path}: {e.strerror}")
    rules = {}
    for line in text.splitlines():
        if not re.match(r"\|\s*AL\d+\s*\|", line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rules[cells[0]] = set(same_as_codes(cells[-1]))
    if not rules:
        raise SystemExit(f"rule catalog {path}: no rule table rows (| ALnnn | ... |) found")
    return rules


# TOOLS are tools that the catalog names without a code ("(pyright)"): no
# noqa comment can name them, so the rules do not list them, but the
# scorer maps the tool's expectations to the rule.
TOOLS = {"pyright"}


def load(asynclint, catalog_path):
    have = binary_rules(asynclint)
    catalog = catalog_rules(catalog_path)
    for rule in set(have) & set(catalog):
        have[rule] |= catalog[rule] & TOOLS
    m = PeerMap(existing=set(have))
    for rule, codes in have.items():
        for code in codes:
            m.rules.setdefault(code, set()).add(rule)
    for rule, codes in catalog.items():
        if rule in have:
            continue
        for code in codes:
            m.planned.setdefault(code, set()).add(rule)
    for rule in sorted(set(have) & set(catalog)):
        if have[rule] != catalog[rule]:
            only_bin = ", ".join(sorted(have[rule] - catalog[rule])) or "-"
            only_cat = ", ".join(sorted(catalog[rule] - have[rule])) or "-"
            m.notes.append(f"{rule}: same_as differs from the catalog "
                           f"(only in the binary: {only_bin}; only in the catalog: {only_cat})")
    for rule in sorted(set(have) - set(catalog)):
        m.notes.append(f"{rule}: in the binary but not in the catalog")
    return m
