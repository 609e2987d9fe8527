#!/usr/bin/env bash
# Runs govctl's libFuzzer targets: scripts/fuzz.sh [manifests|patterns|all] [SECONDS per target] [-- libFuzzer flags]
#
# Builds the targets in .build-fuzz (release, with -sanitize=fuzzer,address), gathers a seed corpus from
# examples/ and the test fixtures, and fuzzes each target for SECONDS (default 60). The corpus grows in
# .build-fuzz/corpus/TARGET and is reused by the next run; a crash, a leak, a trap or an input slower than
# 2 s is written to Fuzz/findings/TARGET/ and fails the run. Turn every finding into a regression test
# (Tests/ManifestsTests/Fixtures/fuzz-findings, Tests/GovernanceTests/PatternFindingsTests.swift).
set -euo pipefail
cd "$(dirname "$0")/.."

which_targets=${1:-all}
seconds=${2:-60}
shift $(( $# > 2 ? 2 : $# ))
[[ ${1:-} == -- ]] && shift
extra=("$@")

case $which_targets in
  all) targets=(manifests patterns) ;;
  manifests|patterns) targets=("$which_targets") ;;
  *) echo "usage: scripts/fuzz.sh [manifests|patterns|all] [SECONDS] [-- libFuzzer flags]" >&2; exit 1 ;;
esac

scratch=.build-fuzz
# SwiftPM gives -sanitize=fuzzer to the executable alone; -sanitize-coverage instruments the modules it fuzzes.
flags=(-c release --scratch-path "$scratch" --sanitize=fuzzer --sanitize=address
       -Xswiftc -g -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp)
# SwiftPM does not rebuild a module when only -Xswiftc flags change: start over when they did.
if [[ "$(cat "$scratch/fuzz-flags" 2>/dev/null)" != "${flags[*]}" ]]; then
  rm -rf "$scratch"/*-linux-gnu "$scratch"/release "$scratch"/build.db
  mkdir -p "$scratch"; echo "${flags[*]}" > "$scratch/fuzz-flags"
fi
for target in "${targets[@]}"; do
  GOVCTL_FUZZ=1 swift build "${flags[@]}" --product "fuzz-$target" >&2
done
bin=$(GOVCTL_FUZZ=1 swift build "${flags[@]}" --show-bin-path)

seed_manifests() {  # every YAML file of the examples and the fixtures, the YAML test suite's inputs among them
  find examples Tests -name '*.yaml' -o -name '*.yml' | while read -r file; do
    [[ $(stat -c %s "$file") -le 65536 ]] && cp "$file" "$1/$(echo "$file" | tr '/' '_')"
  done
}
seed_patterns() {  # every actionPattern written in the examples and fixtures, one per file, and the hand-made seeds
  grep -rhoE 'actionPattern: *"[^"]*"' examples Tests | sed -E 's/^actionPattern: *"(.*)"$/\1/; s/\\\\/\\/g' \
    | sort -u | { n=0; while IFS= read -r line; do printf '%s' "$line" > "$1/seed-$n"; n=$((n + 1)); done; }
  cp Fuzz/Corpus/patterns/* "$1/"
}

status=0
for target in "${targets[@]}"; do
  corpus=$scratch/corpus/$target seeds=$scratch/seeds/$target findings=Fuzz/findings/$target
  mkdir -p "$corpus" "$findings"
  rm -rf "$seeds"; mkdir -p "$seeds"
  "seed_$target" "$seeds"
  max_len=$([[ $target == manifests ]] && echo 16384 || echo 2048)
  echo "fuzz-$target: ${seconds}s, $(ls "$seeds" | wc -l) seeds, $(ls "$corpus" | wc -l) inputs in the corpus" >&2
  # The leak checker reports the Swift runtime's caches; crashes, traps, stalls and memory blow-ups still fail.
  if ! "$bin/fuzz-$target" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=2 -rss_limit_mb=2048 \
       -max_len="$max_len" -dict="Fuzz/$target.dict" -detect_leaks=0 -print_final_stats=1 \
       -artifact_prefix="$findings/" "${extra[@]}" 2> >(tee "$scratch/fuzz-$target.log" >&2); then
    echo "fuzz-$target: FINDING in $findings (log: $scratch/fuzz-$target.log)" >&2
    status=1
  fi
done
exit $status
