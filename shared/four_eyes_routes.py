"""The four-eyes routes (R-CTRL-1) a service mounts with its own kinds and roles
(``services/<svc>/approvals/routes.py``): the worklist, one approval, approve / reject / withdraw,
and the ``four_eyes_decisions`` policy rows; and the 202 answer of an endpoint that prepared a
decision instead of carrying it out."""

# No ``from __future__ import annotations``: the routes below use the factory's local aliases,
# which FastAPI must resolve at definition time.

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from shared import four_eyes
from shared.auth import Principal
from shared.deps import Conn, Now
from shared.four_eyes import Registry
from shared.four_eyes_schemas import (
    ApprovalApprove,
    ApprovalReject,
    ApprovalRead,
    ApprovalStatus,
    DecisionKind,
    FourEyesPolicyCreate,
    FourEyesPolicyRead,
)
from shared.http import created_or_repeated
from shared.inputs import OFFSET_MAX, District, Text
from shared.results import Written

# What an endpoint documents for its 202 (``responses=PREPARED_RESPONSE``).
PREPARED_RESPONSE: dict[int | str, dict[str, Any]] = {
    202: {"model": ApprovalRead, "description": "四眼复核 (R-CTRL-1): 已提交复核, 尚未生效"},
}


def prepared_response(registry: Registry, written: Written[Any]) -> JSONResponse:
    """202 with the prepared approval: the decision waits for a second person (200 on a retry
    of the same preparation would hide that nothing happened yet, so a repeat is 202 too)."""
    body = four_eyes.to_read(registry, written.value).model_dump(mode="json", exclude={"result"})
    return JSONResponse(status_code=status.HTTP_202_ACCEPTED, content=jsonable_encoder(body))


def approvals_router(
    registry: Registry,
    *,
    reader: Callable[..., Any],
    decider: Callable[..., Any],
    policy_writer: Callable[..., Any],
    context: Callable[..., Any],
) -> APIRouter:
    """``reader``/``decider``/``policy_writer``: role dependencies (``require_roles``); the
    decider's roles are the union of the kinds' (each kind checks its own); ``context``: a
    dependency giving what the kinds' ``carry_out`` need (outbox relay, letterhead, clock)."""
    Reader = Annotated[Principal, Depends(reader)]
    Decider = Annotated[Principal, Depends(decider)]
    Writer = Annotated[Principal, Depends(policy_writer)]
    Context = Annotated[Any, Depends(context)]
    router = APIRouter(tags=["approvals"])

    @router.get("/approvals", response_model=list[ApprovalRead], summary="待复核事项 (R-CTRL-1)")
    async def list_approvals(
        principal: Reader,
        conn: Conn,
        status_: ApprovalStatus | None = Query(None, alias="status"),
        kind: DecisionKind | None = None,
        subject_id: Text | None = Query(None, max_length=64),
        not_mine: bool = Query(False, description="only what the signed-in person did not prepare"),
        limit: int = Query(50, ge=1, le=200),
        offset: int = Query(0, ge=0, le=OFFSET_MAX),
    ) -> list[ApprovalRead]:
        return await four_eyes.list_visible(
            conn, registry, principal, status=status_, kind=kind, not_mine=not_mine,
            subject_id=subject_id, limit=limit, offset=offset,
        )

    @router.get("/approvals/{approval_id}", response_model=ApprovalRead)
    async def get_approval(approval_id: uuid.UUID, principal: Reader, conn: Conn) -> ApprovalRead:
        return four_eyes.to_read(registry, await four_eyes.get_visible(conn, principal, approval_id))

    @router.post(
        "/approvals/{approval_id}/approve",
        response_model=ApprovalRead,
        summary="复核通过: another person with the kind's role; the decision is carried out with it",
    )
    async def approve(
        approval_id: uuid.UUID, now: Now, principal: Decider, conn: Conn, ctx: Context,
        body: ApprovalApprove | None = None,
    ) -> ApprovalRead:
        reason = body.reason if body else None
        return await four_eyes.approve(conn, registry, approval_id, principal, now, ctx, reason)

    @router.post("/approvals/{approval_id}/reject", response_model=ApprovalRead, summary="复核退回, with a reason")
    async def reject(
        approval_id: uuid.UUID, body: ApprovalReject, now: Now, principal: Decider, conn: Conn
    ) -> ApprovalRead:
        return await four_eyes.reject(conn, registry, approval_id, principal, now, body.reason)

    @router.post("/approvals/{approval_id}/withdraw", response_model=ApprovalRead, summary="经办人撤回")
    async def withdraw(approval_id: uuid.UUID, now: Now, principal: Reader, conn: Conn) -> ApprovalRead:
        return await four_eyes.withdraw(conn, registry, approval_id, principal, now)

    @router.post(
        "/policy/four-eyes",
        response_model=FourEyesPolicyRead,
        status_code=status.HTTP_201_CREATED,
        summary="新增四眼复核范围 four_eyes_decisions (effective-dated, per province)",
    )
    async def add_policy(
        body: FourEyesPolicyCreate, response: Response, principal: Writer, conn: Conn
    ) -> FourEyesPolicyRead:
        written = await four_eyes.add_policy(conn, principal, body)
        created_or_repeated(response, written.created)
        return written.value

    @router.get("/policy/four-eyes", response_model=list[FourEyesPolicyRead])
    async def list_policies(
        principal: Reader, conn: Conn, area_code: District | None = Query(None)
    ) -> list[FourEyesPolicyRead]:
        return await four_eyes.list_policies(conn, area_code)

    return router
