#!/usr/bin/env bash
# Writes the pre-commit hook repository of an asynclint release into OUTDIR:
# editors/pre-commit's files, the VERSION they pin, the licence and the
# build backend. The release workflow commits it to
# github.com/asynclint/asynclint-pre-commit and tags it vVERSION.
#
# Usage: scripts/pre-commit-repo.sh VERSION OUTDIR
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: scripts/pre-commit-repo.sh VERSION OUTDIR" >&2
  exit 2
fi
version=$1 out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out/python/backend"
cp "$root/editors/pre-commit/.pre-commit-hooks.yaml" "$root/editors/pre-commit/pyproject.toml" \
  "$root/editors/pre-commit/README.md" "$root/LICENSE" "$out/"
cp "$root/python/backend/asynclint_build.py" "$out/python/backend/"
echo "$version" >"$out/VERSION"
