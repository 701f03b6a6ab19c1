"""gunicorn settings for brokerdesk: `gunicorn --config deploy/gunicorn.conf.py brokerdesk.wsgi`.

Every value can be changed by the environment, so one file serves every machine.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# gunicorn's advice, two processes per core and one more: issuing an offer renders its PDF
# for a few hundred milliseconds, and the other pages should not queue behind it (bench/load.py
# with 50 brokers on 2 cores: p95 of the pages other than issuing 102-347 ms with 2 workers,
# 86-177 ms with 5).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then, so that no slow leak outlives a day.
max_requests = 5000
max_requests_jitter = 500
# The app logs every request itself (one JSON line with user, office and request id).
accesslog = None
errorlog = "-"
