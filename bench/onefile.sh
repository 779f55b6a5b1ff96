#!/usr/bin/env bash
# Measures `asynclint check FILE` inside a project, as the pre-commit hook
# runs it on a staged file: cold (no cache) and warm (after a full run),
# and checks that each file with findings in a full run gets the same
# findings when checked alone.
#
#   bench/onefile.sh PROJECT_DIR FILE [MAX_FILES]
#
# FILE is relative to PROJECT_DIR. The project is left as it was: the
# caches go to a temporary directory (--cache-dir).
set -euo pipefail
project=${1:?usage: bench/onefile.sh PROJECT_DIR FILE [MAX_FILES]}
file=${2:?usage: bench/onefile.sh PROJECT_DIR FILE [MAX_FILES]}
max=${3:-0}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/asynclint" "$here/../cmd/asynclint"
cd "$project"
mb=$(find . -name '*.py' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1048576}')
echo "project: $project ($(find . -name '*.py' | wc -l) Python files, $mb MB); $(nproc) CPUs"

# time_run LABEL CACHE ARGS...: prints wall and CPU seconds and peak memory.
time_run() {
  local label=$1 cache=$2; shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$tmp/asynclint" check --cache-dir "$cache" \
    --output-format concise "$@" > "$tmp/out" 2>/dev/null || true
  read -r wall user sys rss < <(tail -n 1 "$tmp/time")
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v f="$(grep -c ': AL[0-9]' "$tmp/out" || true)" \
    'BEGIN {printf "%-34s %6.2f s wall  %6.2f s CPU  peak %4d MB  %d findings\n", l, w, u+s, r/1024, f}'
}

for i in 1 2 3; do
  rm -rf "$tmp/cold"
  time_run "one file, cold ($i)" "$tmp/cold" "$file"
done
rm -rf "$tmp/warm"
time_run "full run, cold" "$tmp/warm" .
for i in 1 2 3; do
  time_run "one file, warm ($i)" "$tmp/warm" "$file"
done
touch "$file"
time_run "one file, warm, file touched" "$tmp/warm" "$file"
time_run "full run, warm" "$tmp/warm" .

# Every file with findings in the full run, checked alone (cold), must
# get the same findings.
"$tmp/asynclint" check --no-cache --output-format json . > "$tmp/full.json" 2>/dev/null || true
python3 - "$tmp/full.json" "$max" > "$tmp/files" <<'PY'
import json, sys
files = sorted({f["path"] for f in json.load(open(sys.argv[1]))})
n = int(sys.argv[2])
print("\n".join(files[:n] if n else files))
PY
checked=0 differ=0
while read -r f; do
  "$tmp/asynclint" check --no-cache --output-format json "$f" > "$tmp/one.json" 2>/dev/null || true
  if ! python3 - "$tmp/full.json" "$tmp/one.json" "$f" <<'PY'
import json, sys
key = lambda d: (d["path"], d["cell"], d["line"], d["column"], d["code"], d["message"])
full = sorted(key(d) for d in json.load(open(sys.argv[1])) if d["path"] == sys.argv[3])
one = sorted(key(d) for d in json.load(open(sys.argv[2])))
if full != one:
    print("differ:", sys.argv[3])
    for d in sorted(set(full) ^ set(one)):
        print("  ", "full" if d in full else "alone", d[1:5])
    sys.exit(1)
PY
  then differ=$((differ + 1)); fi
  checked=$((checked + 1))
done < "$tmp/files"
echo "files with findings checked alone: $checked; with findings that differ from the full run: $differ"
