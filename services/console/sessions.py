"""Server-side sessions: the cookie holds only a random session ID; who is signed in, their
service token and their CSRF token stay in the console process. A session ends at sign-out or
after ``session_minutes``."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from shared.auth.principal import Role
from shared.clock import utc_now

SESSION_COOKIE = "uis_console_session"
# A pending OpenID Connect sign-in (state, nonce, PKCE verifier) lives for ten minutes.
PENDING_SIGN_IN = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class StaffMember:
    """The signed-in person, as the identity provider (or the development sign-in) names them."""

    subject: str
    name: str
    role: Role
    district: str | None = None


@dataclass
class Session:
    staff: StaffMember
    # The bearer token the console sends to the services on this person's behalf.
    service_token: str
    expires_at: dt.datetime
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


@dataclass
class PendingSignIn:
    state: str
    nonce: str
    code_verifier: str
    expires_at: dt.datetime


class SessionStore:
    """In this process's memory. One console process per deployment keeps sessions; with
    several replicas, put the load balancer's session affinity in front (deploy/README.md)."""

    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}
        self._pending: dict[str, PendingSignIn] = {}

    def open(self, staff: StaffMember, service_token: str, lifetime: dt.timedelta) -> str:
        self._forget_expired()
        session_id = secrets.token_urlsafe(32)
        self._sessions[session_id] = Session(staff, service_token, utc_now() + lifetime)
        return session_id

    def get(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        session = self._sessions.get(session_id)
        if session is None or session.expires_at <= utc_now():
            self._sessions.pop(session_id, None)
            return None
        return session

    def close(self, session_id: str | None) -> None:
        if session_id:
            self._sessions.pop(session_id, None)

    def begin_sign_in(self, pending: PendingSignIn) -> None:
        self._forget_expired()
        self._pending[pending.state] = pending

    def finish_sign_in(self, state: str) -> PendingSignIn | None:
        """The pending sign-in for ``state``, once: a replayed callback finds nothing."""
        pending = self._pending.pop(state, None)
        if pending is None or pending.expires_at <= utc_now():
            return None
        return pending

    def _forget_expired(self) -> None:
        now = utc_now()
        for store in (self._sessions, self._pending):
            for key in [k for k, v in store.items() if v.expires_at <= now]:
                del store[key]
