# Sourced by the serve benchmarks: start_server STATE KEYFILE [GOVCTL] starts `govctl serve` on a free loopback
# port and sets server_pid, port, key and base; stop_server ends it. serve_scratch makes `work` first; the caller
# sets `bin` (the directory holding govctl) or passes the binary.
serve_scratch() { # makes the scratch directory `work`; on exit the server is stopped and `work` removed
  work=$(mktemp -d)
  server_pid=""
  trap 'if [[ -n $server_pid ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
}

start_server() {
  rm -f "$work/serve.log"
  "${3:-$bin/govctl}" serve --listen 127.0.0.1:0 --state "$1" --bootstrap-key-file "$2" 2>"$work/serve.log" &
  server_pid=$!
  port=""
  for _ in $(seq 1 600); do
    port=$(sed -nE 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/p' "$work/serve.log" | head -1)
    [[ -n $port ]] && break
    sleep 0.05
  done
  [[ -n $port ]] || { echo "govctl serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
  key=$(cat "$2")
  base="http://127.0.0.1:$port"
}

stop_server() {
  kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
}
