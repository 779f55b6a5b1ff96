#!/usr/bin/env bash
# Runs asynclint check for the GitHub Action (action.yml at the repository
# root): findings as workflow annotations, and as SARIF in $SARIF_FILE when
# it is set. Exits as asynclint check does: 1 when there are findings.
#
# ARGS        paths and flags for asynclint check, separated by spaces
# SARIF_FILE  where to write SARIF; empty for none
set -uo pipefail

read -ra args <<<"${ARGS:-}"
status=0
asynclint check --format github "${args[@]}" || status=$?
if [ -n "${SARIF_FILE:-}" ]; then
  # A second run reads the first one's cache. Findings (1) are what the file
  # is for; anything higher is an error.
  asynclint check --format sarif "${args[@]}" >"$SARIF_FILE"
  sarif_status=$?
  if [ "$sarif_status" -gt 1 ]; then
    status=$sarif_status
  fi
fi
exit "$status"
