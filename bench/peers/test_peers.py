"""Tests of the scorer's readers and matching: python3 -m unittest discover -s bench/peers"""

import os
import tempfile
import unittest

import flake8async
import mapping
import policy
import ruff
import score
from fixture import Expectation, Fixture


class SameAsTest(unittest.TestCase):
    def test_cells(self):
        cases = {
            "PLE1142, F704": ["PLE1142", "F704"],
            "E1145 (pylint)": ["E1145"],
            "(pyright)": ["pyright"],
            "(none: no static tool does this)": [],
            "reportUnusedCoroutine, unused-coroutine, ASYNC105": ["reportUnusedCoroutine", "unused-coroutine", "ASYNC105"],
            "": [],
        }
        for cell, want in cases.items():
            self.assertEqual(mapping.same_as_codes(cell), want, cell)

    def test_catalog_rows(self):
        with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False) as f:
            f.write("| code | name | flags | fix | same as |\n|---|---|---|---|---|\n"
                    "| AL101 | await-outside-async | `await` in a `def` | none | PLE1142, F704 |\n"
                    "| AL308 | sync-iterable | `async for` over a list | unsafe: `for` | (pyright) |\n")
        self.addCleanup(os.remove, f.name)
        self.assertEqual(mapping.catalog_rules(f.name), {"AL101": {"PLE1142", "F704"}, "AL308": {"pyright"}})


class RuffSnapshotTest(unittest.TestCase):
    def test_current_format(self):
        snap = ("---\nsource: crates/ruff_linter/src/rules/flake8_async/mod.rs\n---\n"
                "ASYNC220 Async functions should not create subprocesses with blocking methods\n"
                "  --> ASYNC22x.py:31:5\n   |\n31 |     subprocess.Popen()  # ASYNC220\n"
                "   |     ^^^^^^^^^^^^^^^^\n\n"
                "ASYNC220 [*] Async functions should not create subprocesses\n"
                " --> ASYNC22x.py:8:9\n  |\n")
        self.assertEqual(ruff.parse_snapshot(snap), [("ASYNC22x.py", 31, 5, "ASYNC220"), ("ASYNC22x.py", 8, 9, "ASYNC220")])

    def test_one_line_format(self):
        snap = "---\n---\nASYNC100.py:18:5: ASYNC100 A `with trio.fail_after(...):` context does not contain any `await`\n"
        self.assertEqual(ruff.parse_snapshot(snap), [("ASYNC100.py", 18, 5, "ASYNC100")])


class EvalFileTest(unittest.TestCase):
    def test_markers_and_args(self):
        content = ("# ARG --enable=ASYNC103,ASYNC104\n"
                   "# ASYNC103: 0, 'commented out'\n"
                   "except BaseException:  # ASYNC103_trio: 7, \"BaseException\"\n"
                   "    raise ValueError()  # error: 4\n"
                   "x = 1  # ASYNC104\n"
                   "y = 2\n")
        expected, enabled, args = flake8async.parse_eval_file("async104", content)
        self.assertEqual(expected, [("ASYNC103", 3, 7), ("ASYNC104", 4, 4)])
        self.assertEqual(enabled, ["ASYNC103", "ASYNC104"])
        self.assertEqual(args, ["--enable=ASYNC103,ASYNC104"])

    def test_default_enable_is_the_file_code(self):
        _, enabled, _ = flake8async.parse_eval_file("async251_multi_library", "time.sleep(1)  # ASYNC251: 4\n")
        self.assertEqual(enabled, ["ASYNC251"])

    def test_column_without_args(self):
        self.assertEqual(flake8async.first_arg(""), 0)
        self.assertEqual(flake8async.first_arg(' 4, "trio"'), 4)
        self.assertIsNone(flake8async.first_arg(" Statement('with', lineno - 2)"))

    def test_magic_markers(self):
        m = flake8async.magic_markers("# BASE_LIBRARY anyio\n# NOTRIO\n# ASYNCIO_NO_ERROR\n")
        self.assertEqual(m["BASE_LIBRARY"], "anyio")
        self.assertTrue(m.get("NOTRIO") and m.get("ASYNCIO_NO_ERROR"))
        self.assertIsNone(m.get("NOANYIO"))

    def test_replace_library(self):
        src = "import trio\nasync with trio.open_nursery() as nursery:\n    trio_websocket.x  # ASYNC103_trio\n"
        self.assertEqual(flake8async.replace_library(src, "trio", "anyio"),
                         "import anyio\nasync with anyio.create_task_group() as task_group:\n"
                         "    trio_websocket.x  # ASYNC103_anyio\n")
        self.assertEqual(flake8async.replace_library("trio.open_nursery", "trio", "asyncio"), "asyncio.open_nursery")

    def test_imports_for_unbound_modules(self):
        src = "import trio\n\nasync def f(os):\n    subprocess.Popen()\n    os.system()\n    bee.bonnet()\n    np.x()\n"
        self.assertEqual(flake8async.unimported_modules(src, {"bee"}), ["bee", "subprocess"])
        self.assertIsNone(flake8async.unimported_modules("def (:\n", set()))
        self.assertEqual(flake8async.with_imports("x = 1\n", ["os"]), "x = 1\nimport os\n")

    def test_blocking_calls(self):
        args = ["--enable=ASYNC200", "--async200-blocking-calls=bar -> BAR, bee.bonnet->BEEBONNET,*.postwild->POSTWILD,"]
        self.assertEqual(flake8async.blocking_calls(args),
                         {"bar": "BAR", "bee.bonnet": "BEEBONNET", "*.postwild": "POSTWILD"})

    def test_load_runs_each_library(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, flake8async.EVAL_FILES))
            with open(os.path.join(root, flake8async.EVAL_FILES, "async251.py"), "w") as f:
                f.write("# NOANYIO\n# ASYNCIO_NO_ERROR\nimport trio\nasync def f():\n"
                        "    time.sleep(1)  # ASYNC251: 4, \"trio\"\n")
            fixtures = flake8async.load(root, self.fail)
        self.assertEqual([fx.variant for fx in fixtures], ["trio", "asyncio"])
        trio, asyncio = fixtures
        self.assertEqual(trio.expected, [Expectation("ASYNC251", 5, 5)])
        self.assertEqual(asyncio.expected, [])
        self.assertIn("import asyncio\n", asyncio.source)
        self.assertTrue(trio.source.endswith("\nimport time\n"))


class PolicyTest(unittest.TestCase):
    def load(self, rows):
        with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False) as f:
            f.write("# Policy\n\n| suite | file | library | code | line contains | difference | reason |\n"
                    "|---|---|---|---|---|---|---|\n" + rows)
        self.addCleanup(os.remove, f.name)
        return policy.load(f.name)

    def test_matching(self):
        entries = self.load("| flake8-async | async300.py | anyio, asyncio | AL401 | `^create_task(` | asynclint only | local import |\n")
        key = ("asynclint only", "flake8-async", "tests/eval_files/async300.py", "asyncio", "AL401", 73)
        self.assertIsNotNone(policy.find(entries, *key, "create_task(*args)"))
        self.assertIsNone(policy.find(entries, *key, "k = asyncio.create_task(*args)"))
        self.assertIsNone(policy.find(entries, "peer only", *key[1:], "create_task(*args)"))
        self.assertEqual(entries[0].used, 1)

    def test_file_and_line(self):
        entries = self.load("| flake8-async | async232.py:204, async232.py:206 | * | ASYNC232 | * | peer only | int |\n")
        key = ("peer only", "flake8-async", "tests/eval_files/async232.py", "trio", "ASYNC232")
        self.assertIsNotNone(policy.find(entries, *key, 206, "f.read()"))
        self.assertIsNone(policy.find(entries, *key, 205, "f.read()"))

    def test_bad_rows(self):
        with self.assertRaisesRegex(SystemExit, r":5: difference 'both'"):
            self.load("| ruff | x.py | * | AL1 | * | both | why |\n")
        with self.assertRaisesRegex(SystemExit, r":5: a policy entry needs its reason"):
            self.load("| ruff | x.py | * | AL1 | * | peer only |  |\n")
        with self.assertRaisesRegex(SystemExit, r":5: expected 7 cells"):
            self.load("| ruff | x.py | * |\n")


class ScoreTest(unittest.TestCase):
    peers = mapping.PeerMap(existing={"AL201", "AL204"},
                            rules={"ASYNC251": {"AL201"}, "ASYNC230": {"AL204"}, "ASYNC232": {"AL204"}},
                            planned={"ASYNC100": {"AL601"}})

    def finding(self, code, line, column):
        return {"code": code, "line": line, "column": column, "message": "m"}

    def test_matching(self):
        fx = Fixture("flake8-async", "async251.py", "a\nb\nc\nd\n",
                     [Expectation("ASYNC251", 1, 5), Expectation("ASYNC251", 1, 29),
                      Expectation("ASYNC251", 2, 5), Expectation("ASYNC100", 3, 1)],
                     {"ASYNC251", "ASYNC100"}, variant="trio")
        findings = [self.finding("AL201", 1, 29), self.finding("AL201", 1, 4),
                    self.finding("AL201", 4, 1), self.finding("AL204", 4, 1)]
        result = score.Result()
        score.score(fx, findings, self.peers, [], result)
        c = result.codes["ASYNC251"]
        self.assertEqual((c.expected, c.found, c.missed, c.extra, c.other_column), (3, 2, 1, 1, 1))
        self.assertEqual(result.codes["ASYNC100"].no_rule, 1)
        self.assertEqual([(m["line"], m["source"]) for m in result.missed], [(2, "b")])
        self.assertEqual([(x["line"], x["code"]) for x in result.extra], [(4, "AL201")])

    def test_extra_of_several_codes(self):
        fx = Fixture("ruff", "ASYNC23x.py", "open('')\n", [], {"ASYNC230", "ASYNC232"})
        result = score.Result()
        score.score(fx, [self.finding("AL204", 1, 1)], self.peers, [], result)
        self.assertEqual(result.codes["ASYNC230+ASYNC232"].extra, 1)


if __name__ == "__main__":
    unittest.main()
