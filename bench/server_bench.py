"""Server throughput: incremental syncs/s (10 changed rows each) and p50/p99 latency at
100 concurrent clients, gunicorn on PostgreSQL; plus /health rate in the same run,
and how the syncs spread over gunicorn's workers (from the request log's worker=).

    .venv/bin/python bench/server_bench.py [--clients 100] [--seconds 20] [--workers 2]
                                           [--proxy]  (through nginx: puantaj-server serve)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import subprocess
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

from common import ROOT, gauge, percentile, servers, summary

from puantaj.core.hlc import Stamp

WORKER_RE = re.compile(r"worker=(\d+)")


def _stamp(site: str, counter: int) -> str:
    return str(Stamp(int(time.time() * 1000), counter % 100000, site))


def _client_loop(url, token, region, seconds, mode, out, start_at):
    import requests

    from puantaj.core.tables import natural_id

    http = requests.Session()
    http.headers.update({"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"})
    site = f"bench-{uuid.uuid4().hex[:10]}"
    ids = [natural_id("employees", region, str(i)) for i in range(50)]
    cursor, n, latencies, errors = "", 0, [], 0
    if mode == "sync":  # catch up first, like a desktop that synced 5 minutes ago
        while True:
            data = http.post(
                url + "/sync",
                json={"protocol": 1, "site_id": site, "cursor": cursor, "changes": []},
                timeout=60,
            ).json()
            cursor = data["cursor"]
            if not data["more"]:
                break
    while time.time() < start_at:
        time.sleep(0.001)
    end = start_at + seconds
    while time.time() < end:
        t0 = time.perf_counter()
        if mode == "sync":
            changes = [
                {
                    "table": "employees",
                    "id": ids[(n * 10 + i) % 50],
                    "region": region,
                    "hlc": _stamp(site, n),
                    "row": {"title": f"t{n}-{i}"},
                }
                for i in range(10)
            ]
            reply = http.post(
                url + "/sync",
                json={
                    "protocol": 1,
                    "site_id": site,
                    "region": region,
                    "batch_id": str(uuid.uuid4()),
                    "cursor": cursor,
                    "changes": changes,
                    "limit": 5000,
                },
                timeout=60,
            )
            ok = reply.status_code == 200
            if ok:
                data = reply.json()
                cursor = data["cursor"]
                ok = data["accepted"] == 10
        else:
            ok = http.get(url + "/health", timeout=60).status_code == 200
        latencies.append((time.perf_counter() - t0) * 1000)
        n += 1
        errors += not ok
    out.put((latencies, errors))


def _process(url, jobs, seconds, mode, out, start_at):
    threads = [
        threading.Thread(
            target=_client_loop, args=(url, token, region, seconds, mode, out, start_at)
        )
        for token, region in jobs
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def run_load(url, tokens, regions, seconds, mode, processes=4):
    out = mp.Queue()
    jobs = [(tokens[r], r) for r in regions]
    start_at = time.time() + 5 + len(regions) * 0.02
    procs = [
        mp.Process(
            target=_process,
            args=(url, jobs[i::processes], seconds, mode, out, start_at),
        )
        for i in range(processes)
    ]
    for p in procs:
        p.start()
    latencies, errors = [], 0
    for _ in jobs:
        lat, err = out.get(timeout=seconds + 300)
        latencies += lat
        errors += err
    for p in procs:
        p.join()
    return latencies, errors


def seed(url, tokens, regions):
    import requests

    from puantaj.core.tables import natural_id

    for region in regions:
        changes = [
            {
                "table": "employees",
                "id": natural_id("employees", region, str(i)),
                "region": region,
                "hlc": _stamp("seed", i),
                "row": {
                    "sicil_no": str(i),
                    "first_name": "Ad",
                    "last_name": "Soyad",
                    "hire_date": "2025-01-01",
                    "deleted": 0,
                },
            }
            for i in range(50)
        ]
        requests.post(
            url + "/sync",
            json={
                "protocol": 1,
                "site_id": f"seed-{abs(hash(region)) % 10**8}",
                "batch_id": str(uuid.uuid4()),
                "changes": changes,
            },
            headers={"Authorization": f"Bearer {tokens[region]}"},
            timeout=60,
        ).raise_for_status()


def spread(lines: list[str]) -> str:
    """Requests each worker served, from the server's request log lines."""
    served = Counter(
        match.group(1)
        for line in lines
        if "POST /sync 200" in line and (match := WORKER_RE.search(line))
    )
    total = sum(served.values()) or 1
    return ", ".join(
        f"pid {pid}: {n} ({n * 100 / total:.0f} %)" for pid, n in served.most_common()
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    # gunicorn.conf.py's defaults: cores + 1 workers, 3 threads each
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--proxy", action="store_true", help="through puantaj-server serve (nginx)"
    )
    args = parser.parse_args()
    pg = args.database_url or os.environ.get("PUANTAJ_TEST_PG")
    if not pg:
        pg = subprocess.run(
            ["bash", "-c", "source scripts/test_env.sh; echo $PUANTAJ_TEST_PG"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    tmp = Path(tempfile.mkdtemp(prefix="server-bench-"))
    env = servers.pg_env(tmp, pg)
    env.cli("migrate")
    regions = [f"Bölge-{i:03d}" for i in range(args.clients)]
    tokens = env.tokens(regions)
    os.environ["PUANTAJ_THREADS"] = str(args.threads)
    server = servers.start(env, workers=args.workers, proxy=args.proxy)
    try:
        seed(server.url, tokens, regions)
        print(
            f"{'nginx → ' if args.proxy else ''}gunicorn {args.workers} workers × "
            f"{args.threads} threads, PostgreSQL, "
            f"{args.clients} concurrent clients, {args.seconds:.0f} s each phase, "
            f"{os.cpu_count()} cores (load generator on the same machine) {gauge()}"
        )
        mark = len(server.log)
        lat, errors = run_load(server.url, tokens, regions, args.seconds, "sync")
        print(
            f"incremental sync (push 10 changed rows + pull): {len(lat) / args.seconds:.0f}"
            f" syncs/s, {summary(lat)}, errors {errors}"
        )
        print("  requests per worker:", spread(server.log[mark:]))
        lat, errors = run_load(server.url, tokens, regions, args.seconds, "health")
        print(
            f"trivial endpoint GET /health: {len(lat) / args.seconds:.0f} req/s, "
            f"{summary(lat)}, errors {errors}"
        )
        _ = percentile
    finally:
        server.stop()
        servers.drop_schema(pg, env.db_schema)


if __name__ == "__main__":
    main()
