#!/usr/bin/env bash
# The first command to try: `npm run demo` or, on a fresh clone, `bash scripts/demo.sh`.
# Installs the dev dependencies when node_modules is missing, builds, starts the Finpass/FinPro
# simulator and a real n8n (the pinned version, installed once into ~/.cache/n8n-nodes-finpass)
# with this package installed as a community package and credentials pointing at the simulator,
# runs examples/loan-underwriting-quickstart.json once and prints what it did, then serves the
# n8n editor on 127.0.0.1 (URL, email and password printed) until Ctrl-C.
#   --no-serve   stop after the example run (CI uses it; exit 1 if the example failed)
# Environment: FINPASS_DEMO_PORT (default 5678, or a free port when taken), N8N_VERSION,
# FINPASS_E2E_KEEP=1 to keep n8n's data folder afterwards.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${FINPASS_NODE24_BIN:-}" ]; then
  exec bash "$root/scripts/with-node24.sh" bash "$root/scripts/demo.sh" "$@"
fi

# npm ci, as in .ci/run (the same function; keep the two in step). npm_config_yes: the lint
# plugin's preinstall runs npx, which would stop at its prompt. One known exception: npm >= 11.16
# writes a lock that leaves out optional platform packages the registry does not serve (here:
# every non-linux @unrs/resolver-binding-*), then its own `npm ci` rejects that lock as out of
# sync (npm/cli#9846). Only when every package it calls missing is such an optional dependency do
# we fall back to `npm install`, which installs the locked versions (it leaves this lock unchanged).

for arg in "$@"; do
  case "$arg" in
    --no-serve) ;;
    *) echo "usage: $0 [--no-serve]" >&2; exit 2 ;;
  esac
done

if [ ! -d node_modules ]; then
  echo "=== npm ci (first run)"
  bash scripts/npm-ci.sh
fi
echo "=== build"
npm run build
echo "=== n8n ${N8N_VERSION:-2.41.1} (installed once, ~3-4 min the first time)"
exec node test/e2e/harness.js demo "$@"
