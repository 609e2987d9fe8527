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
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$GOVCTL" serve --listen 127.0.0.1:0 --state "$work/state.db" --bootstrap-key-file "$work/owner.key" 2>"$work/serve.log" &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -nE 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/p' "$work/serve.log" | head -1)
  [[ -n $port ]] && break
  sleep 0.05
done
[[ -n $port ]] || { echo "govctl serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
python3 scripts/bench_serve_fill.py "http://127.0.0.1:$port" "$work/owner.key" "${BENCH_POLICIES:-100000}" "${BENCH_ENVIRONMENTS:-100}"
