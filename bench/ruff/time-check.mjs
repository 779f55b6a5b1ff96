// Times ruff's check of whole files, as ruff's language server checks a
// document again on each edit: node time-check.mjs CALLS FILE... prints
// JSON with, for each file, the wall milliseconds of each of CALLS checks,
// and the mean CPU milliseconds of one, with ruff's default rules and with
// its ASYNC rules only.
import { readFileSync } from "node:fs";

import { asyncWorkspace, defaultWorkspace, ruff } from "./workspace.mjs";

const warmups = 5;
const [calls, ...paths] = process.argv.slice(2);
const n = Number(calls);
if (!Number.isInteger(n) || n < 1 || paths.length === 0) {
  console.error("usage: node time-check.mjs CALLS FILE...");
  process.exit(2);
}

function time(workspace, src) {
  const wall = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    workspace.check(src);
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 / n };
}

// V8 first runs WebAssembly from a quick baseline compile and optimizes
// the functions that run hot later on: every text is checked a few times
// before any is timed, or the first timed would run slower code.
const defaults = defaultWorkspace(), async = asyncWorkspace();
const sources = paths.map((path) => readFileSync(path, "utf8"));
for (let i = 0; i < warmups; i++) {
  for (const src of sources) {
    defaults.check(src);
    async.check(src);
  }
}
const files = paths.map((path, i) => ({ path, default: time(defaults, sources[i]), async: time(async, sources[i]) }));
console.log(JSON.stringify({ version: ruff.Workspace.version(), files }));
