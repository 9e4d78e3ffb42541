"""The employer review end to end: acceptance starts the EmployerReview workflow through the
registration service's outbox (its dict input becomes the workflow's dataclass), and the case
manager's decision, signalled the same way, completes it."""

from __future__ import annotations


import httpx
import pytest
from temporalio.client import WorkflowExecutionStatus

from tests.e2e.conftest import Stack, eventually
from tests.factories import auth
from tests.services.registration.factories import employer_payload
from workflows.employer_review import EmployerReview
from contracts.employer_review import employer_review_id

pytestmark = pytest.mark.e2e


async def test_acceptance_starts_the_deadline_and_the_decision_completes_it(stack: Stack) -> None:
    url = stack.urls["registration"]
    payload = employer_payload(staff=[])
    async with httpx.AsyncClient(timeout=10) as http:
        submitted = await http.post(f"{url}/employers", json=payload, headers=auth("service_point", "430102"))
        assert submitted.status_code == 201, submitted.text
        employer_id = submitted.json()["id"]
        accepted = await http.post(f"{url}/employers/{employer_id}/acceptance", headers=auth("case_manager"))
        assert accepted.status_code == 200, accepted.text

        handle = stack.temporal.get_workflow_handle_for(EmployerReview.run, employer_review_id(employer_id))

        async def state():  # noqa: ANN202
            try:
                return await handle.query(EmployerReview.state)
            except Exception:  # noqa: BLE001 - not started yet
                return None

        running = await eventually(state, lambda s: s is not None)
        live = (await http.get(f"{url}/employers/{employer_id}/review", headers=auth("operations"))).json()
        assert (live["status"], live["warned"], live["overdue"], live["decided"]) == ("RUNNING", False, False, False)
        assert str(running.due_on) == accepted.json()["review_due_on"]
        assert (running.warned, running.overdue, running.decided) == (False, False, False)

        decided = await http.post(
            f"{url}/employers/{employer_id}/decision", json={"approved": True}, headers=auth("case_manager")
        )
        assert decided.status_code == 201, decided.text
        result = await handle.result()
        assert result.decided and result.approved and not result.overdue
        assert (await handle.describe()).status is WorkflowExecutionStatus.COMPLETED
        done = (await http.get(f"{url}/employers/{employer_id}/review", headers=auth("operations"))).json()
        assert (done["status"], done["decided"], done["approved"]) == ("COMPLETED", True, True)
