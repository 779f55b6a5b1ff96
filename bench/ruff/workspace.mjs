// Ruff's WebAssembly build, set up to run chosen rules. Its settings are a
// plain object in the shape of ruff's configuration; the object
// Workspace.defaultSettings() returns is a Map of the playground's own
// selection, on which setting a "lint" property changes nothing.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const ruff = require("@astral-sh/ruff-wasm-nodejs");

// What ruff reports for a file it cannot parse, whatever the rules.
export const syntaxError = "invalid-syntax";

// A coroutine that blocks in time.sleep (ASYNC251), with an unused import
// that ruff's default rules report (F401).
const sample = "import os\nimport time\n\n\nasync def handler():\n    time.sleep(1)\n";

// asyncWorkspace returns a workspace that runs ruff's ASYNC rules and no
// other, having checked that it does: it reports an ASYNC rule, and only
// ASYNC rules, on the sample.
export function asyncWorkspace() {
  const ws = new ruff.Workspace({ lint: { select: ["ASYNC"] } }, ruff.PositionEncoding.Utf8);
  const found = ws.check(sample);
  assertAsyncOnly(found, "a sample file");
  if (!found.some((d) => d.code === "ASYNC251")) {
    throw new Error(`ruff's ASYNC rules did not report time.sleep in a coroutine (got ${codes(found)})`);
  }
  return ws;
}

// defaultWorkspace returns a workspace that runs the rules ruff runs with
// no configuration (E4, E7, E9, F), as `ruff server` does in a project
// without one.
export function defaultWorkspace() {
  const ws = new ruff.Workspace({ lint: { select: ["E4", "E7", "E9", "F"] } }, ruff.PositionEncoding.Utf8);
  const found = ws.check(sample);
  if (!found.some((d) => d.code === "F401") || found.some((d) => d.code.startsWith("ASYNC"))) {
    throw new Error(`ruff's default rules reported ${codes(found)} on a sample file, not F401 alone`);
  }
  return ws;
}

// assertAsyncOnly throws unless every finding is of an ASYNC rule or a
// syntax error.
export function assertAsyncOnly(findings, where) {
  const other = findings.find((d) => d.code !== syntaxError && !/^ASYNC\d+$/.test(d.code ?? ""));
  if (other) {
    throw new Error(`ruff reported ${other.code} (${other.message}) in ${where}: only ASYNC rules should run`);
  }
}

function codes(findings) {
  return findings.map((d) => d.code).join(", ") || "nothing";
}
