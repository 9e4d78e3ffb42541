"""The review workflow's activity against the registration API (in-process app, real database):
the escalation it sends is what the service accepts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import httpx

from tests.factories import token
from tests.services.registration.factories import accepted_employer
from workflows.clients import ServiceClients
from workflows.employer_activities import EmployerReviewActivities, ReviewEscalation


async def test_escalate_activity_flags_the_case_overdue(client: httpx.AsyncClient) -> None:
    employer = await accepted_employer(client)
    system = httpx.AsyncClient(
        transport=client._transport, base_url=str(client.base_url),
        headers={"Authorization": f"Bearer {token('system')}"},
    )
    clients = ServiceClients(registration=system, benefits=system, employment=system)
    escalation = ReviewEscalation(
        employer_id=employer["id"], level="overdue", due_on=dt.date.fromisoformat(employer["review_due_on"])
    )

    await EmployerReviewActivities(clients).escalate_employer_review(escalation)
    await EmployerReviewActivities(clients).escalate_employer_review(dataclasses.replace(escalation))

    body = (await client.get(f"/employers/{employer['id']}", headers={"Authorization": f"Bearer {token('operations')}"})).json()
    assert body["review_overdue"] is True
