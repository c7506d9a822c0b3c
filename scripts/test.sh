#!/usr/bin/env bash
# Sets up what the tests need on this machine, then runs the whole suite.
# - Xvfb and DejaVu fonts for the Tk tests (apt, when root and missing)
# - the machine's PostgreSQL 15 cluster, started, with a test role and database
# Under CI=true nothing may skip: a missing display or database fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test_env.sh
# two workers: the machine has two cores and most tests wait on servers
exec .venv/bin/python -m pytest -p no:cacheprovider -n "${PUANTAJ_TEST_WORKERS:-2}" "$@"
