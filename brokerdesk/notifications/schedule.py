"""Periodic tasks of the worker (settings.PERIODIC_TASKS: task path → seconds apart).

Every worker calls `start_due` when it starts and then every WORKER_SWEEP_SECONDS (its sweep
thread). A task is due when its last start is older than its period; the worker that moves
that time forward with a conditional UPDATE enqueues it, so with any number of workers each
task runs once a period, and it runs as long as one worker is up. The task itself is an
ordinary django-tasks task, run by whichever worker picks it up; the work it does must be
safe to repeat (the reminders are: each is recorded once, brokerdesk/quotes/reminders.py).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from brokerdesk.notifications.models import PeriodicRun

logger = logging.getLogger(__name__)


def start_due(now: datetime | None = None) -> list[str]:
    """Enqueue the periodic tasks that are due; return their paths."""
    now = now or timezone.now()
    started = []
    for path, seconds in settings.PERIODIC_TASKS.items():
        period = timedelta(seconds=seconds)
        _known(path, now - period)
        # The turn and the task commit together: a failed enqueue leaves the task due.
        with transaction.atomic():
            turn = PeriodicRun.objects.filter(
                task_path=path, last_enqueued_at__lte=now - period
            ).update(last_enqueued_at=now)
            if turn:
                import_string(path).enqueue()
        if turn:
            started.append(path)
            logger.info("periodic task %s enqueued", path, extra={"task": path})
    return started


def _known(path: str, due_at: datetime) -> None:
    try:
        with transaction.atomic():
            PeriodicRun.objects.get_or_create(task_path=path, defaults={"last_enqueued_at": due_at})
    except IntegrityError:
        pass  # another worker created it at the same moment
