"""Benchmark: prices computed per second on one core (goal: at least 20,000, under 50 µs each).

Run with ``.venv/bin/python bench/rating.py``. The tariff is loaded once and cached, as in the
web app; the answers are a fixed mix of small-business cases, built before the clock starts.
The clock is this process's CPU time: pricing is single-threaded, so that is its time on one
core, and other work on a shared machine does not count against it.
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rating import (
    Answers,
    ClaimsHistory,
    H24Choice,
    ManagerCover,
    Staff,
    StaffGroup,
    get_tariff,
    price,
)

GOAL_PER_SECOND = 20_000


def sample_answers() -> list[Answers]:
    """A spread of typical quotes: retail, construction, office, cafés, with and without options."""
    wages = [Decimal(w) for w in ("28500", "34250.50", "41000", "47999.99", "61000", "23000")]
    cases = []
    for index, code in enumerate(("47.110", "43.211", "62.100", "56.111", "49.410", "86.210")):
        employees = StaffGroup(wages=tuple(wages[: 1 + index % 4]))
        workers = StaffGroup(wages=tuple(wages[index % 3 : 3 + index % 3]))
        students = StaffGroup(headcount=index % 3, total_wages=Decimal(2400 * (index % 3)))
        cases.append(
            Answers(
                activity_code=code,
                insurance_year=2024 + index % 3,
                staff=Staff(employees=employees, workers=workers, students=students),
                extra_legal_options=("excess_wages", "temporary_incapacity_100")[: index % 3],
                h24=H24Choice() if index % 2 else None,
                managers=(ManagerCover(age=45, death_capital=Decimal(100000)),) * (index % 2),
                claims=ClaimsHistory(history_known=bool(index % 2), years=3),
                payment_frequency=("annual", "quarterly", "monthly")[index % 3],
            )
        )
    return cases


def main() -> None:
    tariff = get_tariff()
    cases = sample_answers()
    for answers in cases:  # warm up caches and check every case prices
        price(answers, tariff)
    rounds = 3
    best = 0.0
    for _ in range(rounds):
        count = 0
        start = time.process_time()
        while time.process_time() - start < 1.0:
            for answers in cases:
                price(answers, tariff)
            count += len(cases)
        elapsed = time.process_time() - start
        best = max(best, count / elapsed)
    verdict = "meets" if best >= GOAL_PER_SECOND else "misses"
    print(
        f"rating: {best:,.0f} prices/s on one core ({1e6 / best:.1f} µs a price, "
        f"best of {rounds} one-second rounds, tariff {tariff.version}); "
        f"{verdict} the goal of {GOAL_PER_SECOND:,}/s"
    )


if __name__ == "__main__":
    main()
