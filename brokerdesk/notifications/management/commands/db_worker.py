"""django-tasks-db's worker, which also gives back the work of workers that died and
outlives a database restart.

django-tasks-db leaves a task RUNNING for ever when its worker is killed; the outbox's
`sweep` finds such e-mails and queues them again. Every worker sweeps when it starts and
then every WORKER_SWEEP_SECONDS, so the work is recovered as long as one worker runs. At the
same moments it starts the periodic tasks that are due (brokerdesk/notifications/schedule.py);
a single pass (`--batch`, tests) does not.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from brokerdesk.notifications.delivery import sweep
from brokerdesk.notifications.schedule import start_due

logger = logging.getLogger(__name__)


class Command(db_worker.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        if not options["batch"]:
            threading.Thread(target=_sweep_forever, daemon=True, name="outbox-sweep").start()
        while True:
            try:
                sweep()
                if not options["batch"]:
                    start_due()
                super().handle(*args, **options)
                return
            except DatabaseError:
                if options["batch"]:
                    raise  # a single pass (tests, cron) reports the failure instead of waiting
                # The database went away (a restart, a failover): wait, reconnect, go on.
                # A task cut off in the middle is given back by the sweep.
                logger.exception("worker lost the database; reconnecting")
                connection.close()
                time.sleep(options["interval"] or 1)


def _sweep_forever() -> None:
    stop = threading.Event()
    while not stop.wait(settings.WORKER_SWEEP_SECONDS):
        try:
            close_old_connections()
            sweep()
            start_due()
        except DatabaseError:
            logger.exception("outbox sweep failed; the next round tries again")
        finally:
            connection.close()
