#!/usr/bin/env bash
# Tests the release artefacts the way users get them. It builds the Linux
# ones with scripts/release.sh, then checks that:
#   - the executables report the release's version and are statically linked;
#   - the wheel installs with pip into a fresh virtualenv from dist/ alone (no
#     package index), and with Go off PATH `asynclint check` and
#     `python -m asynclint check` report rules/testdata/AL210/project' findings
#     and asyncls holds an LSP session (scripts/lsp-session.py);
#   - the arm64 executables do the same under qemu-aarch64-static;
#   - the pre-commit hooks and the GitHub Action install that wheel
#     (the tests in editors/ that $ASYNCLINT_WHEELS turns on);
#   - the linux-x64 .vsix holds asyncls, and the extension's test starts it.
# With --windows it also builds the Windows executables and runs them under
# Wine (wine64 and gcc-mingw-w64-x86-64 from Debian).
#
# Usage: scripts/test-release.sh [--windows]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

windows=false
case ${1:-} in
  --windows) windows=true ;;
  "") ;;
  *) echo "usage: scripts/test-release.sh [--windows]" >&2; exit 2 ;;
esac

fail() {
  echo "test-release: $*" >&2
  exit 1
}

# stage NAME: announces a stage, with the seconds spent so far.
stage() {
  echo "== $* (at ${SECONDS}s)"
}

targets=linux-amd64,linux-arm64
$windows && targets+=,windows-amd64
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

version=$(python3 scripts/pypi.py version)
scripts/release.sh --targets "$targets" --version "$version" >"$tmp/release.log" 2>&1 ||
  { cat "$tmp/release.log"; fail "scripts/release.sh failed"; }
pyversion=$(python3 -c 'import sys; sys.path.insert(0, "python/backend"); import asynclint_build as b; print(b.python_version(sys.argv[1]))' "$version")
stage "built $targets, $version"
cp -r rules/testdata/AL210/project "$tmp/chains"
want=$(dist/linux-amd64/asynclint check --no-cache --format concise "$tmp/chains" | grep -c ': AL' || true)
[ "$want" -gt 0 ] || fail "the sample project gives no findings"

# check_project RUNNER...: runs `RUNNER check` on the sample project, which
# must give the findings the amd64 executable gives ($want of them), and
# prints them.
check_project() {
  local out status=0
  out=$("$@" check --no-cache --format concise "$tmp/chains") || status=$?
  [ "$status" = 1 ] || fail "$* check: exit $status, want 1 (findings)"
  grep -q "Found $want findings" <<<"$out" || fail "$* check: want $want findings, got:"$'\n'"$out"
  grep -v '^Found\|^\[\*\]' <<<"$out" | sed "s|$tmp/||"
}

# check_version DIR [RUNNER...]: DIR's asynclint and asyncls, run by RUNNER
# if given, report $version.
check_version() {
  local dir=$1 got x=
  shift
  case $dir in *windows*) x=.exe ;; esac
  for cmd in asynclint asyncls; do
    got=$("$@" "$dir/$cmd$x" --version | tr -d '\r')
    [ "$got" = "$cmd $version" ] || fail "$dir/$cmd --version: $got, want $cmd $version"
  done
}

stage "static executables"
for target in linux-amd64 linux-arm64; do
  for cmd in asynclint asyncls; do
    if readelf -lW "dist/$target/$cmd" | grep -q 'INTERP\|DYNAMIC'; then
      fail "dist/$target/$cmd is dynamically linked"
    fi
  done
done
check_version dist/linux-amd64

stage "the wheel in a fresh virtualenv, without Go"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index \
  --find-links dist "asynclint==$pyversion"
nogo=$tmp/venv/bin:$(python3 -c 'import os, shutil, sys; print(os.pathsep.join(d for d in os.environ["PATH"].split(os.pathsep) if not shutil.which("go", path=d)))')
(
  export PATH=$nogo
  ! command -v go >/dev/null || fail "go is still on PATH"
  check_version "$tmp/venv/bin"
  amd64=$(check_project asynclint)
  echo "$amd64"
  [ "$(check_project python -m asynclint)" = "$amd64" ] || fail "python -m asynclint found something else"
  python "$root/scripts/lsp-session.py" "$version" asyncls 2>/dev/null
) >"$tmp/amd64.log" || { cat "$tmp/amd64.log"; exit 1; }
cat "$tmp/amd64.log"

stage "linux-arm64 under qemu"
check_version dist/linux-arm64 qemu-aarch64-static
check_project qemu-aarch64-static dist/linux-arm64/asynclint >"$tmp/arm64.log"
diff <(sed -n "1,${want}p" "$tmp/amd64.log") "$tmp/arm64.log" || fail "linux-arm64 found something else than linux-amd64"
python3 scripts/lsp-session.py "$version" qemu-aarch64-static dist/linux-arm64/asyncls 2>/dev/null

if $windows; then
  stage "windows-amd64 under Wine"
  wine=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
  export WINEPREFIX=$tmp/wine WINEDEBUG=-all
  "$wine" wineboot --init >/dev/null 2>&1
  x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def
  check_version dist/windows-amd64 "$wine" 2>/dev/null
  out=$(cd "$tmp" && "$wine" "$root/dist/windows-amd64/asynclint.exe" check --no-cache --format concise chains) && fail "asynclint.exe check: exit 0, want 1"
  grep -q "Found $want findings" <<<"$out" || fail "asynclint.exe check: want $want findings, got:"$'\n'"$out"
  echo "asynclint.exe check: $want findings"
fi

stage "pre-commit hooks and the GitHub Action install the wheel"
ASYNCLINT_WHEELS=$root/dist go test -count=1 -run 'TestPreCommitWheel|TestGitHubActionInstall' ./editors

stage "the linux-x64 .vsix starts its bundled asyncls"
(cd editors/vscode && npx tsc --outDir out &&
  ASYNCLINT_VSIX=$root/dist/asynclint-linux-x64-$version.vsix node --test out/test/vsix.test.js) >"$tmp/vsix.log" ||
  { cat "$tmp/vsix.log"; exit 1; }
grep -E '^# (pass|fail|skipped)' "$tmp/vsix.log"
stage "done"
