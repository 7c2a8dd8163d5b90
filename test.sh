#!/usr/bin/env bash
# Runs every Hesh test on a fresh machine: installs what it lacks (Debian's chromium for the browser tests),
# builds, runs `dotnet test`, and prints one closing line counted from the TRX files:
#   Tests: N passed, N failed, N skipped
# Exits non-zero when a test fails or when no test ran.
set -uo pipefail
cd "$(dirname "$0")"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -x "${HESH_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null || {
    echo "Could not install chromium"; exit 1; }
fi

results="TestResults"
rm -rf "$results"
dotnet build Hesh.sln -c Debug -v quiet -nologo || { echo "Tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet test Hesh.Tests --no-build -c Debug --results-directory "$results" --logger "trx" \
  --logger "console;verbosity=minimal" --blame-hang-timeout 5m "$@"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); executed=$(get executed)
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + total - executed))
done

echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
