from __future__ import annotations

import pytest
from django.urls import reverse

ACTIVITY = {
    "client_name": "Boulangerie Dupuis",
    "activity": "47.110",
    "enterprise_number": "BE0403019261",
    "street": "Rue de la Loi",
    "number": "16",
    "postal_code": "1000",
    "city": "",
    "insurance_year": "2026",
}
COVERS = {"extra_legal": "on", "h24": "on"}
CLAIMS = {
    "history_known": "no",
    "years": "3",
    "no_lost_time": "0",
    "temporary_incapacity": "0",
    "permanent_incapacity": "0",
    "fatal": "0",
    "previous_insurer": "Ethias",
    "cancelled_by_insurer": "no",
    "aggravated_risk": "no",
}
LEGAL = {
    "employees_headcount": "3",
    "employees_wages": "157000",
    "employees_above": "1",
    "workers_headcount": "2",
    "workers_wages": "79000",
    "workers_above": "0",
    "students_function": "workers",
}
EXTRA = {"options": ["excess_wages", "temporary_incapacity_100"]}
H24 = {"categories": ["employees", "workers"], "mode": "pct_payroll"}


@pytest.fixture
def fill(accepted):
    """Fill the whole wizard as the logged-in client; return the quote's id."""

    def run(client, **changes):
        response = client.post(
            reverse("quote_new", args=["TPE-KMO"]), {**ACTIVITY, **changes.get("activity", {})}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        pk = int(response.url.split("/")[2])
        for slug, data in (
            ("covers", COVERS),
            ("claims", CLAIMS),
            ("legal", LEGAL),
            ("extra", EXTRA),
            ("h24", H24),
        ):
            data = {**data, **changes.get(slug, {})}
            response = client.post(reverse("quote_step", args=[pk, slug]), data)
            assert response.status_code == 302, (slug, response.content.decode()[:3000])
        return pk

    return run
