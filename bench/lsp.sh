#!/usr/bin/env bash
# Measures asynclint's language server as an editor meets it (see
# bench/lsp/main.go), with pyright's language server and ruff's check as
# anchors when node and npm can install them:
#
#   bench/lsp.sh [FLAGS...]
#
# FLAGS go to bench/lsp: -edits, -seed, -asyncls BINARY (an older build, to
# compare), -out FILE.json, -modes, -sizes... Without -asyncls, the
# asyncls of this tree is built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

anchors=()
if command -v node >/dev/null && command -v npm >/dev/null; then
  if "$here/npm-install.sh" ruff "$tmp/ruff"; then
    anchors+=(-ruff "$tmp/ruff")
  else
    echo "ruff: npm install failed; not run" >&2
  fi
  if "$here/npm-install.sh" pyright "$tmp/pyright"; then
    anchors+=(-pyright "$tmp/pyright/node_modules/.bin/pyright-langserver")
  else
    echo "pyright: npm install failed; not run" >&2
  fi
else
  echo "node or npm not found: the anchors (ruff, pyright) are not run" >&2
fi

cd "$here/.."
go build -o "$tmp/bench-lsp" ./bench/lsp
"$tmp/bench-lsp" "${anchors[@]}" "$@"
