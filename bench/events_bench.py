"""Event channel capacity (issue 16): `puantaj-server serve` on PostgreSQL (nginx,
gthread sync workers, the gevent /events process) holds N idle event streams
while server_bench's load runs; how long a push takes to reach a listener, and
until another PC's desktop (its SyncController) holds the row.

    .venv/bin/python bench/events_bench.py [--streams 1000] [--clients 100]
        [--seconds 20] [--workers 3] [--listen pushed|other] [--probes 20]

--listen pushed (default): the streams listen to the regions the load pushes
to, 10 a region, so they hear events all through it (the harder case);
other: to regions nobody writes to (idle in the strict sense).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing as mp
import os
import queue
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

from common import ROOT, gauge, percentile, servers
from server_bench import run_load, seed

from puantaj.core.tables import natural_id


async def _hold(host, port, token, stats):
    """One idle listener: open /events, count what it hears until cancelled."""
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        stats["refused"] += 1
        return
    writer.write(
        f"GET /events HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    stats["open"] += 1
    try:
        while line := await reader.readline():
            if line.startswith(b"event: hello"):
                stats["hello"] += 1
            elif line.startswith(b"event: "):
                stats["events"] += 1
    except (OSError, asyncio.IncompleteReadError):
        pass
    finally:
        stats["open"] -= 1
        stats["closed"] += 1
        writer.close()


def push_employee(
    url: str,
    token: str,
    region: str,
    sicil: str,
    counter: str,
    site: str,
    last_name: str = "Soyad",
) -> float:
    """Push one employee straight over /sync as `site`; returns when it was
    sent (perf_counter)."""
    import requests

    change = {
        "table": "employees",
        "id": natural_id("employees", region, sicil),
        "region": region,
        "hlc": f"{int(time.time() * 1000):013d}:{counter}:{site}",
        "row": {
            "sicil_no": sicil,
            "first_name": "Ad",
            "last_name": last_name,
            "hire_date": "2025-01-01",
            "deleted": 0,
        },
    }
    sent = time.perf_counter()
    requests.post(
        url + "/sync",
        json={
            "protocol": 1,
            "site_id": site,
            "batch_id": str(uuid.uuid4()),
            "changes": [change],
        },
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    ).raise_for_status()
    return sent


def _listeners(port, tokens, commands, replies):
    """A process holding one stream per token; answers 'report' with its counts."""

    async def main():
        stats = dict.fromkeys(("open", "hello", "events", "closed", "refused"), 0)
        tasks = []
        for token in tokens:
            tasks.append(asyncio.create_task(_hold("127.0.0.1", port, token, stats)))
            await asyncio.sleep(0.002)  # a connect storm is not what we measure
        loop = asyncio.get_running_loop()
        while (await loop.run_in_executor(None, commands.get)) == "report":
            replies.put(dict(stats))
        for task in tasks:
            task.cancel()
        replies.put(dict(stats))

    asyncio.run(main())


def cpu_by_part(root_pid: int) -> dict[str, float]:
    """CPU time (user + system, s) used so far by the processes under `root_pid`
    (serve), by part: the sync workers, the /events process and nginx (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    procs = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        cpu = (int(fields[11]) + int(fields[12])) / tick
        procs[int(entry.name)] = (int(fields[1]), cmdline, cpu)
    parts = dict.fromkeys(("sync workers", "/events", "nginx"), 0.0)
    for pid, (_, cmdline, cpu) in procs.items():
        ancestor = pid
        while ancestor in procs and ancestor != root_pid:
            ancestor = procs[ancestor][0]
        if ancestor != root_pid or pid == root_pid:
            continue
        if b"events.sock" in cmdline:
            parts["/events"] += cpu
        elif b"gunicorn" in cmdline:
            parts["sync workers"] += cpu
        else:
            parts["nginx"] += cpu
    return parts


def probe_latency(url, token, region, count):
    """ms from sending a push until a listener on the same server hears it."""
    import requests

    heard: queue.Queue = queue.Queue()
    stream = requests.get(
        url + "/events",
        headers={"Authorization": f"Bearer {token}"},
        stream=True,
        timeout=(10, 120),
    )

    def read():
        # ends when the stream is closed under it
        with contextlib.suppress(requests.RequestException, AttributeError):
            for line in stream.iter_lines(chunk_size=None):
                if line.startswith(b"event: "):
                    heard.put((line, time.perf_counter()))

    threading.Thread(target=read, daemon=True).start()
    assert heard.get(timeout=30)[0] == b"event: hello"
    times = []
    for n in range(count):
        t0 = push_employee(
            url, token, region, "probe", f"{n:05d}", "probe-site", f"Soyad{n}"
        )
        while True:
            line, at = heard.get(timeout=30)
            if line == b"event: rows":
                times.append((at - t0) * 1000)
                break
        time.sleep(1.1)  # past the stream's one-event-a-second gap
    stream.close()
    return times


def desktop_latency(url, token, region, count, home: Path):
    """ms from another PC's push until a desktop (SyncController: the event
    channel and the scheduler, an hour between scheduled runs) holds the row."""
    import dataclasses

    from puantaj.app import build_controller
    from puantaj.sync.live import LiveState
    from puantaj.sync.scheduler import SyncEvent
    from tests.e2e.conftest import make_desk

    desk = make_desk(home, url, token, region)
    desk.services.settings = dataclasses.replace(
        desk.services.settings, sync_interval_min=60
    )
    posted: queue.Queue = queue.Queue()
    controller = build_controller(desk.services, posted.put)

    def wait_for(wanted):
        while not wanted(posted.get(timeout=60)):
            pass

    def finished(m):
        return isinstance(m, SyncEvent) and m.kind == "finished"

    def sicils():
        with desk.services.store.connection() as conn:
            return {r[0] for r in conn.execute("SELECT sicil_no FROM employees")}

    times = []
    controller.start()
    try:
        wait_for(lambda m: m == LiveState(True))
        wait_for(finished)
        for n in range(count):
            sicil = f"live-{n}"
            t0 = push_employee(url, token, region, sicil, "00000", "other-pc")
            while sicil not in sicils():
                wait_for(finished)
            times.append((time.perf_counter() - t0) * 1000)
            time.sleep(1.1)  # past the stream's one-event-a-second gap
    finally:
        controller.stop()
        desk.services.store.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--listen", choices=("pushed", "other"), default="pushed")
    parser.add_argument("--probes", type=int, default=20)
    args = parser.parse_args()
    pg = (
        os.environ.get("PUANTAJ_TEST_PG")
        or subprocess.run(
            ["bash", "-c", "source scripts/test_env.sh; echo $PUANTAJ_TEST_PG"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    tmp = Path(tempfile.mkdtemp(prefix="events-bench-"))
    env = servers.pg_env(tmp, pg)
    env.cli("migrate")
    regions = [f"Bölge-{i:03d}" for i in range(args.clients)]
    quiet = [f"Sessiz-{i:03d}" for i in range(args.clients)]
    tokens = env.tokens(regions + quiet + ["Probe"])
    heard_regions = regions if args.listen == "pushed" else quiet
    listen_tokens = [
        tokens[heard_regions[i % len(heard_regions)]] for i in range(args.streams)
    ]
    os.environ["PUANTAJ_THREADS"] = str(args.threads)
    server = servers.start(env, workers=args.workers, proxy=True)
    port = int(server.url.rsplit(":", 1)[1])
    commands, replies = mp.Queue(), mp.Queue()
    holder = mp.Process(
        target=_listeners, args=(port, listen_tokens, commands, replies)
    )
    try:
        seed(server.url, tokens, regions)
        print(
            f"nginx → gunicorn {args.workers} gthread workers × {args.threads} "
            f"threads + 1 gevent /events process, PostgreSQL, {os.cpu_count()} "
            f"cores (load generator and listeners on the same machine)"
        )
        print(f"before: {gauge()}")
        holder.start()
        deadline = time.time() + 120
        while True:
            commands.put("report")
            stats = replies.get(timeout=60)
            if stats["hello"] + stats["refused"] >= args.streams:
                break
            if time.time() > deadline:
                break
            time.sleep(0.5)  # a bench polls; tests never do
        print(
            f"event streams open: {stats['open']} of {args.streams} "
            f"(hello {stats['hello']}, refused {stats['refused']}), listening to "
            f"{'the pushed regions' if args.listen == 'pushed' else 'quiet regions'} "
            f"{gauge()}"
        )
        before = cpu_by_part(server.proc.pid)
        lat, errors = run_load(server.url, tokens, regions, args.seconds, "sync")
        rate = len(lat) / args.seconds
        after_cpu = cpu_by_part(server.proc.pid)
        used = {name: after_cpu[name] - before[name] for name in before}
        print(
            f"incremental sync with {args.streams} streams open: {rate:.0f} syncs/s, "
            f"p50 {percentile(lat, 50):.1f} ms, p99 {percentile(lat, 99):.1f} ms, "
            f"errors {errors} {gauge()}"
        )
        print(
            "  CPU used during it: "
            + ", ".join(f"{name} {sec:.1f} s" for name, sec in used.items())
            + f" (of {args.seconds * (os.cpu_count() or 1):.0f} core-seconds)"
        )
        commands.put("report")
        after = replies.get(timeout=60)
        print(
            f"after the load: {after['open']} streams still open, "
            f"{after['closed']} closed, {after['events'] - stats['events']} "
            f"events heard during it {gauge()}"
        )
        times = probe_latency(server.url, tokens["Probe"], "Probe", args.probes)
        print(
            f"push → event heard ({args.probes} probes, {args.streams} streams "
            f"open): p50 {percentile(times, 50):.1f} ms, "
            f"max {max(times):.1f} ms {gauge()}"
        )
        times = desktop_latency(
            server.url, tokens["Probe"], "Probe", args.probes, tmp / "desk"
        )
        print(
            f"push → another PC holds the row (its SyncController, {args.probes} "
            f"pushes): p50 {percentile(times, 50):.0f} ms, max {max(times):.0f} ms "
            f"{gauge()}"
        )
    finally:
        if holder.pid is not None:
            commands.put("stop")
            holder.join(timeout=30)
            if holder.is_alive():
                holder.terminate()
        server.stop()
        servers.drop_schema(pg, env.db_schema)


if __name__ == "__main__":
    main()
