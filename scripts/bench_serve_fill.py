#!/usr/bin/env python3
"""Creates N policies through a running `govctl serve`, one request at a time over one keep-alive connection, each
with its own Idempotency-Key (as `govctl apply` sends them), and reports the latency of each block of 10,000.

The server must stay flat: the last block within noise of the first (issue 10: every bounded store O(1) per
request). Usage: bench_serve_fill.py BASE_URL KEY_FILE [N] [ENVIRONMENTS]
"""
import http.client
import json
import statistics
import sys
import time
import urllib.parse
import uuid


def main() -> int:
    base, key_file = sys.argv[1], sys.argv[2]
    total = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    environments = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    key = open(key_file).read().strip()
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}

    def call(method, path, body, extra=None):
        conn.request(method, path, body=json.dumps(body), headers={**headers, **(extra or {})})
        response = conn.getresponse()
        data = response.read()
        return response.status, data

    # Policies spread over environments, as a real tenant's are (one environment holds at most a tenth).
    for e in range(environments):
        status, data = call("POST", "/api/v1/environments", {"slug": f"fill-{e:03d}", "name": f"Fill {e}"})
        if status not in (200, 201):
            print(f"environment create failed: {status} {data[:200]!r}", file=sys.stderr)
            return 1
    block = 10_000
    latencies = []
    errors = 0
    started = time.perf_counter()
    for i in range(total):
        body = {"name": f"p-{i:06d}", "type": "deny", "action_pattern": f"db.op{i}.*", "priority": i % 1000,
                "environment_id": f"env_fill-{i % environments:03d}"}
        t0 = time.perf_counter()
        status, _ = call("POST", "/api/v1/policies", body, {"Idempotency-Key": str(uuid.uuid4())})
        latencies.append(time.perf_counter() - t0)
        if status != 201:
            errors += 1
    elapsed = time.perf_counter() - started

    def row(name, values):
        values = sorted(values)
        pick = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000
        return (f"| {name} | {len(values)} | {statistics.median(values) * 1000:.2f} | {pick(0.9):.2f} | {pick(0.99):.2f} | "
                f"{len(values) / sum(values):.0f}/s |")

    print(f"{total} creates in {elapsed:.1f} s ({total / elapsed:.0f}/s), {errors} errors")
    print("| block | requests | p50 ms | p90 ms | p99 ms | rate |")
    print("|---|---:|---:|---:|---:|---:|")
    for start in range(0, total, block):
        print(row(f"{start + 1}–{min(start + block, total)}", latencies[start:start + block]))
    first, last = statistics.median(latencies[:block]), statistics.median(latencies[-block:])
    print(f"median first {block}: {first * 1000:.2f} ms, last {block}: {last * 1000:.2f} ms, ratio {last / first:.2f}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
