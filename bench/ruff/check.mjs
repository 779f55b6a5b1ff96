// Checks every .py file under the given directories with ruff's ASYNC rules
// (ruff's WebAssembly build, one thread) and prints a JSON line with the
// file count, bytes, findings, files ruff could not parse, and seconds
// spent. It fails if ruff reports anything but an ASYNC rule or a syntax
// error.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { asyncWorkspace, assertAsyncOnly, ruff, syntaxError } from "./workspace.mjs";

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

const workspace = asyncWorkspace();

const started = process.hrtime.bigint();
let files = 0, bytes = 0, findings = 0, unparsed = 0, failed = 0;
for (const root of process.argv.slice(2)) {
  for (const path of pythonFiles(root)) {
    const src = readFileSync(path, "utf8");
    files++;
    bytes += Buffer.byteLength(src);
    let found;
    try {
      found = workspace.check(src);
    } catch {
      failed++; // a file ruff cannot handle is skipped, as asynclint notes and goes on
      continue;
    }
    assertAsyncOnly(found, path);
    const errors = found.filter((d) => d.code === syntaxError).length;
    findings += found.length - errors;
    if (errors > 0) unparsed++;
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ version: ruff.Workspace.version(), files, bytes, findings, unparsed, failed, seconds }));
