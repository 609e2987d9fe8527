#!/usr/bin/env bash
# `govctl serve` stays fast as it fills (issue 10): 100,000 policies created through the API one at a time, each
# with an Idempotency-Key, the latency of every block of 10,000 reported. Release build unless GOVCTL names a binary.
#   BENCH_POLICIES (default 100000)  BENCH_ENVIRONMENTS (default 100)  GOVCTL (a govctl binary to measure)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z ${GOVCTL:-} ]]; then
  swift build -c release --product govctl >/dev/null
  GOVCTL="$(swift build -c release --show-bin-path)/govctl"
fi
# shellcheck source=lib/serve.sh
source scripts/lib/serve.sh
serve_scratch
start_server "$work/state.db" "$work/owner.key" "$GOVCTL"
python3 scripts/bench_serve_fill.py "$base" "$work/owner.key" "${BENCH_POLICIES:-100000}" "${BENCH_ENVIRONMENTS:-100}"
