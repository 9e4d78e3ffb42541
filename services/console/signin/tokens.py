"""Opening a session: the console mints the signed-in person's own service token (their subject,
role and district), so that the services decide every permission on their behalf."""

from __future__ import annotations

import datetime as dt

from fastapi import Request
from fastapi.responses import RedirectResponse

from services.console.deps import TEXT_SIZE_COOKIE
from services.console.sessions import SESSION_COOKIE, StaffMember
from shared.auth.tokens import issue_token


def safe_next(target: str | None) -> str:
    """Only a path of this console: never an open redirect to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def open_session(request: Request, staff: StaffMember, next_path: str | None) -> RedirectResponse:
    settings = request.app.state.settings
    lifetime = dt.timedelta(minutes=settings.session_minutes)
    token = issue_token(
        request.app.state.token_keys, subject=staff.subject, role=staff.role,
        district=staff.district, ttl=lifetime,
    )
    session_id = request.app.state.sessions.open(staff, token, lifetime)
    response = RedirectResponse(safe_next(next_path), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session_id, max_age=int(lifetime.total_seconds()), httponly=True,
        samesite="lax", secure=settings.cookies_secure, path="/",
    )
    return response


def close_session(request: Request) -> RedirectResponse:
    request.app.state.sessions.close(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def text_size_cookie(response: RedirectResponse, large: bool, secure: bool) -> None:
    """适老化: the large-text choice stays with the person's browser for a year, across sign-ins."""
    response.set_cookie(
        TEXT_SIZE_COOKIE, "large" if large else "normal", max_age=365 * 24 * 3600, httponly=True,
        samesite="lax", secure=secure, path="/",
    )
