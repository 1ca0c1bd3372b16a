#!/usr/bin/env bash
# `npm ci`, with one guarded fallback: this registry serves only the Linux builds of some
# optional platform packages (@unrs/resolver-binding-*), so npm 11 leaves the others out of the
# lock and then calls the lock out of sync (npm/cli#9846). Only when every package npm says is
# missing is an optional dependency named in the lock do we run `npm install`, which keeps the
# lock as it is. Any other mismatch still fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
set +e
# eslint-plugin-n8n-nodes-base's preinstall runs `npx only-allow pnpm`, which waits for a yes
npm_config_yes=true npm ci --no-audit --no-fund 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ] && grep -q 'can only install packages when your package.json and package-lock.json' "$out" &&
  node -e '
    const fs = require("fs");
    const missing = [...fs.readFileSync(process.argv[1], "utf8").matchAll(/Missing: (@?[^@\s]+)@\S* from lock file/g)].map((m) => m[1]);
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    const optional = new Set(Object.values(lock.packages || {}).flatMap((p) => Object.keys(p.optionalDependencies || {})));
    process.exit(missing.length && missing.every((n) => optional.has(n)) ? 0 : 1);
  ' "$out"; then
  echo "npm ci refused the lock only for optional platform packages (npm/cli#9846): using npm install"
  npm_config_yes=true npm install --no-audit --no-fund
  rc=$?
fi
exit "$rc"
