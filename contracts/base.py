"""The shapes of a workflow contract: a signal (its name and payload type) and a workflow (its
type name, input type and task queue). Services send through these, so a payload that is not the
handler's type is refused where it is written, not when the workflow reads it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# The task queue the worker polls and the services start workflows on (UIS_TASK_QUEUE overrides).
TASK_QUEUE = "claimant-journey"


@dataclass(frozen=True)
class Signal(Generic[T]):
    name: str
    payload: type[T]


@dataclass(frozen=True)
class Workflow(Generic[T]):
    type_name: str
    input: type[T] | None
