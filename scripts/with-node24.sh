#!/usr/bin/env bash
# Runs a command under Node 24: `scripts/with-node24.sh CMD...`.
# Installs Node 24 into the cache once (bootstrap-node.sh), puts it first on PATH and points
# npm_config_nodedir at its headers (the folder holding include/), so native modules such as
# isolated-vm (pulled by n8n-workflow 2.x) use their Node 24 prebuilds or build against the right
# headers, not against the machine's Node 20 (this machine's ~/.npmrc even sets nodedir=/usr).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ "$#" -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi
bin="$("$here/bootstrap-node.sh")"
nodedir="$(dirname "$bin")"
if [ ! -d "$nodedir/include/node" ]; then
  echo "with-node24.sh: no Node headers in $nodedir/include" >&2
  exit 1
fi
export PATH="$bin:$PATH"
export npm_config_nodedir="$nodedir"
# lets our own scripts see that they already run under the cached Node 24
export FINPASS_NODE24_BIN="$bin"
exec "$@"
