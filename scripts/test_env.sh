#!/usr/bin/env bash
# Sourced by test.sh and the benches: installs and starts what the tests use and
# exports PUANTAJ_TEST_PG. Idempotent; quiet when everything is already there.

need_apt=()
command -v Xvfb >/dev/null 2>&1 || need_apt+=(xvfb)
command -v xdotool >/dev/null 2>&1 || need_apt+=(xdotool)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
command -v import >/dev/null 2>&1 || need_apt+=(imagemagick)
command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
# the server's limiter in Redis (REDIS_URL) and its nginx front (puantaj-server serve)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_apt+=(nginx)
# the PDF export tests render pages and read their text (issue 14)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
if ((${#need_apt[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${need_apt[*]} ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "warning: missing ${need_apt[*]} (run as root to install)" >&2
  fi
fi

if [ -z "${PUANTAJ_TEST_PG:-}" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    if ! pg_lsclusters -h 2>/dev/null | awk '$1=="15" && $2=="main"' | grep -q online; then
      pg_ctlcluster 15 main start
    fi
    runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'puantaj') THEN
    CREATE ROLE puantaj LOGIN PASSWORD 'puantaj' CREATEDB;
  END IF;
END $$;
SQL
    if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='puantaj_test'" | grep -q 1; then
      runuser -u postgres -- createdb -O puantaj puantaj_test
    fi
    export PUANTAJ_TEST_PG="postgresql://puantaj:puantaj@127.0.0.1:5432/puantaj_test"
  fi
fi
