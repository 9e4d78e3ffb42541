"""The console's request dependencies: who is signed in (their session), their view of the
services, today's China date, the CSRF check of every form, and the page renderer."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from services.console.api import ServiceApi
from services.console.sessions import SESSION_COOKIE, Session
from shared.auth.principal import Role
from shared.clock import Moment, read

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
TEXT_SIZE_COOKIE = "uis_text_size"


class SignInRequired(Exception):
    """No session (or an expired one): the person signs in, then comes back."""


class NotPermitted(Exception):
    """The page is not for this role (the services would refuse it anyway)."""


class CsrfRejected(Exception):
    pass


def current_session(request: Request) -> Session:
    session = request.app.state.sessions.get(request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise SignInRequired
    return session


SignedIn = Annotated[Session, Depends(current_session)]


def roles(*allowed: Role) -> Any:
    """The signed-in person, if their role may use the page (a type for a route's parameter)."""

    def check(session: SignedIn) -> Session:
        if session.staff.role not in allowed:
            raise NotPermitted
        return session

    return Annotated[Session, Depends(check)]


def service_api(request: Request, session: SignedIn) -> ServiceApi:
    state = request.app.state
    return ServiceApi(state.http, state.service_urls, session.service_token)


Api = Annotated[ServiceApi, Depends(service_api)]


async def today(request: Request) -> Moment:
    return await read(request.app.state.clock)


Now = Annotated[Moment, Depends(today)]


async def check_csrf(request: Request, session: SignedIn) -> Session:
    """Every POST carries the session's CSRF token: in the form, or (htmx) in a header."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, session.csrf_token):
        raise CsrfRejected
    return session


CsrfChecked = Annotated[Session, Depends(check_csrf)]


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, *,
    session: Session | None = None, status_code: int = 200,
) -> HTMLResponse:
    """A page (or, for htmx, a fragment) with what every template needs."""
    base = {
        "request": request,
        "session": session,
        "staff": session.staff if session else None,
        "csrf_token": session.csrf_token if session else "",
        "large_text": request.cookies.get(TEXT_SIZE_COOKIE) == "large",
        "dev_sign_in": request.app.state.settings.dev_sign_in,
    }
    return request.app.state.templates.TemplateResponse(
        request, template, base | (context or {}), status_code=status_code
    )
