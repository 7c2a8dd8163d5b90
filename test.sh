#!/usr/bin/env bash
# Runs every Hesh test on a fresh machine: installs what it lacks (Debian's chromium for the browser tests, node and
# npm for axe-core, PostgreSQL and Redis for the two-node tests), starts those servers on 127.0.0.1, builds, runs `dotnet test`,
# and prints one closing line counted from the TRX files:
#   Tests: N passed, N failed, N skipped
# Exits non-zero when a test fails or when no test ran.
set -uo pipefail
cd "$(dirname "$0")"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

missing=()
[ -x "${HESH_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]}…"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "warning: could not install ${missing[*]}; the tests that need them will be skipped or fail"
fi

# PostgreSQL and Redis on loopback for the two-node tests (apt does not start services here).
if command -v pg_ctlcluster >/dev/null; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  $SUDO pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  if $SUDO su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'hesh-test'\"" >/dev/null 2>&1; then
    export HESH_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=hesh-test"
  fi
fi
if command -v redis-server >/dev/null; then
  redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done
  redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && export HESH_TEST_REDIS="127.0.0.1:6379"
fi

# axe-core, the WCAG rule engine the accessibility tests inject into each page, pinned by Hesh.Tests/a11y/package-lock.json.
if command -v npm >/dev/null; then
  (cd Hesh.Tests/a11y && npm ci --no-audit --no-fund --loglevel=error) || echo "warning: npm ci failed; the accessibility tests will fail"
  # Redocly CLI, the OpenAPI linter the Public API's document must pass (OpenApiDocumentTests), pinned by Hesh.Tests/openapi/package-lock.json.
  (cd Hesh.Tests/openapi && npm ci --no-audit --no-fund --loglevel=error) || echo "warning: npm ci failed; the OpenAPI lint test will fail"
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
