"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py portal.wsgi`."""

import multiprocessing
import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Slow clients are nginx's business; a request taking longer than this is a bug.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# One line per request, with the id nginx passes in X-Request-ID (or ours).
access_log_format = (
    '%(t)s INFO access [%({x-request-id}o)s] %(h)s "%(r)s" %(s)s %(b)s %(M)sms'
)
