#!/usr/bin/env bash
# Installs a real n8n from the npm registry into a cache folder, once, and prints the path of its
# CLI. Usage: install-n8n.sh [version]   (default 2.41.1; 1.x versions use Node 22, see below)
# Traps measured on this machine (see README "Testing"): a plain install runs a Kafka client's
# script that downloads from GitHub, so we install with --ignore-scripts and build sqlite3 from
# source against the Node headers of the runtime n8n will use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
N8N_VERSION="${1:-${N8N_VERSION:-2.41.1}}"
CACHE="${FINPASS_CACHE:-$HOME/.cache/n8n-nodes-finpass}"
case "$N8N_VERSION" in
  1.*) NODE_BIN="$(NODE24_VERSION=22.23.3 "$here/bootstrap-node.sh")" ;;
  *)   NODE_BIN="$("$here/bootstrap-node.sh")" ;;
esac
NODE_DIR="$(dirname "$NODE_BIN")"
dir="$CACHE/n8n-$N8N_VERSION"
cli="$dir/node_modules/n8n/bin/n8n"
# one install at a time per version: a second caller waits here instead of deleting a
# half-finished install (several test runs on one machine start it at once)
mkdir -p "$CACHE"
exec 9>"$CACHE/n8n-$N8N_VERSION.lock"
flock 9
if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"; mkdir -p "$dir"
  cd "$dir"
  case "$N8N_VERSION" in
    # every 1.x pulls xlsx from an outside host; the registry copy 2.x uses replaces it
    1.*) echo '{"private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}' > package.json ;;
    *)   echo '{"private":true}' > package.json ;;
  esac
  export PATH="$NODE_BIN:$PATH" npm_config_nodedir="$NODE_DIR"
  npm install --ignore-scripts --no-audit --no-fund "n8n@$N8N_VERSION" >&2
  npm rebuild sqlite3 --build-from-source >&2
  touch .complete
fi
echo "$cli"
