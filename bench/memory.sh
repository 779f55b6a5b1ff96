#!/usr/bin/env bash
# Measures the peak memory (maximum resident set) of `asynclint check
# --no-cache` per megabyte of Python it reads: on a corpus of projects as a
# whole, on each project, and on generated files of pathological shapes
# (those of the robustness probes in cmd/asynclint).
#
#   bench/memory.sh CORPUS_DIR [PROJECT...]
#
# CORPUS_DIR holds the projects; PROJECT names those of its directories to
# measure one by one (default: each of them). Nothing is written there.
set -euo pipefail
corpus=$(cd "${1:?usage: bench/memory.sh CORPUS_DIR [PROJECT...]}" && pwd)
shift
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  for d in "$corpus"/*/; do projects+=("$(basename "$d")"); done
fi
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/asynclint" "$here/../cmd/asynclint"
echo "asynclint $(git -C "$here/.." describe --always --dirty 2>/dev/null || echo unknown); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# measure LABEL PATH: checks PATH and prints the megabytes of Python read,
# the wall time, the peak memory and the peak memory per megabyte.
measure() {
  local label=$1 path=$2 bytes
  bytes=$(find "$path" -name '*.py' -not -path '*/.git/*' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$tmp/asynclint" check --no-cache --output-format concise "$path" \
    > /dev/null 2>&1 || true
  read -r wall rss < <(tail -n 1 "$tmp/time")
  awk -v l="$label" -v b="$bytes" -v w="$wall" -v r="$rss" 'BEGIN {
    mb = b / 1048576; peak = r / 1024
    printf "%-44s %8.1f %8.2f %8.0f %8.1f\n", l, mb, w, peak, (mb > 0 ? peak / mb : 0)
  }'
}

printf '%-44s %8s %8s %8s %8s\n' input "MB" "wall s" "peak MB" "MB/MB"
measure "corpus (all projects)" "$corpus"
for p in "${projects[@]}"; do
  measure "$p" "$corpus/$p"
done

# The pathological files, one to a directory.
python3 - "$tmp/gen" <<'EOF'
import os, sys

out = sys.argv[1]

def write(name, *parts):
    os.makedirs(os.path.join(out, name))
    with open(os.path.join(out, name, "m.py"), "w") as f:
        for part in parts:
            f.write(part)

write("50 MB file (over the size limit)", "import asyncio\n",
      "".join(f"async def f{i}():\n    await asyncio.sleep(0)\n" for i in range(1_100_000)))
write("10 MB line (over the token limit)", "import asyncio\nx = [", "1," * 5_000_000, "]\n")
write("9.5 MB module of coroutines", "import asyncio\nimport time\n",
      "".join(f"\n\n{'#' * 76}\nasync def handler_{i}(request):\n    result = await request.fetch()\n"
              f"    {'time.sleep(0.1)' if i % 5 == 0 else 'await asyncio.sleep(0.1)'}\n    return result\n"
              for i in range(51_000)))
write("100,000 nested conditional expressions", "import asyncio\nx = ", "1 if c else " * 100_000, "2\n")
write("100,000 nested brackets", "import asyncio\nx = ", "[(" * 50_000, "1", ")]" * 50_000, "\n")
write("100,000 attributes", "import asyncio\nx = a", ".b" * 100_000, "\n")
write("100,000 findings on one line", "import asyncio\nimport time\nasync def f(): ",
      "time.sleep(1000000000); " * 100_000, "\n")
write("60,000 coroutines calling time.sleep", "import time\n",
      "".join(f"async def f{i}():\n    time.sleep(1)\n" for i in range(60_000)))
write("2,000 nested ifs", "import time\nasync def f():\n",
      "".join(" " * 4 * (i + 1) + "if x:\n" for i in range(2000)), " " * 4 * 2001 + "time.sleep(1)\n")
EOF
for d in "$tmp/gen"/*/; do
  measure "$(basename "$d")" "$d"
done
