"""Activities of the scheduled operations runs: one idempotent service call each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from temporalio import activity

from workflows.service_calls import answer
from workflows.clients import ServiceClients


@dataclass
class PreExpiryNoticesInput:
    as_of: dt.date


@dataclass
class PreExpiryNoticesResult:
    created: int


class OperationsActivities:
    def __init__(self, clients: ServiceClients) -> None:
        self._clients = clients

    @activity.defn
    async def run_pre_expiry_notices(self, input: PreExpiryNoticesInput) -> PreExpiryNoticesResult:
        run = answer(
            await self._clients.benefits.post(
                "/notices/pre-expiry-runs", json={"as_of": input.as_of.isoformat()}
            )
        )
        return PreExpiryNoticesResult(created=run["created"])

    def all(self) -> list[Any]:
        return [self.run_pre_expiry_notices]
