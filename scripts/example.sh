#!/usr/bin/env bash
# Sets up the local container stack (first run: installs Debian packages, needs root) and runs the
# built-in example through the bundled action. `--dry-run` prints the plan and touches no docker.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
if [[ " $* " != *" --dry-run "* ]]; then eval "$(bash scripts/e2e-env.sh)"; fi
exec "${CROSSBUILD_NODE:-node}" scripts/example.mjs "$@"
