package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// A module is a generated Python module of about lines lines.
type module struct {
	name  string // dotted, as imported
	path  string // absolute
	text  string
	lines int // asked for
}

// writeWorkspace writes a project to dir: a package app with a module of
// each size in sizes (app.large_3000 and so on), the helpers they call
// (some of which block), and modules that import them, as an application
// is laid out. It returns the large modules.
func writeWorkspace(dir string, sizes []int, seed uint64) ([]module, error) {
	files := map[string]string{
		"pyproject.toml":  "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.11\"\n",
		"app/__init__.py": "\"\"\"The application.\"\"\"\n",
		"app/util.py":     utilPy,
		"app/models.py":   modelsPy,
	}
	var mods []module
	for i, n := range sizes {
		name := fmt.Sprintf("large_%d", n)
		g := newGenerator(seed + uint64(i))
		m := module{name: "app." + name, path: filepath.Join(dir, "app", name+".py"), text: g.module(n), lines: n}
		files["app/"+name+".py"] = m.text
		files["app/uses_"+name+".py"] = usesPy(m.name, g.coroutines, g.helpers)
		mods = append(mods, m)
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	return mods, nil
}

// utilPy holds helpers the large modules import: some block (through open,
// time.sleep and subprocess, one or two calls away), some do not.
const utilPy = `"""Helpers shared by the application's modules."""

import json
import subprocess
import time
from pathlib import Path


def read_file(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def load_settings(path="settings.json"):
    """Reads the settings file: blocks on the disk."""
    return json.loads(read_file(path))


def wait_for_backend(seconds=0.5):
    # Polls until the backend answers; sleeps in between.
    time.sleep(seconds)
    return True


def git_revision():
    return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True).stdout


def normalize(value):
    """Pure: lower-cases and strips a value."""
    return str(value).strip().lower()


def chunked(items, size=100):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def cache_dir():
    return Path.home() / ".cache" / "app"
`

// modelsPy holds classes the large modules use.
const modelsPy = `"""Data classes of the application."""

from dataclasses import dataclass, field


@dataclass
class Record:
    id: int
    name: str
    tags: list[str] = field(default_factory=list)


@dataclass
class Page:
    items: list[Record]
    cursor: str | None = None

    def __len__(self):
        return len(self.items)
`

// usesPy is a module that imports the coroutines and helpers of the module
// name and calls them, as the rest of an application does.
func usesPy(name string, coroutines, helpers []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\"\"\"Uses %s.\"\"\"\n\nimport asyncio\n\n", name)
	coroutines, helpers = coroutines[:min(len(coroutines), 8)], helpers[:min(len(helpers), 4)]
	fmt.Fprintf(&b, "from %s import %s\n\n\n", name, strings.Join(append(append([]string{}, coroutines...), helpers...), ", "))
	b.WriteString("async def main(session):\n    results = []\n")
	for i, c := range coroutines {
		fmt.Fprintf(&b, "    results.append(await %s(session, %d))\n", c, i)
	}
	for _, h := range helpers {
		fmt.Fprintf(&b, "    results.append(%s({\"id\": 1}))\n", h)
	}
	b.WriteString("    return results\n\n\nif __name__ == \"__main__\":\n    asyncio.run(main(None))\n")
	return b.String()
}

// A generator writes a module of top-level functions and classes that
// reads like application code: imports, docstrings, comments, coroutines
// that call helpers of the module and of app.util, classes with plain and
// async methods, and, here and there, a blocking call in a coroutine.
type generator struct {
	rnd        *rand.Rand
	b          strings.Builder
	lines      int
	n          int      // definitions written
	helpers    []string // plain functions written
	coroutines []string // async defs written
}

func newGenerator(seed uint64) *generator {
	return &generator{rnd: rand.New(rand.NewPCG(seed, 0x5eed))}
}

func (g *generator) line(format string, args ...any) {
	fmt.Fprintf(&g.b, format+"\n", args...)
	g.lines++
}

// module writes a module of at least n lines.
func (g *generator) module(n int) string {
	g.line(`"""Order processing: records, pages of results and the handlers that serve them.`)
	g.line(``)
	g.line(`Generated for benchmarks; reads like application code, café → ok.`)
	g.line(`"""`)
	g.line(``)
	for _, imp := range []string{"import asyncio", "import json", "import logging", "import os", "import time",
		"from typing import Any", "", "from app import models", "from app.util import chunked, load_settings, normalize, wait_for_backend"} {
		g.line("%s", imp)
	}
	g.line(``)
	g.line(`log = logging.getLogger(__name__)`)
	g.line(`DEFAULT_TIMEOUT = 30`)
	for g.lines < n {
		g.line(``)
		g.line(``)
		switch k := g.rnd.IntN(10); {
		case k < 3 || len(g.helpers) == 0:
			g.helper()
		case k < 7:
			g.coroutine()
		default:
			g.class()
		}
	}
	return g.b.String()
}

func (g *generator) pick(names []string) string { return names[g.rnd.IntN(len(names))] }

// helper writes a plain function of 10 to 25 lines; one in five blocks.
func (g *generator) helper() {
	g.n++
	name := fmt.Sprintf("parse_record_%d", g.n)
	g.helpers = append(g.helpers, name)
	g.line(`def %s(raw: dict[str, Any]) -> dict[str, Any]:`, name)
	g.line(`    """Turns a raw record into the form the handlers use.`)
	g.line(``)
	g.line(`    Unknown keys are kept; names are normalized.`)
	g.line(`    """`)
	g.line(`    result = {}`)
	for i := range 2 + g.rnd.IntN(5) {
		g.line(`    # Field %d: copied when present, defaulted otherwise.`, i)
		g.line(`    if "field_%d" in raw:`, i)
		g.line(`        result["field_%d"] = normalize(raw["field_%d"])`, i, i)
	}
	if g.rnd.IntN(5) == 0 {
		g.line(`    settings = load_settings()`)
		g.line(`    result["region"] = settings.get("region", "eu")`)
	}
	g.line(`    result["id"] = int(raw.get("id", 0))`)
	g.line(`    return result`)
}

// coroutine writes an async def of 12 to 35 lines that calls helpers and
// other coroutines; some block the event loop.
func (g *generator) coroutine() {
	g.n++
	name := fmt.Sprintf("handle_request_%d", g.n)
	g.line(`async def %s(session, request_id: int) -> dict[str, Any]:`, name)
	g.line(`    """Serves request %d: loads the records, then answers."""`, g.n)
	g.line(`    log.debug("handling %%s", request_id)`)
	g.line(`    records = []`)
	for i := range 2 + g.rnd.IntN(4) {
		g.line(`    raw = await session.get("/records/%d", timeout=DEFAULT_TIMEOUT)`, i)
		g.line(`    records.append(%s(raw))`, g.pick(g.helpers))
		if len(g.coroutines) > 0 && g.rnd.IntN(3) == 0 {
			g.line(`    extra = await %s(session, request_id + %d)`, g.pick(g.coroutines), i)
			g.line(`    records.extend(extra.get("records", []))`)
		}
	}
	switch g.rnd.IntN(8) {
	case 0:
		g.line(`    time.sleep(0.1)  # waits for the replica`)
	case 1:
		g.line(`    wait_for_backend()`)
	case 2:
		g.line(`    await asyncio.to_thread(wait_for_backend)`)
	}
	g.line(`    for batch in chunked(records, 50):`)
	g.line(`        await asyncio.sleep(0)`)
	g.line(`        log.info("batch of %%d", len(batch))`)
	g.line(`    return {"id": request_id, "records": records, "count": len(records)}`)
	g.coroutines = append(g.coroutines, name)
}

// class writes a class with a constructor, plain and async methods.
func (g *generator) class() {
	g.n++
	g.line(`class OrderService%d:`, g.n)
	g.line(`    """Keeps the orders of one customer and refreshes them."""`)
	g.line(``)
	g.line(`    def __init__(self, session, customer_id: int):`)
	g.line(`        self.session = session`)
	g.line(`        self.customer_id = customer_id`)
	g.line(`        self.orders: list[models.Record] = []`)
	g.line(``)
	g.line(`    def path(self) -> str:`)
	g.line(`        return os.path.join("customers", str(self.customer_id))`)
	g.line(``)
	g.line(`    def dump(self) -> str:`)
	g.line(`        return json.dumps([o.id for o in self.orders])`)
	g.line(``)
	g.line(`    async def refresh(self) -> int:`)
	g.line(`        raw = await self.session.get(self.path())`)
	g.line(`        self.orders = [models.Record(id=r["id"], name=r["name"]) for r in raw]`)
	if g.rnd.IntN(4) == 0 {
		g.line(`        time.sleep(0.01)`)
	}
	g.line(`        return len(self.orders)`)
	g.line(``)
	g.line(`    async def total(self) -> int:`)
	g.line(`        count = await self.refresh()`)
	g.line(`        return count * 2`)
}

// pasteFunction is the function the paste edit inserts: 40 lines, with a
// blocking call in a coroutine.
func pasteFunction(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "async def pasted_handler_%d(session, request_id: int) -> dict[str, Any]:\n", n)
	b.WriteString("    \"\"\"Pasted: loads the records of a request and answers.\"\"\"\n")
	b.WriteString("    log.debug(\"pasted %s\", request_id)\n")
	b.WriteString("    records = []\n")
	for i := range 8 {
		fmt.Fprintf(&b, "    raw = await session.get(\"/pasted/%d\")\n", i)
		b.WriteString("    if raw:\n")
		b.WriteString("        records.append(normalize(raw))\n")
		fmt.Fprintf(&b, "    # step %d done\n", i)
	}
	b.WriteString("    time.sleep(0.05)\n")
	b.WriteString("    # Answers with what was found.\n")
	b.WriteString("    count = len(records)\n")
	b.WriteString("    return {\"id\": request_id, \"records\": records, \"count\": count}\n")
	b.WriteString("\n\n")
	return b.String()
}
