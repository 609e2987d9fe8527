#!/usr/bin/env bash
# Hostile inputs of the hardening issue, timed end to end on the release binary: each must be refused (or
# accepted) in well under a second, with bounded memory, and the server must keep serving.
# Prints a Markdown table for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_DIR:-/tmp/govctl-bench-hostile}
swift build -c release --product govctl >/dev/null
bin=$(swift build -c release --show-bin-path)
rm -rf "$out"; mkdir -p "$out"

policy_set() {  # $1: file, $2: action pattern (YAML single-quoted)
  printf "apiVersion: govctl/v1\nkind: PolicySet\nmetadata: {name: hostile}\nspec:\n  policies:\n    - {name: p, type: deny, actionPattern: '%s'}\n" "$2" >"$1"
}
mkdir -p "$out/nested2500" "$out/nested500" "$out/bounded" "$out/merge" "$out/hints" "$out/chain"
policy_set "$out/nested2500/p.yaml" "regex:^$(printf '[%.0s' {1..2500})a$(printf ']%.0s' {1..2500})"
policy_set "$out/nested500/p.yaml" "regex:^$(printf '[%.0s' {1..500})a$(printf ']%.0s' {1..500})"
# The costliest pattern within the bounds the generator below knows: 16 groups deep, alternations, 1,024 bytes.
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
inner = "(" * 16 + "a|b" + ")" * 16
body = "^" + (inner + "|") * ((1024 - 7) // (len(inner) + 1))
body = body.rstrip("|")
open(f"{out}/bounded/p.yaml", "w").write(
    "apiVersion: govctl/v1\nkind: PolicySet\nmetadata: {name: hostile}\nspec:\n  policies:\n"
    f"    - {{name: p, type: deny, actionPattern: 'regex:{body}'}}\n")
open(f"{out}/merge/m.yaml", "w").write("a:\n" + "  <<: {}\n" * 400_000)
n = 5000
open(f"{out}/hints/envs.yaml", "w").write("---\n".join(
    f"apiVersion: govctl/v1\nkind: Environment\nmetadata: {{slug: team-{i:05d}}}\nspec: {{name: \"Team {i}\"}}\n" for i in range(n)))
open(f"{out}/hints/agents.yaml", "w").write("---\n".join(
    f"apiVersion: govctl/v1\nkind: Agent\nmetadata: {{name: bot, environment: tean-{i:05d}}}\nspec: {{}}\n" for i in range(n)))
length, per = 30000, 6000
for f in range(length // per):
    docs = []
    for i in range(f * per, (f + 1) * per):
        mirror = "" if i == length - 1 else f", mirror: env-{i + 1}"
        docs.append(f"apiVersion: govctl/v1\nkind: Environment\nmetadata: {{slug: env-{i}}}\n"
                    f"spec: {{name: E{mirror}, policies: [{{name: p{i}, type: deny, actionPattern: \"db.*\"}}]}}\n")
    open(f"{out}/chain/f{f}.yaml", "w").write("---\n".join(docs))
PY

printf '| input | what govctl says | wall | peak RSS |\n|---|---|---:|---:|\n'
row() {  # $1: label, rest: command; prints the first diagnostic code (or "valid") and the time
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >"$out/stdout" 2>"$out/stderr" || true
  read -r wall rss < <(tail -1 "$out/time.txt")
  local said
  said=$(grep ': error: ' "$out/stderr" | grep -o '\[[a-z-]*\]$' | sort | uniq -c | sort -rn | head -2 | awk '{printf "%s%s ×%s", (NR>1?", ":""), $2, $1}' || true)
  [[ -n $said ]] || said=$(head -c 60 "$out/stdout")
  printf '| %s | %s | %s s | %s MB |\n' "$label" "$said" "$wall" "$((rss / 1024))"
}
row "pattern of 2,500 nested classes (5 KB, the issue's)" "$bin/govctl" validate "$out/nested2500"
row "pattern of 500 nested classes (1,007 bytes)" "$bin/govctl" validate "$out/nested500"
row "1,024-byte regex, 16-deep groups, within every bound" "$bin/govctl" validate "$out/bounded"
row "400,000 merge keys in one mapping (3.6 MB)" "$bin/govctl" validate "$out/merge/m.yaml"
row "5,000 misspelt references among 5,000 environments" "$bin/govctl" validate "$out/hints"
row "mirror chain of 30,000 environments, a policy in each" "$bin/govctl" validate "$out/chain"

# The server: the same pattern and hostile bodies over HTTP, then a request that must still be served.
state=$out/serve; mkdir -p "$state"
"$bin/govctl" serve --listen 127.0.0.1:0 --state "$state/s.db" --bootstrap-key-file "$state/owner.key" >"$state/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q 'address=127.0.0.1:' "$state/log" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o 'address=127.0.0.1:[0-9]*' "$state/log" | head -1 | cut -d: -f2)
key=$(cat "$state/owner.key")
post() {  # $1: label, $2: body file
  local answer
  answer=$(curl -s -o "$out/answer" -w '%{http_code} %{time_total}' -X POST "http://127.0.0.1:$port/api/v1/policies" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary "@$2")
  printf '| serve: %s | %s %s | %s s | |\n' "$1" "${answer% *}" "$(grep -o '"rule":"[a-z-]*"' "$out/answer" | head -1 || true)" "${answer#* }"
}
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
base = {"name": "p", "type": "deny", "environment_id": "env_production"}
pattern = "regex:^" + "[" * 2500 + "a" + "]" * 2500
json.dump({**base, "action_pattern": pattern}, open(f"{out}/nested.json", "w"))
deep = "[" * 600 + "]" * 600
open(f"{out}/deep.json", "w").write(json.dumps({**base, "action_pattern": "db.*"})[:-1] + f', "constraints": {{"a": {deep}}}}}')
wide = "[" * 7 + ",".join(["1"] * 100_000) + "]" * 7
deepc = "[" * 60 + ",".join(["1"] * 100_000) + "]" * 60
open(f"{out}/deepc.json", "w").write(json.dumps({**base, "name": "deepc", "action_pattern": "db.*"})[:-1] + f', "constraints": {{"a": {deepc}}}}}')
open(f"{out}/wide.json", "w").write(json.dumps({**base, "name": "wide", "action_pattern": "db.*"})[:-1] + f', "constraints": {{"a": {wide}}}}}')
PY
post "the nested-class pattern in POST /policies" "$out/nested.json"
post "a body 600 levels deep" "$out/deep.json"
post "constraints 60 levels around 100,000 numbers (200 KB)" "$out/deepc.json"
post "constraints 8 levels around 100,000 numbers (200 KB)" "$out/wide.json"
health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")
printf '| serve afterwards: GET /healthz | %s | | %s MB |\n' "$health" "$(( $(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024 ))"
