#!/usr/bin/env bash
# Benchmarks of issue 2: the YAML layer against a plain libyaml scan, and `govctl validate` end to end,
# on generated manifests of 1k, 10k and 100k policies over 1,000 environments. Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_DIR:-/tmp/govctl-bench}
swift build -c release --product govctl >/dev/null
swift build -c release --product govctl-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
mkdir -p "$out"
printf '| policies | files | MB | libyaml scan (floor) | YAML layer | ratio | validate wall | validate CPU (user+sys) | validate peak RSS |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in 1000 10000 100000; do
  dir="$out/p$n"
  "$bin/govctl-bench" generate "$dir" "$n" 1000
  yaml=$("$bin/govctl-bench" yaml "$dir" 5)
  floor=$(sed -E 's/.*floor=([0-9.]+)s.*/\1/' <<<"$yaml")
  layer=$(sed -E 's/.*layer=([0-9.]+)s.*/\1/' <<<"$yaml")
  ratio=$(sed -E 's/.*ratio=([0-9.]+).*/\1/' <<<"$yaml")
  files=$(sed -E 's/.*files=([0-9]+).*/\1/' <<<"$yaml")
  bytes=$(sed -E 's/.*bytes=([0-9]+).*/\1/' <<<"$yaml")
  best_wall=""; best_rss=""; best_cpu=""
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "$bin/govctl" validate "$dir" >/dev/null 2>"$out/validate.err" || {
      echo "govctl validate failed on $dir:" >&2; head -5 "$out/validate.err" >&2; exit 1; }
    [[ -s "$out/validate.err" ]] && { echo "unexpected diagnostics on $dir:" >&2; head -5 "$out/validate.err" >&2; exit 1; }
    read -r wall rss user sys <"$out/time.txt"
    if [[ -z $best_wall ]] || awk "BEGIN{exit !($wall < $best_wall)}"; then
      best_wall=$wall; best_rss=$rss; best_cpu=$(awk "BEGIN{printf \"%.2f\", $user + $sys}")
    fi
  done
  printf '| %d | %d | %.1f | %.3f s | %.3f s | %.2f× | %s s | %s s | %d MB |\n' "$n" "$files" \
    "$(awk "BEGIN{print $bytes/1048576}")" "$floor" "$layer" "$ratio" "$best_wall" "$best_cpu" "$((best_rss / 1024))"
done

echo
echo "diff alone (live equal to desired but 1% of policies):"
for n in 10000 100000 1000000; do "$bin/govctl-bench" diff "$n" 3; done

echo
echo "plan end to end, 100k policies over 1,000 environments, live equal to the manifests but 1% of policies:"
"$bin/govctl-bench" generate "$out/plan-base" 100000 1000
"$bin/govctl-bench" generate "$out/plan-changed" 100000 1000 100
rm -f "$out/plan.db" "$out/plan.db.key"
/usr/bin/time -f 'apply of 101,000 creates: wall %e s, CPU %U+%S s, peak RSS %M KB' \
  "$bin/govctl" apply "$out/plan-base" --auto-approve --confirm-production --state "$out/plan.db" >/dev/null
for _ in 1 2 3; do
  /usr/bin/time -f 'plan: wall %e s, CPU %U+%S s, peak RSS %M KB' \
    "$bin/govctl" plan "$out/plan-changed" --state "$out/plan.db" >"$out/plan.txt" || true
done
tail -1 "$out/plan.txt"
