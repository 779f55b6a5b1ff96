// Checks every .py file under the given directories with ruff's ASYNC rules
// (ruff's WebAssembly build, one thread) and prints a JSON line with the
// file count, bytes, findings and seconds spent.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ruff = require("@astral-sh/ruff-wasm-nodejs");

const skip = new Set([".git", "node_modules", ".venv", "venv", "__pycache__", ".asynclint_cache", "build", "dist"]);

function* pythonFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) yield* pythonFiles(join(dir, entry.name));
    } else if (entry.isFile() && entry.name.endsWith(".py")) {
      yield join(dir, entry.name);
    }
  }
}

const settings = ruff.Workspace.defaultSettings();
settings.lint = { select: ["ASYNC"] };
const workspace = new ruff.Workspace(settings, ruff.PositionEncoding.Utf8);

const started = process.hrtime.bigint();
let files = 0, bytes = 0, findings = 0;
for (const root of process.argv.slice(2)) {
  for (const path of pythonFiles(root)) {
    const src = readFileSync(path, "utf8");
    files++;
    bytes += Buffer.byteLength(src);
    try {
      findings += workspace.check(src).length;
    } catch {
      // A file ruff cannot handle is skipped, as asynclint notes and goes on.
    }
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ version: ruff.Workspace.version(), files, bytes, findings, seconds }));
