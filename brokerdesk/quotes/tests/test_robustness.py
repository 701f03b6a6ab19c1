"""Whatever is typed into the wizard, the answer is a page with messages, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brokerdesk.quotes.steps import STEPS
from brokerdesk.quotes.wizard import FORMS

junk = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf"]), max_size=5),
    st.sampled_from(["-1", "1e309", "NaN", "0", "9" * 40, "12,5", " ", "<script>", "yes"]),
)


@pytest.fixture
def quote_pk(client, bob, fill):
    # Built once per test: hypothesis runs every example against the same logged-in quote.
    client.force_login(bob)
    return fill(client)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    step=st.sampled_from([s.slug for s in STEPS]),
    values=st.lists(junk, min_size=20, max_size=20),
)
def test_no_input_breaks_a_step(client, quote_pk, step, values):
    pk = quote_pk
    form = FORMS[step](**({"with_manager": True} if step == "extra" else {}))
    # Nothing is stripped: NUL and control characters reach the views as a crafted request
    # sends them (PostgreSQL refused a NUL in a draft with a 500 before issue 12).
    data = dict(zip(form.fields, values, strict=False))
    for url in (reverse("quote_step", args=[pk, step]), reverse("quote_draft", args=[pk, step])):
        response = client.post(url, data)
        assert response.status_code in (200, 204, 302, 400, 404), response.status_code
