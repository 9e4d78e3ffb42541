"""Signing in and out. Production: the agency's identity provider (OpenID Connect). Outside
production only: a development page where one picks a role, a district and a name."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.deps import CsrfChecked, render
from services.console.labels import ROLES
from services.console.sessions import StaffMember
from services.console.signin.oidc import OidcProvider, SignInRefused
from services.console.signin.tokens import close_session, open_session, safe_next, text_size_cookie
from shared.auth.principal import Role
from shared.ids import DISTRICT_RE

router = APIRouter(tags=["sign-in"])

DEV_DISTRICTS = {"430102": "长沙市芙蓉区", "430103": "长沙市天心区", "430104": "长沙市岳麓区", "430105": "长沙市开福区"}


def _provider(request: Request) -> OidcProvider:
    state = request.app.state
    if getattr(state, "oidc", None) is None:
        state.oidc = OidcProvider(state.settings)
    return state.oidc


@router.get("/signin", response_class=HTMLResponse)
async def sign_in_page(request: Request, next: str | None = None) -> HTMLResponse:  # noqa: A002
    return render(request, "signin.html", {"next": safe_next(next), "roles": ROLES, "districts": DEV_DISTRICTS})


@router.post("/signin/dev")
async def dev_sign_in(
    request: Request,
    role: Annotated[str, Form()],
    name: Annotated[str, Form(max_length=40)],
    district: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",  # noqa: A002
) -> Response:
    if not request.app.state.settings.dev_sign_in:
        return Response(status_code=404)
    errors = _dev_errors(role, name, district)
    if errors:
        context = {"next": safe_next(next), "roles": ROLES, "districts": DEV_DISTRICTS, "errors": errors,
                   "chosen": {"role": role, "name": name, "district": district}}
        return render(request, "signin.html", context, status_code=422)
    staff_role = Role(role)
    staff = StaffMember(subject=f"dev:{staff_role.value}:{name.strip()}", name=name.strip(), role=staff_role,
                        district=district or None)
    return open_session(request, staff, next)


def _dev_errors(role: str, name: str, district: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if role not in ROLES:
        errors["role"] = "请选择角色"
    if not name.strip():
        errors["name"] = "请填写姓名"
    if district and not DISTRICT_RE.match(district):
        errors["district"] = "区县代码应为 6 位数字"
    if role == Role.SERVICE_POINT.value and not district:
        errors["district"] = "服务窗口须选择所属区县"
    return errors


@router.get("/signin/oidc")
async def oidc_sign_in(request: Request) -> Response:
    if not request.app.state.settings.oidc_configured:
        return Response(status_code=404)
    url, pending = await _provider(request).begin()
    request.app.state.sessions.begin_sign_in(pending)
    return RedirectResponse(url, status_code=303)


@router.get("/auth/callback", response_class=HTMLResponse)
async def oidc_callback(request: Request, state: str = "", code: str = "") -> Response:
    pending = request.app.state.sessions.finish_sign_in(state)
    if pending is None or not code:
        return _refused(request, "登录已过期或无效，请重新登录")
    try:
        staff = await _provider(request).finish(code, pending)
    except SignInRefused as exc:
        return _refused(request, str(exc))
    return open_session(request, staff, "/")


def _refused(request: Request, message: str) -> HTMLResponse:
    return render(request, "signin.html", {"next": "/", "roles": ROLES, "districts": DEV_DISTRICTS,
                                           "refusal": message}, status_code=400)


@router.post("/signout")
async def sign_out(request: Request, _: CsrfChecked) -> Response:
    return close_session(request)


@router.post("/preferences/text-size")
async def set_text_size(
    request: Request, _: CsrfChecked, size: Annotated[str, Form()], next: Annotated[str, Form()] = "/",  # noqa: A002
) -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    text_size_cookie(response, size == "large", request.app.state.settings.cookies_secure)
    return response
