"""The case managers' worklist of journeys, read from Temporal's visibility (the dev server) by
the journey's search attributes; service points see their own district only."""

from __future__ import annotations

import random
import uuid

import httpx
from temporalio.common import SearchAttributeKey, SearchAttributePair, TypedSearchAttributes

from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from tests.e2e.conftest import eventually
from tests.factories import auth
from contracts.journey import claimant_journey_id
from contracts.journey import SA_DISTRICT, SA_JOURNEY_STAGE, Stage, WORKFLOW_TYPE


async def test_journeys_by_stage_and_district(client: httpx.AsyncClient) -> None:
    temporal = await connect_temporal(CommonSettings())
    district = f"43{random.randint(1000, 9999)}"  # a district of its own in the shared dev server
    started = []
    for stage in (Stage.CLAIM_REVIEW, Stage.CLAIM_REVIEW, Stage.ON_BENEFIT):
        registration_id = uuid.uuid4()
        handle = await temporal.start_workflow(
            WORKFLOW_TYPE,
            {"registration_id": str(registration_id), "district": district, "registration_date": "2026-11-02"},
            id=claimant_journey_id(registration_id),
            task_queue=f"worklist-{uuid.uuid4()}",  # nobody polls it: the journeys just wait
            search_attributes=TypedSearchAttributes([
                SearchAttributePair(SearchAttributeKey.for_keyword(SA_DISTRICT), district),
                SearchAttributePair(SearchAttributeKey.for_keyword(SA_JOURNEY_STAGE), stage.value),
            ]),
        )
        started.append((registration_id, stage, handle))
    try:
        async def in_review() -> httpx.Response:
            return await client.get(
                "/journeys", params={"stage": "claim_review", "district": district}, headers=auth("case_manager")
            )

        response = await eventually(in_review, lambda r: len(r.json()) == 2)
        listed = {(row["registration_id"], row["stage"], row["district"]) for row in response.json()}
        assert listed == {(str(r), "claim_review", district) for r, s, _ in started if s is Stage.CLAIM_REVIEW}
        assert {row["status"] for row in response.json()} == {"RUNNING"}

        own = await client.get("/journeys", headers=auth("service_point", district))
        other = await client.get("/journeys", params={"district": district}, headers=auth("service_point", "430102"))
        assert {row["district"] for row in own.json()} == {district} and len(own.json()) == 3
        assert all(row["district"] == "430102" for row in other.json())  # never another district's
    finally:
        for _, _, handle in started:
            await handle.terminate("worklist test done")


async def test_bad_filters_are_422_and_finance_is_403(client: httpx.AsyncClient) -> None:
    bad_stage = await client.get("/journeys", params={"stage": "dancing"}, headers=auth("case_manager"))
    bad_district = await client.get("/journeys", params={"district": "43' OR 1=1"}, headers=auth("case_manager"))
    assert (bad_stage.status_code, bad_stage.json()["field"]) == (422, "stage")
    assert (bad_district.status_code, bad_district.json()["field"]) == (422, "district")
    assert (await client.get("/journeys", headers=auth("finance"))).status_code == 403


async def test_temporal_away_is_a_503_not_a_500(conn, clock) -> None:  # noqa: ANN001
    """The worklist, a journey and an employer's review read Temporal; when it does not answer
    (here: nothing listens), each is 503 workflow_service_unavailable, a status to retry."""
    from temporalio.client import Client

    from services.registration.main import create_app
    from services.registration.settings import RegistrationSettings
    from tests.apps import api_client
    from tests.factories import auth, registration_payload

    away = await Client.connect("127.0.0.1:1", lazy=True)
    app = lambda: create_app(RegistrationSettings(outbox_relay=False), clock=clock, temporal_client=away)  # noqa: E731
    async with api_client(app, conn) as client:
        registered = await client.post(
            "/unemployment-registrations", json=registration_payload(), headers=auth("service_point", "430102")
        )
        assert registered.status_code == 201  # writes never wait on Temporal
        for path in ("/journeys", f"/unemployment-registrations/{registered.json()['id']}/journey"):
            response = await client.get(path, headers=auth("case_manager"))
            assert (response.status_code, response.json()["code"]) == (503, "workflow_service_unavailable"), path
