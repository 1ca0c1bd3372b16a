#!/usr/bin/env bash
# The README's test command, for a fresh clone with only Node and npm on the machine:
# bootstraps Node 24 from the npm registry (n8n 2.x and n8n-workflow 2.x need it), installs the
# dev dependencies when they are missing or older than package-lock.json, then runs `npm test`
# (build, lint, packaging checks, unit tests, end-to-end tests in a real n8n). CI runs this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${FINPASS_NODE24_BIN:-}" ]; then
  exec bash "$root/scripts/with-node24.sh" bash "$root/scripts/test.sh" "$@"
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "=== npm ci"
  bash scripts/npm-ci.sh
fi
npm test
