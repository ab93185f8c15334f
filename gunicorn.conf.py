"""gunicorn's settings in production: ``gunicorn -c gunicorn.conf.py kb.wsgi``.

Environment: GUNICORN_BIND (default 127.0.0.1:8000, behind the TLS proxy),
WEB_CONCURRENCY (workers; default: one per CPU, plus one), GUNICORN_THREADS
(threads per worker, default 4). ``make prod`` runs it on this machine.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))

# Threads in each worker (gthread): a request that waits (on the database, or
# for a login's password hash: hashlib releases the GIL while it hashes) holds
# one thread, not the whole worker, and readers go on being served beside it.
# With sync workers, four wrong-password logins at a time made every reader
# wait for a worker (bench/login_pressure.py, docs/benchmarks.md).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# Django is imported once, before the workers fork: they share its memory pages
# and start at once; every worker also shares the same ETag release stamp.
preload_app = True

# A worker is replaced after about a thousand requests (not all at the same
# time: the jitter), so that no slow growth of its memory lasts.
max_requests = 1000
max_requests_jitter = 100

# A worker silent for 30 s (its main loop stuck) is killed; a worker gets as
# long to finish its requests on restart. With threads, gunicorn no longer
# bounds one request: its database waits are (statement_timeout, the client
# deadline: kb/settings.py, "Database trouble").
timeout = 30
graceful_timeout = 30
keepalive = 5

# One line per request on stdout, errors on stderr: the service manager keeps them.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms'

# No control socket: its one default path per user would be shared by every
# instance on the machine (two instances side by side, a benchmark).
control_socket_disable = True


def post_fork(server, worker):
    # Connections opened while preloading (none are expected) must not be
    # shared by several processes.
    from django.db import connections

    connections.close_all()


def when_ready(server):
    # In the master, after the preloaded app and before the first fork: every
    # worker, and each one that replaces it, starts with this work done.
    if server.cfg.preload_app:
        from operations.warmup import warm_up

        warm_up()
