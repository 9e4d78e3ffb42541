"""The one result type of an idempotent write: the record, and whether this request created it
(201) or found the same request's record from before (200: a retry, a double click)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Written(Generic[T]):
    value: T
    created: bool
    # Outbox rows to wake the relay for after the commit (workflow starts and signals).
    outbox_ids: list[int | None] = field(default_factory=list)
