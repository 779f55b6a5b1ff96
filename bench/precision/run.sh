#!/usr/bin/env bash
# Measures asynclint's precision on real projects: checks each project with
# the default rules, as a user would, and draws a stratified sample of the
# findings for a reviewer to judge. See docs/precision.md.
#
#   bench/precision/run.sh [SAMPLE_OPTIONS] PROJECT_DIR...
#
# Options go to `sample.py sample` (--template FILE, --verdicts FILE,
# --seed, --save FILE, --compare FILE); the projects are read, never
# written. ASYNCLINT=path runs that binary instead of one built from this
# checkout.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bench/precision/run.sh [OPTIONS] PROJECT_DIR..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

asynclint=${ASYNCLINT:-$tmp/asynclint}
[ -n "${ASYNCLINT:-}" ] || (cd "$here/../.." && go build -o "$asynclint" ./cmd/asynclint)
python3 -B "$here/sample.py" sample --asynclint "$asynclint" "$@"
