"""查找人员: by the ID number on the card (POST body, never a URL) or by name within the district;
the person page: the current 失业登记 and earlier ones, the insurance history, the journey."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.api import ServiceError
from services.console.deps import Api, CsrfChecked, render, roles
from shared.auth.principal import Role
from shared.ids import validate_id_number

router = APIRouter(tags=["查找人员"])
Finder = roles(Role.SERVICE_POINT, Role.CASE_MANAGER, Role.AUDITOR)
NOT_FOUND = "未找到该人员：没有该人员的登记，或不在您的辖区。"


@router.get("/persons", response_class=HTMLResponse)
async def search_page(request: Request, session: Finder) -> HTMLResponse:
    return render(request, "persons/search.html", {"nav": "persons"}, session=session)


@router.post("/persons/search", response_class=HTMLResponse)
async def search(
    request: Request, api: Api, session: CsrfChecked,
    id_number: Annotated[str, Form(max_length=40)] = "", name: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    if session.staff.role not in (Role.SERVICE_POINT, Role.CASE_MANAGER, Role.AUDITOR):
        return render(request, "error.html", {"title": "无权访问", "message": "当前角色无权查找人员。"},
                      session=session, status_code=403)
    id_number, name = id_number.strip(), name.strip()
    context = {"nav": "persons", "id_number": id_number, "name": name}
    if id_number:
        try:
            validate_id_number(id_number)
        except ValueError:
            return render(request, "persons/search.html", context | {"field_error": ("id_number", "公民身份号码格式或校验位不正确")},
                          session=session, status_code=422)
        try:
            found = await api.post("registration", "/persons/lookup", {"id_number": id_number})
        except ServiceError as exc:
            if exc.not_found:
                return render(request, "persons/search.html", context | {"not_found": NOT_FOUND}, session=session)
            raise
        return RedirectResponse(f"/persons/{found['person_id']}", status_code=303)
    if name:
        try:
            people = await api.post("registration", "/persons/search", {"name": name, "limit": 20})
        except ServiceError as exc:
            if exc.not_found:
                people = []
            else:
                raise
        return render(request, "persons/search.html", context | {"people": people, "searched": True}, session=session)
    return render(request, "persons/search.html", context | {"field_error": ("id_number", "请填写公民身份号码或姓名")},
                  session=session, status_code=422)


@router.get("/persons/{person_id}", response_class=HTMLResponse)
async def person_page(request: Request, person_id: str, api: Api, session: Finder) -> HTMLResponse:
    try:
        person, spells, history = await asyncio.gather(
            api.get("registration", f"/persons/{person_id}"),
            api.get("registration", f"/persons/{person_id}/unemployment-registrations"),
            api.get_or_none("registration", f"/persons/{person_id}/insurance-history"),
        )
    except ServiceError as exc:
        if exc.not_found or exc.forbidden:
            return render(request, "error.html", {"title": "未找到", "message": NOT_FOUND}, session=session, status_code=404)
        raise
    current = next((s for s in spells if s["status"] == "open"), None)
    earlier = [s for s in spells if s is not current]
    return render(request, "persons/person.html", {
        "nav": "persons", "person": person, "current": current, "earlier": earlier, "history": history,
    }, session=session)
