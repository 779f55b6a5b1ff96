#!/usr/bin/env bash
# Benchmarks asynclint check on a corpus of Python projects, in one run on
# the same files: a cold run (--no-cache), a run that fills the cache, a
# warm run, a run after one file changed, one file checked alone (its
# project's cache empty, then filled, then with the file edited), with
# wall and CPU time, MB/s and peak memory; ruff's ASYNC rules (its
# WebAssembly build under node, one thread, no cache) on the same files;
# and tree-sitter's share of the CPU of a cold run, from a CPU profile.
#
#   bench/run.sh CORPUS_DIR [WORKERS]
#
# CORPUS_DIR holds the projects to check (about 100 MB of Python is a good
# size). It is left as it was: the files edited are restored, with their
# times, and the caches asynclint writes there are removed.
set -euo pipefail
corpus=$(cd "${1:?usage: bench/run.sh CORPUS_DIR [WORKERS]}" && pwd)
workers=${2:-0}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
edited=() # files edited, saved in $tmp/saved-N

cleanup() {
  for ((i = ${#edited[@]} - 1; i >= 0; i--)); do cp -p "$tmp/saved-$i" "${edited[$i]}"; done
  find "$corpus" -name .asynclint_cache -type d -prune -exec rm -rf {} +
  rm -rf "$tmp"
}
trap cleanup EXIT

# edit FILE: appends a comment to FILE, which cleanup restores.
edit() {
  cp -p "$1" "$tmp/saved-${#edited[@]}"
  edited+=("$1")
  printf '\n# edited by bench/run.sh\n' >> "$1"
}

go build -o "$tmp/asynclint" "$here/../cmd/asynclint"
mb=$(find "$corpus" -name '*.py' -not -path '*/.git/*' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1048576}')
files=$(find "$corpus" -name '*.py' -not -path '*/.git/*' | wc -l)
echo "corpus: $corpus: $files Python files, $mb MB; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "asynclint: $(git -C "$here/.." describe --always --dirty 2>/dev/null || echo unknown); workers: $workers (0: one per CPU)"

# time_run LABEL MB ARGS...: runs asynclint check ARGS, which read MB
# megabytes of Python, and prints wall seconds, CPU seconds, MB/s, peak
# memory and findings.
time_run() {
  local label=$1 mb=$2; shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$tmp/asynclint" check --workers "$workers" \
    --format concise "$@" > "$tmp/out" 2>/dev/null || true
  read -r wall user sys rss < <(tail -n 1 "$tmp/time")
  findings=$(grep -c ': AL[0-9]' "$tmp/out" || true)
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v mb="$mb" -v f="$findings" \
    'BEGIN {printf "%-34s %6.2f s wall  %6.2f s CPU  %6.1f MB/s  peak %4d MB  %d findings\n", l, w, u+s, (w > 0 ? mb/w : 0), r/1024, f}'
}

find "$corpus" -name .asynclint_cache -type d -prune -exec rm -rf {} +
echo
time_run "asynclint cold (--no-cache)" "$mb" --no-cache "$corpus"
time_run "asynclint first run (fills cache)" "$mb" "$corpus"
time_run "asynclint warm" "$mb" "$corpus"

# One file changed, the one with the most coroutines: the file and what
# depends on it are checked again.
changed=$(grep -rc --include='*.py' --exclude-dir=.git 'async def' "$corpus" | sort -t: -k2,2nr -k1,1 | head -n 1 | cut -d: -f1 || true)
if [ -n "$changed" ]; then
  edit "$changed"
  time_run "asynclint warm, 1 file edited" "$mb" "$corpus"

  # The same file checked alone, as after saving it in an editor: the
  # project is the file's configuration root (its directory when no
  # configuration is found), with a cache of its own.
  file_mb=$(stat -c %s "$changed" | awk '{printf "%.3f", $1/1048576}')
  echo "one file: ${changed#"$corpus"/}, $(wc -l < "$changed") lines"
  time_run "check FILE, its cache empty" "$file_mb" "$changed"
  time_run "check FILE, warm" "$file_mb" "$changed"
  edit "$changed"
  time_run "check FILE, warm, file edited" "$file_mb" "$changed"
fi

if command -v node >/dev/null && command -v npm >/dev/null; then
  if "$here/npm-install.sh" ruff "$tmp/ruff"; then
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/rtime" node "$tmp/ruff/check.mjs" "$corpus" > "$tmp/ruff.json"
    read -r rwall ruser rsys rrss < <(tail -n 1 "$tmp/rtime")
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const [wall, cpu, rss] = [Number(process.argv[2]), Number(process.argv[3]) + Number(process.argv[4]), Number(process.argv[5])];
      const label = `ruff ${r.version} wasm, ASYNC only`;
      console.log(`${label.padEnd(34)} ${wall.toFixed(2).padStart(6)} s wall  ${cpu.toFixed(2).padStart(6)} s CPU  ${(r.bytes / 1048576 / wall).toFixed(1).padStart(6)} MB/s  peak ${String(Math.round(rss / 1024)).padStart(4)} MB  ${r.findings} findings (${r.files} files, ${r.unparsed} with syntax errors, ${r.failed} failed)`);
    ' "$tmp/ruff.json" "$rwall" "$ruser" "$rsys" "$rrss"
  else
    echo "ruff: npm install failed; skipped"
  fi
else
  echo "ruff: node or npm not found; skipped"
fi

# Where the CPU of a cold run goes (BenchmarkRun, two workers, no cache).
# Go's profiler does not see into C: a sample taken in C code is counted
# in the cgo call that entered it. Tree-sitter's share is that of the
# calls into its API (_Cfunc_ts_*: the parse, with its lexing and the
# Python grammar's external scanner, and freeing trees); the calls into
# asynclint's own C code (_Cfunc_al_*, which copies trees into Go) are
# counted apart.
echo
(cd "$here/../analysis/engine" && ASYNCLINT_CORPUS="$corpus" go test -run '^$' -bench 'Run/workers=2$' -benchtime 1x \
  -cpuprofile "$tmp/cpu.out" -o "$tmp/engine.test" .) | grep '^Benchmark' || true
go tool pprof -top -nodecount=1000000 -unit=ms "$tmp/engine.test" "$tmp/cpu.out" 2>/dev/null | awk '
  /Total samples =/ { for (i = 1; i <= NF; i++) if ($i == "=") total = $(i+1) + 0 }
  $6 ~ /\._Cfunc_ts_/ { ts += $4 + 0 }
  $6 ~ /\._Cfunc_al_/ { al += $4 + 0 }
  END {
    if (total == 0) { print "CPU profile: no samples"; exit }
    printf "cold run CPU: %.2f s sampled; tree-sitter (_Cfunc_ts_*) %.0f%%, asynclint C tree copy (_Cfunc_al_*) %.0f%%, the rest (Go: reading, index, analysis, GC) %.0f%%\n", total/1000, 100*ts/total, 100*al/total, 100*(total-ts-al)/total
  }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
