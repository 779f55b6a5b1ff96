#!/usr/bin/env bash
# Builds asynclint's release artefacts into dist/ (emptied first):
#
#   asynclint-VERSION-TARGET.tar.gz (.zip for Windows)  asynclint and asyncls, LICENSE, README.md
#   asynclint-PYVERSION-py3-none-PLATFORM.whl            the same executables as a Python wheel
#   asynclint-VSCODETARGET-VERSION.vsix                  the VS Code extension with asyncls inside
#   asynclint-PYVERSION.tar.gz                           the Python sdist (target "sdist")
#   SHA256SUMS
#
# Usage: scripts/release.sh [--targets LIST] [--version VERSION]
#
# TARGET is linux-amd64, linux-arm64, windows-amd64, darwin-amd64,
# darwin-arm64 or sdist. The default is every target this machine builds:
# on Linux the first three and sdist, on macOS the two darwin ones.
# VERSION defaults to the one git describes: the vX.Y.Z tag on HEAD without
# its "v", else a development version (see python/backend/asynclint_build.py).
#
# The executables are stripped; on Linux and Windows they are statically
# linked, so that one build runs on any distribution. cgo compiles
# tree-sitter, so each target needs a C compiler:
#   linux-amd64    gcc, with glibc's static libraries (Debian: libc6-dev)
#   linux-arm64    aarch64-linux-gnu-gcc (Debian: gcc-aarch64-linux-gnu)
#   windows-amd64  x86_64-w64-mingw32-gcc (Debian: gcc-mingw-w64-x86-64)
#   darwin-*       clang on macOS, which links libSystem dynamically as
#                  macOS requires. Cross-compiling from Linux does not work:
#                  Go's runtime and crypto/x509 on darwin link Apple's
#                  CoreFoundation and Security frameworks, which zig cc does
#                  not ship, so the release workflow builds these on macOS.
# The wheels need python3; the .vsix files need node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

module=github.com/asynclint/asynclint
targets=
version=
while [ $# -gt 0 ]; do
  case $1 in
    --targets) targets=${2:?--targets needs a comma-separated list}; shift 2 ;;
    --targets=*) targets=${1#*=}; shift ;;
    --version) version=${2:?--version needs a value}; shift 2 ;;
    --version=*) version=${1#*=}; shift ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "release.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$targets" ]; then
  case $(uname -s) in
    Darwin) targets=darwin-amd64,darwin-arm64 ;;
    *) targets=linux-amd64,linux-arm64,windows-amd64,sdist ;;
  esac
fi
version=${version:-$(python3 scripts/pypi.py version)}

dist=$PWD/dist
rm -rf "$dist"
mkdir -p "$dist"

# compiler TARGET: prints the C compiler for TARGET, or fails when this
# machine cannot build it.
compiler() {
  local cc
  case $1 in
    linux-amd64) cc=gcc ;;
    linux-arm64) cc=aarch64-linux-gnu-gcc ;;
    windows-amd64) cc=x86_64-w64-mingw32-gcc ;;
    darwin-amd64 | darwin-arm64)
      if [ "$(uname -s)" != Darwin ]; then
        echo "release.sh: $1 builds on macOS only (see --help)" >&2
        return 2
      fi
      cc="clang -arch $([ "$1" = darwin-amd64 ] && echo x86_64 || echo arm64) -mmacosx-version-min=12.0" ;;
    *) echo "release.sh: unknown target $1" >&2; return 2 ;;
  esac
  if ! command -v "${cc%% *}" >/dev/null; then
    echo "release.sh: $1 needs ${cc%% *} (see --help)" >&2
    return 2
  fi
  echo "$cc"
}

# build TARGET: compiles asynclint and asyncls into dist/TARGET/.
build() {
  local target=$1 goos=${1%-*} goarch=${1#*-} cc ldflags tags=netgo,osusergo
  cc=$(compiler "$target")
  ldflags="-s -w -X $module/version.Version=$version"
  case $goos in
    linux) ldflags+=" -linkmode external -extldflags -static" ;;
    # tree-sitter's glue calls clock_gettime, which mingw-w64 has in winpthreads.
    windows) ldflags+=" -linkmode external -extldflags '-static -lwinpthread'" ;;
  esac
  echo "== $target: asynclint and asyncls $version"
  mkdir -p "$dist/$target"
  for cmd in asynclint asyncls; do
    CGO_ENABLED=1 GOOS=$goos GOARCH=$goarch CC=$cc MACOSX_DEPLOYMENT_TARGET=12.0 \
      go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$dist/$target/$cmd$(exe "$target")" "./cmd/$cmd"
  done
}

exe() { case $1 in windows-*) echo .exe ;; esac; }

# archive TARGET: the executables with the licence and the README.
archive() {
  local target=$1 name="asynclint-$version-$1" x
  x=$(exe "$target")
  local staging=$dist/.staging/$name
  mkdir -p "$staging"
  cp "$dist/$target/asynclint$x" "$dist/$target/asyncls$x" LICENSE README.md "$staging/"
  case $target in
    windows-*) (cd "$dist/.staging" && python3 -m zipfile -c "$dist/$name.zip" "$name") ;;
    *) tar -C "$dist/.staging" -czf "$dist/$name.tar.gz" "$name" ;;
  esac
}

# vsix TARGET: the VS Code extension for the targets' platforms, with asyncls in bin/.
vsix() {
  local target=$1 x vscode_targets
  x=$(exe "$target")
  case $target in
    linux-amd64) vscode_targets="linux-x64 alpine-x64" ;;
    linux-arm64) vscode_targets="linux-arm64 alpine-arm64" ;;
    windows-amd64) vscode_targets=win32-x64 ;;
    darwin-amd64) vscode_targets=darwin-x64 ;;
    darwin-arm64) vscode_targets=darwin-arm64 ;;
  esac
  (
    cd editors/vscode
    [ -d node_modules ] || npm ci --no-audit --no-fund
    rm -rf bin && mkdir bin
    trap 'rm -rf bin' EXIT
    cp "$dist/$target/asyncls$x" bin/
    for t in $vscode_targets; do
      npx vsce package "$version" --no-update-package-json --no-git-tag-version --no-dependencies \
        --target "$t" --out "$dist/asynclint-$t-$version.vsix" </dev/null
    done
  )
}

IFS=, read -ra selected <<<"$targets"
for target in "${selected[@]}"; do
  [ "$target" = sdist ] || compiler "$target" >/dev/null || exit 2
done

# The targets compile at once: most of a cold build is tree-sitter's
# grammar, one large C file that takes one CPU per target.
builds=()
for target in "${selected[@]}"; do
  if [ "$target" != sdist ]; then
    build "$target" >"$dist/$target.log" 2>&1 &
    builds+=("$!:$target")
  fi
done
for b in ${builds[@]+"${builds[@]}"}; do
  status=0
  wait "${b%%:*}" || status=$?
  cat "$dist/${b#*:}.log"
  rm "$dist/${b#*:}.log"
  [ "$status" = 0 ] || { echo "release.sh: ${b#*:} failed" >&2; exit 1; }
done

for target in "${selected[@]}"; do
  if [ "$target" = sdist ]; then
    python3 scripts/pypi.py sdist --version "$version" --out "$dist"
    continue
  fi
  archive "$target"
  x=$(exe "$target")
  python3 scripts/pypi.py wheel --target "$target" --version "$version" --out "$dist" \
    "$dist/$target/asynclint$x" "$dist/$target/asyncls$x"
  vsix "$target"
done
rm -rf "$dist/.staging"

(cd "$dist" && find . -maxdepth 1 -type f ! -name SHA256SUMS | sed 's|^\./||' | sort |
  xargs shasum -a 256 >SHA256SUMS)
echo "== dist/ ($version):"
cat "$dist/SHA256SUMS"
