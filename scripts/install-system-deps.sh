#!/usr/bin/env bash
# Installs the Debian packages the queue-mode and browser tests need, only those that are missing:
#   redis-server  (queue mode: n8n's Bull queue)
#   postgresql    (queue mode: main and worker share a PostgreSQL database; the tests initdb a
#                  cluster of their own in a temp folder, the packaged service is not used)
#   chromium      (editor screenshots and the browser test, driven by playwright-core)
# Idempotent and quiet: prints one line saying what it installed, or that nothing was missing.
# Needs root (or sudo) only when something is missing. Usage: scripts/install-system-deps.sh
set -euo pipefail

missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
have_pkg redis-server || command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# the tests look for initdb/pg_ctl/postgres under /usr/lib/postgresql/<major>/bin
if ! have_pkg postgresql && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
have_pkg chromium || [ -x /usr/bin/chromium ] || missing+=(chromium)
# installed without recommends: add the one recommended package the screenshots need (fonts)
if [[ " ${missing[*]-} " == *" chromium "* ]] && ! have_pkg fonts-liberation; then missing+=(fonts-liberation); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: redis-server, postgresql and chromium are present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: missing ${missing[*]}, and there is no apt-get here: install them by hand" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "install-system-deps: missing ${missing[*]}; run as root (or with sudo) to install them" >&2
    exit 1
  fi
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101: the packages' services are not started (the tests run their own instances)
policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod +x "$policy"
  added_policy=1
fi
cleanup_policy() { [ "$added_policy" -eq 0 ] || "${as_root[@]}" rm -f "$policy"; }
if ! { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cleanup_policy
  echo "install-system-deps: apt-get failed installing ${missing[*]}:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
cleanup_policy
echo "install-system-deps: installed ${missing[*]}"
