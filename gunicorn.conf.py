"""gunicorn settings: `gunicorn -c gunicorn.conf.py 'server:serving_app()'`."""

import os

bind = os.environ.get("PUANTAJ_BIND", f"0.0.0.0:{os.environ.get('PORT', '8765')}")
# processes rather than threads: a thread holding the writers' lock must not wait
# for the GIL behind its siblings
# a request spends much of its time waiting on the database: a few processes with
# a few threads each keep the cores busy with less switching than many processes
# (bench/server_bench.py on 2 cores: 3 × 3 ≥ 4 × 2 > 6 × 1)
workers = int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) + 1)))
threads = int(os.environ.get("PUANTAJ_THREADS", "3"))
worker_class = "gthread"
timeout = 120
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("PUANTAJ_ACCESS_LOG") or None

if os.environ.get("PUANTAJ_LOG_FORMAT", "").lower() == "json":
    # gunicorn's own lines (boot, worker exits) as JSON too, like the app's:
    # its default handlers all use the formatter named "generic"
    logconfig_dict = {"formatters": {"generic": {"()": "server.logs.JsonFormatter"}}}
