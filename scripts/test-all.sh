#!/usr/bin/env bash
# `npm test`: build, lint, the architecture rules (`npm run depcheck`: .dependency-cruiser.cjs,
# docs/architecture.md), the comment check (scripts/check-comments.js), unit tests, then the
# end-to-end tests against a real n8n (installed once into ~/.cache/n8n-nodes-finpass by the e2e
# setup). Installs no packages itself: run
# `npm ci` first (.ci/run and scripts/demo.sh do). Runs every phase it can, fails if any failed,
# and ends with one line "N passed, N failed" summed over both jest runs.
# Environment: N8N_VERSION (default 2.41.1) picks the n8n the e2e tests run against;
# FINPASS_E2E_KEEP=1 keeps the e2e run folder for a look afterwards.
# --forceExit: a test that leaks a handle (a server left open) must not hang CI forever; jest
# still names the problem ("did not exit one second after the test run").
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# n8n-workflow 2.x (loaded by the built nodes) and n8n 2.x need Node 24
if [ -z "${FINPASS_NODE24_BIN:-}" ]; then
  exec bash "$root/scripts/with-node24.sh" bash "$root/scripts/test-all.sh" "$@"
fi

jest="$root/node_modules/.bin/jest"
if [ ! -x "$jest" ]; then
  echo "test-all.sh: $jest is missing: run \`npm ci\` first (under scripts/with-node24.sh)." >&2
  exit 1
fi
reports="$(mktemp -d "${TMPDIR:-/tmp}/finpass-test-all-XXXXXX")"
trap 'rm -rf "$reports"' EXIT
failed_phases=()
timings=()

phase() { # phase NAME CMD... : runs CMD, records its time and whether it failed
  local name="$1"; shift
  local t0=$SECONDS
  echo
  echo "=== $name"
  "$@"
  local rc=$?
  timings+=("$name $((SECONDS - t0))s$([ $rc -eq 0 ] || echo ' FAILED')")
  [ $rc -eq 0 ] || failed_phases+=("$name")
  return $rc
}

summary() {
  echo
  echo "=== summary"
  printf '  %s\n' "${timings[@]}"
  [ ${#failed_phases[@]} -eq 0 ] || echo "failed: ${failed_phases[*]}"
  # jest --json reports; a project whose report is missing (e.g. its global setup failed) or
  # holds suites that did not load counts one failure each, so the line never hides a failure
  node -e '
    const fs = require("fs");
    let passed = 0, failed = 0;
    for (const [name, file] of [["unit", process.argv[1]], ["e2e", process.argv[2]]]) {
      if (!fs.existsSync(file)) { console.log(`${name}: jest wrote no report (see its output above)`); failed++; continue; }
      const r = JSON.parse(fs.readFileSync(file, "utf8"));
      passed += r.numPassedTests;
      failed += r.numFailedTests;
      if (r.numRuntimeErrorTestSuites) { console.log(`${name}: ${r.numRuntimeErrorTestSuites} test file(s) failed to run`); failed += r.numRuntimeErrorTestSuites; }
    }
    console.log(`${passed} passed, ${failed} failed`);
  ' "$reports/unit.json" "$reports/e2e.json"
}

if ! phase build npm run build; then
  echo "build failed: not running the tests"
  summary
  exit 1
fi
phase lint npm run lint
# docs/architecture.md's rules; a broken one prints its name (e.g. no-import-cycles)
phase "architecture rules (dependency-cruiser)" npm run --silent depcheck
# comments and docs point only inside the repository (no machine paths, issue numbers, vendor files)
phase "comments point inside the repository" node scripts/check-comments.js
phase "pack check (files, n8n scanner rules)" node scripts/check-pack.js
phase "unit tests" "$jest" --selectProjects unit --passWithNoTests --forceExit --json --outputFile="$reports/unit.json"
phase "e2e tests" "$jest" --selectProjects e2e --runInBand --forceExit --json --outputFile="$reports/e2e.json"
summary
[ ${#failed_phases[@]} -eq 0 ]
