#!/usr/bin/env bash
# Applies every fix asynclint has (safe and unsafe) to copies of real
# projects and checks what they did to each file they changed:
#
#   bench/fixes.sh PROJECT_DIR...
#
# For each project: the copy is fixed with `asynclint check --fix
# --unsafe-fixes`, fixed again (which must change nothing), and
# bench/fixes_check.py compares each changed file with the original:
# it must still compile under this python3, leave no import unused, use
# no name whose import it removed, call asyncio, trio or anyio only in
# code that runs on that library, and hand no lazy iterator to a worker
# thread. The projects themselves are only read.
#
# Prints a line of counts per project and the totals, then the problems
# found; exits 1 when any count but changed and unchecked is not 0.
# ASYNCLINT=path runs that binary instead of one built from this checkout.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bench/fixes.sh PROJECT_DIR..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

asynclint=${ASYNCLINT:-$tmp/asynclint}
[ -n "${ASYNCLINT:-}" ] || go build -o "$asynclint" "$here/../cmd/asynclint"

fix() {
  "$asynclint" check --no-cache --fix --unsafe-fixes --exit-zero --format concise "$1" 2>&1 |
    sed -n 's/^Fixed \([0-9]*\) findings\?\.$/\1/p'
}

printf '%-22s %s\n' project "fixes changed unchecked broken unbound unused foreign asyncio lazy refixed"
totals=()
problems=$tmp/problems
: > "$problems"
for dir in "$@"; do
  [ -d "$dir" ] || { echo "fixes.sh: $dir: not a directory" >&2; exit 2; }
  name=$(basename "$(cd "$dir" && pwd)")
  copy=$tmp/work/$name
  mkdir -p "$copy"
  (cd "$dir" && find . -name .git -prune -o -name .asynclint_cache -prune -o -type f \( -name '*.py' -o -name '*.toml' -o -name '*.cfg' -o -name '.gitignore' \) -print0 |
    tar --null -T - -cf -) | tar -C "$copy" -xf -
  fixes=$(fix "$copy")
  report=$(python3 "$here/fixes_check.py" "$dir" "$copy")
  if [ -z "$fixes" ] && ! grep -q 'changed=0 ' <<<"$report"; then
    echo "fixes.sh: $name: files changed, but asynclint's output says nothing of fixes" >&2
    exit 2
  fi
  # A second run must find nothing more to fix.
  cp -a "$copy" "$copy.again"
  fix "$copy.again" > /dev/null
  refixed=$(diff -rq "$copy" "$copy.again" | wc -l)
  rm -rf "$copy.again"
  counts="fixes=${fixes:-0} $(head -n 1 <<<"$report") refixed=$refixed"
  printf '%-22s %s\n' "$name" "$(tr -d '[:alpha:]=' <<<"$counts" | awk '{for (i = 1; i <= NF; i++) printf "%5d ", $i; print ""}')"
  tail -n +2 <<<"$report" | sed "s|^  |  $name/|" >> "$problems"
  totals+=("$counts")
  rm -rf "$copy"
done

printf '%s\n' "${totals[@]}" | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); sum[kv[1]] += kv[2]; if (NR == 1) order[i] = kv[1] } n = NF }
  END {
    line = ""; for (i = 1; i <= n; i++) line = line order[i] "=" sum[order[i]] " "
    print "total: " line
  }' | tee "$tmp/total"
cat "$problems"
awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] !~ /^(fixes|changed|unchecked)$/ && kv[2] > 0) bad = 1 } }
  END { exit bad }' "$tmp/total"
