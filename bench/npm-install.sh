#!/usr/bin/env bash
# Installs one of bench's node tools into a directory of its own, from its
# lockfile, with its scripts beside it:
#
#   bench/npm-install.sh ruff|pyright DEST
#
# Nothing is installed in the source tree.
set -euo pipefail
name=${1:?usage: bench/npm-install.sh ruff|pyright DEST}
dest=${2:?usage: bench/npm-install.sh ruff|pyright DEST}
src="$(cd "$(dirname "$0")" && pwd)/$name"
[ -f "$src/package.json" ] || { echo "bench/npm-install.sh: no package $name in $src" >&2; exit 2; }
mkdir -p "$dest"
cp "$src"/package.json "$src"/package-lock.json "$dest"/
for f in "$src"/*.mjs; do [ -e "$f" ] && cp "$f" "$dest"/; done
(cd "$dest" && npm ci --no-audit --no-fund --silent >/dev/null)
