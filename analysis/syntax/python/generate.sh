#!/bin/sh
# generate.sh regenerates parser.c, node-types.json and the headers in
# tree_sitter/ from grammar.js, with the tree-sitter CLI that
# package.json pins, or the one $TREE_SITTER names (it must be the same
# version: see README.md).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${TREE_SITTER:-}" ]; then
	cp "$here/package.json" "$here/package-lock.json" "$work/"
	(cd "$work" && npm ci --no-audit --no-fund)
	TREE_SITTER=$work/node_modules/.bin/tree-sitter
fi

mkdir "$work/grammar"
cp "$here/grammar.js" "$here/tree-sitter.json" "$work/grammar/"
(cd "$work/grammar" && "$TREE_SITTER" generate --abi 15)
cp "$work/grammar/src/parser.c" "$work/grammar/src/node-types.json" "$here/"
mkdir -p "$here/tree_sitter"
cp "$work/grammar/src/tree_sitter/"*.h "$here/tree_sitter/"
