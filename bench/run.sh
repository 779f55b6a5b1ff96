#!/usr/bin/env bash
# Benchmarks asynclint on a corpus of Python projects: a cold run (no
# cache), a warm run (nothing changed), a run after one file changed,
# throughput, peak memory, and ruff's ASYNC rules (its WebAssembly build
# under node) on the same files, and the share of the CPU spent in the
# parser.
#
#   bench/run.sh CORPUS_DIR [WORKERS]
#
# CORPUS_DIR holds the projects to check (about 100 MB of Python is a good
# size); it is left as it was, apart from asynclint's .asynclint_cache.
set -euo pipefail
corpus=${1:?usage: bench/run.sh CORPUS_DIR [WORKERS]}
workers=${2:-0}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/asynclint" "$here/../cmd/asynclint"
mb=$(find "$corpus" -name '*.py' -not -path '*/.git/*' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1048576}')
files=$(find "$corpus" -name '*.py' -not -path '*/.git/*' | wc -l)
echo "corpus: $corpus: $files Python files, $mb MB; $(nproc) CPUs"

# time_run LABEL ARGS...: runs asynclint and prints wall seconds, CPU
# seconds, peak memory and MB/s.
time_run() {
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$tmp/asynclint" check --workers "$workers" \
    --format concise "$@" "$corpus" > "$tmp/out" 2>/dev/null || true
  read -r wall user sys rss < <(tail -n 1 "$tmp/time")
  findings=$(grep -c ': AL[0-9]' "$tmp/out" || true)
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v mb="$mb" -v f="$findings" \
    'BEGIN {printf "%-22s %6.2f s wall  %6.2f s CPU  %6.1f MB/s  peak %4d MB  %d findings\n", l, w, u+s, (w > 0 ? mb/w : 0), r/1024, f}'
}

find "$corpus" -name .asynclint_cache -type d -prune -exec rm -rf {} +
time_run "asynclint cold" --no-cache
time_run "asynclint first run" # fills the cache
time_run "asynclint warm"

# One file with async code changed: the file and what depends on it are
# checked again. The file is restored, with its time, afterwards.
changed=$(grep -rl --include='*.py' --exclude-dir=.git 'async def' "$corpus" | head -n 1 || true)
if [ -n "$changed" ]; then
  cp -p "$changed" "$tmp/changed.py"
  trap 'cp -p "$tmp/changed.py" "$changed"; rm -rf "$tmp"' EXIT
  printf '\n# changed by bench/run.sh\n' >> "$changed"
  time_run "asynclint 1 file edited"
  cp -p "$tmp/changed.py" "$changed"
fi

if command -v node >/dev/null && command -v npm >/dev/null; then
  cp "$here/ruff/package.json" "$here/ruff/check.mjs" "$tmp/"
  [ -f "$here/ruff/package-lock.json" ] && cp "$here/ruff/package-lock.json" "$tmp/"
  if (cd "$tmp" && npm install --no-audit --no-fund --silent >/dev/null 2>&1); then
    /usr/bin/time -f '%e %M' -o "$tmp/rtime" node "$tmp/check.mjs" "$corpus" > "$tmp/ruff.json"
    read -r rwall rrss < <(tail -n 1 "$tmp/rtime")
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const [wall, rss] = [Number(process.argv[2]), Number(process.argv[3])];
      console.log(`${("ruff " + r.version + " wasm ASYNC").padEnd(22)} ${wall.toFixed(2).padStart(6)} s wall  (1 thread)   ${(r.bytes / 1048576 / wall).toFixed(1).padStart(6)} MB/s  peak ${String(Math.round(rss / 1024)).padStart(4)} MB  ${r.findings} findings`);
    ' "$tmp/ruff.json" "$rwall" "$rrss"
  else
    echo "ruff: npm install failed; skipped"
  fi
else
  echo "ruff: node or npm not found; skipped"
fi

# Where the CPU goes: the share of tree-sitter's parser in a whole cold
# run (parser-%, the rest being everything else: reading, the project
# index, analysis, garbage collection), and in one worker's parse, copy
# and analysis of each file (BenchmarkPhases).
echo
(cd "$here/.." && ASYNCLINT_CORPUS="$corpus" GOMEMLIMIT=384MiB \
  go test -run '^$' -bench 'Run/workers=2$|Phases' -benchtime 1x ./analysis/lint) | grep '^Benchmark' || true
