#!/usr/bin/env bash
# Scores asynclint on the test suites of other async linters: how many of
# the findings ruff's and flake8-async's tests expect it reports, and where
# it reports what they do not. See bench/peers/README.md.
#
#   bench/peers/run.sh [--details] [--json FILE] [--pylint DIR] [--pyright DIR] RUFF_DIR FLAKE8_ASYNC_DIR
#
# The directories are checkouts of the peers; they are read, never written.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$here/../.." && go build -o "$tmp/asynclint" ./cmd/asynclint)
python3 -B "$here/score.py" --asynclint "$tmp/asynclint" "$@"
