"""gunicorn settings: `gunicorn -c gunicorn.conf.py 'server:create_app()'`."""

import os

bind = os.environ.get("PUANTAJ_BIND", f"0.0.0.0:{os.environ.get('PORT', '8765')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("PUANTAJ_THREADS", "4"))
worker_class = "gthread"
timeout = 120
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("PUANTAJ_ACCESS_LOG") or None
