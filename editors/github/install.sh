#!/usr/bin/env bash
# Installs asynclint for the GitHub Action (action.yml at the repository
# root): the release wheel from PyPI, never a build from source, into a
# directory of its own under $RUNNER_TEMP that goes on $GITHUB_PATH.
#
# INPUT_VERSION  the release to install ("0.1.0"); when empty, the one of
#                ACTION_REF, the action's tag ("v0.1.0").
set -euo pipefail

version=${INPUT_VERSION:-}
if [ -z "$version" ]; then
  case ${ACTION_REF:-} in
    v[0-9]*.[0-9]*.[0-9]*) version=${ACTION_REF#v} ;;
    *)
      echo "::error title=asynclint::cannot tell which asynclint to install from @${ACTION_REF:-}: use a release tag (uses: asynclint/asynclint@v0.1.0) or set the version input"
      exit 2
      ;;
  esac
fi

python=$(command -v python3 || command -v python || true)
if [ -z "$python" ]; then
  echo "::error title=asynclint::asynclint installs with pip: put Python 3 on PATH first (actions/setup-python)"
  exit 2
fi

# --target keeps the executables out of the runner's Python environment
# (and is allowed where that environment is externally managed); pip puts
# them in its bin/ (Scripts\ on Windows).
dir=${RUNNER_TEMP:-$(mktemp -d)}/asynclint-$version
"$python" -m pip install --quiet --disable-pip-version-check --only-binary :all: \
  --target "$dir" "asynclint==$version"
bin=$dir/bin
[ -d "$bin" ] || bin=$dir/Scripts
"$bin/asynclint" --version
echo "$bin" >>"${GITHUB_PATH:?GITHUB_PATH is not set: run this in GitHub Actions}"
