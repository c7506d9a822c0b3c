"""The sync protocol's state machine on the in-memory adapter: examples per second,
and how many ended divergent (tests/puantaj/syncproto/test_memory_machine.py).

    .venv/bin/python bench/protocol_bench.py [--examples 2000] [--steps 30]
"""

from __future__ import annotations

import argparse
import time

from common import ROOT  # noqa: F401  (puts the checkout on sys.path)
from hypothesis import HealthCheck, settings

from tests.puantaj.syncproto import test_memory_machine as machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    machine.ProtocolMachine.TestCase.settings = settings(
        max_examples=args.examples,
        stateful_step_count=args.steps,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    machine.COUNTS.update(examples=0, divergent=0)
    started = time.perf_counter()
    try:
        machine.ProtocolMachine.TestCase().runTest()
    finally:
        elapsed = time.perf_counter() - started
        count = machine.COUNTS["examples"]
        print(
            f"protocol state machine: {count} examples of up to {args.steps} steps,"
            f" {machine.COUNTS['divergent']} divergent final states,"
            f" {elapsed:.1f} s ({count / elapsed:.0f} examples/s)"
        )


if __name__ == "__main__":
    main()
