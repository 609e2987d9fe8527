#!/usr/bin/env bash
# Load benchmark of `govctl serve` (issue 5) on loopback: GET /api/v1/environments and POST /api/v1/policies,
# throughput and p50/p99 latency. Release build. Uses wrk (Debian package `wrk`) when installed, else a bounded
# sequential curl loop (which measures latency well but undercounts throughput: one client, one process per request).
# Last, GET /api/v1/state over a store of 1,000 environments × 100 policies (seeded by `controlplane-stress bench`):
# the one request a remote plan of 100k policies makes.
#   BENCH_SECONDS (default 10)  BENCH_CONNECTIONS (default 16)  BENCH_REQUESTS (curl fallback, default 2000)
#   BENCH_STATE=0 skips the 100k snapshot
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-16}
requests=${BENCH_REQUESTS:-2000}
swift build -c release --product govctl >/dev/null
[[ ${BENCH_STATE:-1} == 0 ]] || swift build -c release --product controlplane-stress >/dev/null
[[ ${BENCH_STATE:-1} == 0 ]] || swift build -c release --product govctl-bench >/dev/null
bin=$(swift build -c release --show-bin-path)

# shellcheck source=lib/serve.sh
source scripts/lib/serve.sh
serve_scratch
start_server "$work/state.db" "$work/owner.key"
# A tenant of ten environments, so the list has something to say.
for i in $(seq 1 9); do
  curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d "{\"slug\": \"bench-$i\", \"name\": \"Bench $i\"}" "$base/api/v1/environments"
done

printf '| endpoint | tool | connections | requests | throughput | p50 | p99 | errors |\n'
printf '|---|---|---:|---:|---:|---:|---:|---:|\n'

if command -v wrk >/dev/null; then
  cat >"$work/create.lua" <<LUA
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function request()
  counter = counter + 1
  local body = string.format('{"name": "bench-%d-%d", "type": "deny", "action_pattern": "db.*", "environment_id": "env_bench-1"}', tid, counter)
  return wrk.format("POST", "/api/v1/policies", {["Authorization"] = "Bearer $key", ["Content-Type"] = "application/json"}, body)
end
LUA
  run_wrk() { # label, extra args…
    local label=$1; shift
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" >"$work/wrk.txt"
    local rps p50 p99 total errors
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
    total=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
    errors=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt"); errors=${errors:-0}
    printf '| %s | wrk | %d | %s | %s req/s | %s | %s | %s |\n' "$label" "$connections" "$total" "$rps" "$p50" "$p99" "$errors"
  }
  run_wrk "GET /api/v1/environments" -H "Authorization: Bearer $key" "$base/api/v1/environments"
  run_wrk "POST /api/v1/policies" -s "$work/create.lua" "$base"
else
  run_curl() { # label, method, body-template ('' for GET); the body's %d becomes the request number
    local label=$1 method=$2 template=$3
    : >"$work/times.txt"
    local started ended errors=0
    started=$(date +%s.%N)
    for i in $(seq 1 "$requests"); do
      if [[ -z $template ]]; then
        out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $key" "$base/api/v1/environments")
      else
        # shellcheck disable=SC2059
        out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X "$method" -H "Authorization: Bearer $key" \
          -H 'Content-Type: application/json' -d "$(printf "$template" "$i")" "$base/api/v1/policies")
      fi
      [[ ${out%% *} == 2* ]] || errors=$((errors + 1))
      echo "${out#* }" >>"$work/times.txt"
    done
    ended=$(date +%s.%N)
    sort -n "$work/times.txt" -o "$work/times.txt"
    local p50 p99 rps
    p50=$(awk -v n="$requests" 'NR == int(n * 0.50 + 0.5) {printf "%.2fms", $1 * 1000}' "$work/times.txt")
    p99=$(awk -v n="$requests" 'NR == int(n * 0.99 + 0.5) {printf "%.2fms", $1 * 1000}' "$work/times.txt")
    rps=$(awk -v n="$requests" -v s="$started" -v e="$ended" 'BEGIN {printf "%.0f", n / (e - s)}')
    printf '| %s | curl loop | 1 | %d | %s req/s | %s | %s | %d |\n' "$label" "$requests" "$rps" "$p50" "$p99" "$errors"
  }
  run_curl "GET /api/v1/environments" GET ''
  run_curl "POST /api/v1/policies" POST '{"name": "bench-%d", "type": "deny", "action_pattern": "db.*", "environment_id": "env_bench-1"}'
fi

if [[ ${BENCH_STATE:-1} != 0 ]]; then
  stop_server
  "$bin/controlplane-stress" bench "$work/big.db" 1000 100 >/dev/null
  start_server "$work/big.db" "$work/big.key"
  best=""
  for _ in 1 2 3; do
    out=$(curl -s -o "$work/state.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $key" "$base/api/v1/state")
    [[ ${out%% *} == 200 ]] || { echo "GET /api/v1/state answered ${out%% *}" >&2; exit 1; }
    t=${out#* }
    if [[ -z $best ]] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  policies=$(grep -o '"action_pattern"' "$work/state.json" | wc -l)
  printf '| GET /api/v1/state (%d policies, %.0f MB) | curl, best of 3 | 1 | 3 | — | %.2f s | — | 0 |\n' \
    "$policies" "$(awk "BEGIN{print $(stat -c %s "$work/state.json") / 1048576}")" "$best"
fi

if [[ ${BENCH_STATE:-1} != 0 ]]; then
  # The whole remote plan: 100k policies over 1,000 environments applied through the embedded store, served, then
  # `govctl plan --endpoint` of manifests with 1% of the policies changed (read manifests, GET /state, diff, render).
  stop_server
  "$bin/govctl-bench" generate "$work/plan-base" 100000 1000
  "$bin/govctl-bench" generate "$work/plan-changed" 100000 1000 100
  "$bin/govctl" apply "$work/plan-base" --auto-approve --confirm-production --state "$work/plan.db" >/dev/null
  start_server "$work/plan.db" "$work/plan.key"
  echo
  for _ in 1 2 3; do
    MITRITY_API_KEY=$key /usr/bin/time -f 'plan --endpoint, 100k policies, 1%% changed: wall %e s, CPU %U+%S s, peak RSS %M KB' \
      "$bin/govctl" plan "$work/plan-changed" --endpoint "$base" >"$work/plan.txt" || true
  done
  tail -1 "$work/plan.txt"
fi
