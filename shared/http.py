"""Small HTTP conventions shared by every service's routes."""

from __future__ import annotations

from fastapi import Response, status


def created_or_repeated(response: Response, created: bool) -> None:
    """Idempotent writes answer 201 for a new record and 200 with the same record when the same
    request is repeated (a retry, a double click)."""
    if not created:
        response.status_code = status.HTTP_200_OK
