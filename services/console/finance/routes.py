"""财务: start a payroll run (R-PAY-1), release it to the bank (R-CTRL-1: a second finance officer
approves the release), download its bank file once released, import the bank's return file, and
read the fund ledger (R-FUND-1) as tables and charts. The benefits service decides who may do
what (only finance runs payroll and handles bank files; auditors read)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from contracts.calendar import YearMonth
from services.console.api import ServiceApi, ServiceError, attempt
from services.console.approvals.prepared import post_decision, waiting_panel
from services.console.deps import Api, CsrfChecked, Now, is_htmx, render, roles
from services.console.finance.fund import CITIES, city_label, kind_label, load_fund
from services.console.finance.returns import MAX_RETURN_FILE_BYTES, rejected_lines
from shared.auth.principal import Role
from shared.clock import Moment

router = APIRouter(tags=["财务"])
FinanceReader = roles(Role.FINANCE, Role.AUDITOR)
FinanceOperator = roles(Role.FINANCE)
Param = Annotated[str, Query(max_length=10)]
HELPERS = {"city_label": city_label, "kind_label": kind_label, "cities": CITIES}


def _month(now: Moment) -> str:
    return str(YearMonth.of(now.today))


async def _runs(api: ServiceApi, period: str, city: str) -> dict[str, Any]:
    runs, error = await attempt(api.get("benefits", "/payroll-runs", period=period or None, city=city or None))
    # Newest first: the run just made is on top.
    return {"runs": sorted(runs or [], key=lambda r: r["id"], reverse=True), "runs_error": error,
            "period": period, "city": city}


async def _fund(api: ServiceApi, now: Moment, month: str, ledger_city: str, up_to: str) -> dict[str, Any]:
    month = month or _month(now)
    balances, report = await load_fund(api, month=month, city=ledger_city, up_to=up_to)
    return {"balances": balances, "report": report, "month": month, "ledger_city": ledger_city, "up_to": up_to}


@router.get("/finance", response_class=HTMLResponse)
async def finance_page(
    request: Request, session: FinanceReader, api: Api, now: Now,
    period: Param = "", city: Param = "", month: Param = "", ledger_city: Param = "", up_to: Param = "",
) -> HTMLResponse:
    context = {"nav": "finance", "default_period": _month(now), **HELPERS}
    context |= await _runs(api, period, city)
    context |= await _fund(api, now, month, ledger_city, up_to)
    return render(request, "finance/page.html", context, session=session)


@router.get("/finance/runs", response_class=HTMLResponse)
async def runs_section(request: Request, session: FinanceReader, api: Api, period: Param = "", city: Param = "") -> HTMLResponse:
    template = "finance/runs.html" if is_htmx(request) else "finance/section_page.html"
    context = {"nav": "finance", "part": "finance/runs.html", **HELPERS} | await _runs(api, period, city)
    return render(request, template, context, session=session)


@router.get("/finance/fund", response_class=HTMLResponse)
async def fund_section(
    request: Request, session: FinanceReader, api: Api, now: Now,
    month: Param = "", ledger_city: Param = "", up_to: Param = "",
) -> HTMLResponse:
    template = "finance/fund.html" if is_htmx(request) else "finance/section_page.html"
    context = {"nav": "finance", "part": "finance/fund.html", **HELPERS} | await _fund(api, now, month, ledger_city, up_to)
    return render(request, template, context, session=session)


@router.post("/finance/payroll-runs", response_class=HTMLResponse)
async def start_run(
    request: Request, api: Api, session: CsrfChecked, _: FinanceOperator,
    period: Annotated[str, Form(max_length=7)], city: Annotated[str, Form(max_length=6)],
) -> HTMLResponse:
    """R-PAY-1: one run takes every payable instruction of the city due in the period by today;
    the service answers when the run is complete (one transaction; no progress to poll)."""
    run = await api.post("benefits", "/payroll-runs", {"period": period.strip(), "city": city.strip()})
    template = "finance/run_result.html" if is_htmx(request) else "finance/run.html"
    response = render(request, template, {"nav": "finance", "run": run, "started": True, **HELPERS}, session=session)
    response.headers["HX-Trigger"] = "payroll-run"  # the list of runs and the ledger reload
    return response


@router.get("/finance/payroll-runs/{run_id}", response_class=HTMLResponse)
async def run_page(request: Request, run_id: int, session: FinanceReader, api: Api) -> HTMLResponse:
    run = await api.get("benefits", f"/payroll-runs/{run_id}")
    return render(request, "finance/run.html", {"nav": "finance", "run": run, **HELPERS}, session=session)


@router.post("/finance/payroll-runs/{run_id}/release", response_class=HTMLResponse)
async def release_run(request: Request, run_id: int, api: Api, session: CsrfChecked, _: FinanceOperator) -> HTMLResponse:
    """R-CTRL-1: the release is prepared for a second finance officer (202: the panel says so and
    links to the approval); where the province does not check it, the run is released at once."""
    answer = await post_decision(api, "benefits", f"/payroll-runs/{run_id}/release")
    if answer.prepared:
        return waiting_panel(request, session, "benefits", answer.body)
    template = "finance/run_result.html" if is_htmx(request) else "finance/run.html"
    response = render(request, template, {"nav": "finance", "run": answer.body, "released": True, **HELPERS},
                      session=session)
    response.headers["HX-Trigger"] = "payroll-run"
    return response


@router.get("/finance/payroll-runs/{run_id}/bank-file")
async def bank_file(run_id: int, session: FinanceReader, api: Api) -> Response:
    """The service's file, byte for byte, with its type and name (it holds full account numbers:
    for the bank only; the console neither logs nor keeps it)."""
    answer = await api.call("benefits", "GET", f"/payroll-runs/{run_id}/bank-file")
    disposition = answer.headers.get("content-disposition") or f'attachment; filename="payroll-run-{run_id}.csv"'
    return Response(answer.content, media_type=answer.headers.get("content-type", "text/csv; charset=utf-8"),
                    headers={"Content-Disposition": disposition})


@router.post("/finance/payroll-runs/{run_id}/bank-returns", response_class=HTMLResponse)
async def bank_returns(
    request: Request, run_id: int, api: Api, session: CsrfChecked, _: FinanceOperator,
    file: Annotated[UploadFile, File()],
) -> HTMLResponse:
    content = await file.read(MAX_RETURN_FILE_BYTES + 1)
    if len(content) > MAX_RETURN_FILE_BYTES:
        raise ServiceError(413, "return_file_too_large", "回盘文件过大（不超过 5 MB）", "file")
    if not content.strip():
        raise ServiceError(422, "empty_return_file", "请选择回盘文件", "file")
    answer = await api.call("benefits", "POST", f"/payroll-runs/{run_id}/bank-returns",
                            content=content, content_type="text/csv; charset=utf-8")
    context = {"nav": "finance", "result": answer.json(), "rejects": rejected_lines(content), "run_id": run_id}
    template = "finance/returns_result.html" if is_htmx(request) else "finance/returns.html"
    response = render(request, template, context, session=session)
    response.headers["HX-Trigger"] = "payroll-run"
    return response
