// Times ruff's check of whole files, as ruff's language server checks a
// document again on each edit: node time-check.mjs CALLS FILE... prints
// JSON with, for each file, the milliseconds of each of CALLS checks with
// ruff's default rules and with its ASYNC rules only.
import { readFileSync } from "node:fs";

import { asyncWorkspace, defaultWorkspace, ruff } from "./workspace.mjs";

const [calls, ...paths] = process.argv.slice(2);
const n = Number(calls);
if (!Number.isInteger(n) || n < 1 || paths.length === 0) {
  console.error("usage: node time-check.mjs CALLS FILE...");
  process.exit(2);
}

function time(workspace, src) {
  workspace.check(src); // warms up
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    workspace.check(src);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return ms;
}

const defaults = defaultWorkspace(), async = asyncWorkspace();
const files = paths.map((path) => {
  const src = readFileSync(path, "utf8");
  return { path, default: time(defaults, src), async: time(async, src) };
});
console.log(JSON.stringify({ version: ruff.Workspace.version(), files }));
