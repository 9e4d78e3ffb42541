"""Decision pages for items the services only list (overpayments of a claim, audit items): the
item the person may see is shown; one not in their list is 未找到, in Chinese."""

from __future__ import annotations

import httpx

from services.console.main import create_app
from services.console.settings import ConsoleSettings

OVERPAYMENT = {"id": "o1", "claim_id": "c1", "benefit_month": 2, "kind": "benefit", "amount": "850.00",
               "overpaid_days": 15, "period_days": 30, "rule": "R-STOP-1", "recovery_status": "proposed"}


def handler(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/claims/c1/overpayments":
        return httpx.Response(200, json=[OVERPAYMENT])
    if request.url.path == "/audit/review-items":
        return httpx.Response(200, json=[])
    return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


async def test_an_overpayment_is_shown_and_an_unlisted_audit_item_is_not_found() -> None:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(handler))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": "case_manager", "name": "王经办", "district": ""})
            shown = await client.get("/claims/c1/overpayments/o1")
            missing = await client.get("/claims/c1/overpayments/o2")
            audit = await client.get("/audit/review-items/i9")
    assert shown.status_code == 200 and "¥850.00" in shown.text and "15 / 30 天" in shown.text
    assert missing.status_code == 404 and "未找到该多发待遇记录" in missing.text
    assert audit.status_code == 404 and "未找到该稽核疑点" in audit.text
