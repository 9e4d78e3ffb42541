"""Faults of processes (issue 9), each checked by the database rows afterwards: a worker killed
in the middle of a payment, a service the journey needs killed, Temporal stopped while writes
that signal go on, duplicate concurrent requests, a business refusal."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from shared.clock import china_today
from tests.faults import steps
from tests.faults.stack import FaultStack, eventually
from tests.four_eyes import approve

pytestmark = pytest.mark.faults


async def test_a_worker_killed_in_the_middle_of_a_payment_pays_once(stack: FaultStack) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        registration_id, claim_id = await steps.in_review(http, stack)
        benefits, watcher = await stack.db("benefits"), await stack.db("benefits")
        try:
            # The payment's request reaches the benefits service and waits there on a lock.
            holding = benefits.transaction()
            await holding.start()
            await benefits.execute("LOCK TABLE payments IN EXCLUSIVE MODE")
            assert (await steps.decide(http, stack, claim_id)).status_code == 200
            await eventually(
                lambda: watcher.fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO payments%'"
                ),
                lambda waiting: waiting >= 1,
            )
            stack.kill("worker")  # kill -9 while the activity is in flight
            await holding.rollback()  # …and the request it sent goes on, and writes its payment
            killed = time.monotonic()
            stack.start("worker")
            j = await steps.journey_until(http, stack, registration_id, lambda j: j["job_seeker_id"] is not None, timeout=120)
            steps.measured("worker killed during a payment → journey on (activity timeout 30 s)", time.monotonic() - killed)
            assert j["months_paid"] == 1
            counts = await watcher.fetch(
                "SELECT benefit_month, kind, count(*) AS n FROM payments WHERE claim_id = $1::uuid GROUP BY 1, 2",
                claim_id,
            )
            assert sorted((r["benefit_month"], r["kind"], r["n"]) for r in counts) == [
                (1, "benefit", 1), (1, "medical_premium", 1),
            ]
        finally:
            await benefits.close()
            await watcher.close()


async def test_a_service_the_journey_needs_is_killed_and_comes_back(stack: FaultStack) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        stack.kill("benefits")
        try:
            registration = await steps.register_insured(http, stack)
            # The journey's open_claim cannot reach the benefits service: retried, not failed.
            await steps.journey_until(http, stack, registration["id"], lambda j: j["status"] == "RUNNING")
        finally:
            restarted = time.monotonic()
            stack.start("benefits")
        j = await steps.journey_until(http, stack, registration["id"], lambda j: j["stage"] == "claim_review")
        steps.measured("benefits service killed → claim opened after its restart", time.monotonic() - restarted)
        benefits = await stack.db("benefits")
        try:
            assert await benefits.fetchval("SELECT count(*) FROM claims WHERE registration_id = $1::uuid", registration["id"]) == 1
        finally:
            await benefits.close()
        assert j["claim_id"]


async def test_temporal_stopped_while_writes_signal_every_signal_arrives_once(stack: FaultStack) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        registration_id, claim_id = await steps.in_review(http, stack)
        stack.script("temporal.sh", "stop")
        try:
            decided = await steps.decide(http, stack, claim_id)  # answers at once: the signal waits
            assert decided.status_code == 200, decided.text
        finally:
            restarted = time.monotonic()
            stack.script("temporal.sh", "start")
        j = await steps.journey_until(http, stack, registration_id, lambda j: j["months_paid"] == 1, timeout=120)
        steps.measured("Temporal stopped → decision signal delivered after its restart", time.monotonic() - restarted)
        assert [s["event"] for s in j["steps"]].count("claim_approved") == 1
        benefits = await stack.db("benefits")
        try:
            rows = await benefits.fetch(
                "SELECT sent_at, attempts FROM outbox WHERE workflow_id = $1", j["workflow_id"]
            )
            assert len(rows) == 1 and rows[0]["sent_at"] is not None and rows[0]["attempts"] >= 1
        finally:
            await benefits.close()


async def test_duplicate_concurrent_requests_have_one_effect_each(stack: FaultStack) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        registration_id, claim_id = await steps.in_review(http, stack)
        # R-CTRL-1: ten identical approvals prepared at once are one prepared approval; ten
        # second persons approving it at once carry it out once.
        url = f"{stack.url('benefits')}/claims/{claim_id}/decision"
        prepared = await asyncio.gather(*(
            http.post(url, json={"approved": True}, headers=steps.CASE_MANAGER) for _ in range(10)
        ))
        assert {p.status_code for p in prepared} == {202}
        [approval_id] = {p.json()["id"] for p in prepared}
        answers = await asyncio.gather(*(
            approve(http, approval_id, base_url=stack.url("benefits")) for _ in range(10)
        ))
        assert sorted(a.status_code for a in answers) == [200] + [409] * 9
        j = await steps.journey_until(http, stack, registration_id, lambda j: j["job_seeker_id"] is not None)
        placement = {"employer_name": "长沙某制造有限公司", "start_date": china_today().isoformat()}
        url = f"{stack.url('employment')}/job-seekers/{j['job_seeker_id']}/placements"
        placed = await asyncio.gather(*(http.post(url, json=placement, headers=steps.SERVICE_POINT) for _ in range(10)))
        assert sorted(p.status_code for p in placed) == [200] * 9 + [201]
        j = await steps.journey_until(http, stack, registration_id, lambda j: j["status"] == "COMPLETED")
        events = [s["event"] for s in j["steps"]]
        assert (events.count("claim_approved"), events.count("placement_recorded")) == (1, 1)
        for service, expected in (("benefits", 1), ("employment", 1)):
            conn = await stack.db(service)
            try:
                assert await conn.fetchval("SELECT count(*) FROM outbox WHERE workflow_id = $1", j["workflow_id"]) == expected
            finally:
                await conn.close()


async def test_a_business_refusal_is_recorded_and_the_journey_goes_on(stack: FaultStack) -> None:
    """A hire dated before the registration: the benefits service refuses to stop the claim from
    that date (409 stop_before_benefit_start). The refusal is final, recorded, and the journey ends."""
    async with httpx.AsyncClient(timeout=30) as http:
        registration_id, claim_id = await steps.in_review(http, stack)
        assert (await steps.decide(http, stack, claim_id)).status_code == 200
        j = await steps.journey_until(http, stack, registration_id, lambda j: j["job_seeker_id"] is not None)
        before = china_today().replace(day=1) if china_today().day > 1 else china_today()
        placement = {"employer_name": "长沙某制造有限公司", "start_date": (before.replace(year=before.year - 1)).isoformat()}
        url = f"{stack.url('employment')}/job-seekers/{j['job_seeker_id']}/placements"
        assert (await http.post(url, json=placement, headers=steps.SERVICE_POINT)).status_code == 201
        j = await steps.journey_until(http, stack, registration_id, lambda j: j["status"] == "COMPLETED")
        refused = [s for s in j["steps"] if s["event"] == "stop_refused"]
        assert [s["detail"]["code"] for s in refused] == ["stop_before_benefit_start"]
        # The spell ends, no earlier than it began.
        assert (j["stage"], j["registration_status"], j["registration_end_reason"]) == ("reemployed", "closed", "re_employed")
        assert j["registration_ended_on"] == china_today().isoformat()


async def test_sigterm_stops_a_busy_service_cleanly(stack: FaultStack) -> None:
    """Issue 9: SIGTERM used to hang a service whose pool was held. Now it ends after its graceful
    shutdown (uvicorn then re-raises the signal: exit status -15) while desks keep writing; the
    service then starts again."""
    log = stack.work / "registration.log"
    shutdowns = log.read_text().count("Application shutdown complete")
    stop = asyncio.Event()

    async def desk(http: httpx.AsyncClient) -> None:
        while not stop.is_set():
            try:
                await steps.register_residence(http, stack)
            except (httpx.TransportError, AssertionError):
                await asyncio.sleep(0.05)  # the service is going away

    async with httpx.AsyncClient(timeout=10) as http:
        desks = [asyncio.create_task(desk(http)) for _ in range(16)]
        await asyncio.sleep(1)  # traffic running
        signalled = time.monotonic()
        process = stack.processes["registration"]
        process.terminate()
        code = await asyncio.to_thread(process.wait, 20)
        steps.measured("registration service under load → exited after SIGTERM", time.monotonic() - signalled)
        stop.set()
        await asyncio.gather(*desks)
        stack.start("registration")
    assert code in (0, -15)
    assert log.read_text().count("Application shutdown complete") == shutdowns + 1
