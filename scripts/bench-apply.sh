#!/usr/bin/env bash
# Benchmark of `govctl apply` (issue 4): 10,000 policy creates over 100 environments on a fresh embedded store,
# end to end (read manifests, snapshot, diff, print the plan, apply, report). Release build; best of three.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_DIR:-/tmp/govctl-bench-apply}
swift build -c release --product govctl >/dev/null
swift build -c release --product govctl-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
rm -rf "$out" && mkdir -p "$out"
"$bin/govctl-bench" generate "$out/manifests" 10000 100
printf '| run | wall | CPU (user+sys) | peak RSS |\n|---:|---:|---:|---:|\n'
for run in 1 2 3; do
  rm -f "$out"/state.db*
  /usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "$bin/govctl" apply "$out/manifests" --auto-approve --confirm-production \
    --state "$out/state.db" >"$out/apply.out" 2>"$out/apply.err" || { echo "apply failed:" >&2; tail -5 "$out/apply.out" >&2; exit 1; }
  read -r wall rss user sys <"$out/time.txt"
  printf '| %d | %s s | %.2f s | %d MB |\n' "$run" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$((rss / 1024))"
done
tail -1 "$out/apply.out"
"$bin/govctl" plan "$out/manifests" --state "$out/state.db" --detailed-exitcode >/dev/null 2>&1 && echo "plan after apply: no changes"
