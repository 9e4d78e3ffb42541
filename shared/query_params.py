"""Query hygiene (issue 8): a query parameter the operation does not declare is refused with 422
``unknown_query_parameter``, never silently ignored (a filter that is not applied answers with
everything, e.g. ``GET /unemployment-registrations?person_id=…``).

``create_service_app`` installs :class:`QueryHygiene` as an app-level dependency: FastAPI solves
it before every other dependency and parameter of the operation (token, path IDs, database), so
the refusal comes first. A request body is still read by FastAPI before any dependency runs.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.dependencies.models import Dependant
from pydantic import BaseModel

from shared.errors import InvalidInput


def declared_query_names(dependant: Dependant) -> frozenset[str]:
    """The query names an operation reads: its own and its sub-dependencies', as sent (alias)."""
    names: set[str] = set()
    pending = [dependant]
    while pending:
        current = pending.pop()
        for field in current.query_params:
            names.update(_names(field))
        pending.extend(current.dependencies)
    return frozenset(names)


def _names(field: Any) -> list[str]:
    model = field.field_info.annotation
    if isinstance(model, type) and issubclass(model, BaseModel):  # Annotated[Model, Query()]
        return [info.alias or name for name, info in model.model_fields.items()]
    return [field.alias]


class QueryHygiene:
    """App-level dependency; one instance per app, which keeps each route's declared names
    (computed on the route's first request, keyed by the route the app holds)."""

    def __init__(self) -> None:
        self._declared: dict[int, frozenset[str]] = {}

    async def __call__(self, request: Request) -> None:
        declared = self._declared_for(request.scope["route"])
        unknown = next((name for name in request.query_params if name not in declared), None)
        if unknown is not None:
            raise InvalidInput(
                "unknown_query_parameter", f"该接口不支持查询参数 {unknown}, 请检查参数名称", unknown
            )

    def _declared_for(self, route: Any) -> frozenset[str]:
        declared = self._declared.get(id(route))
        if declared is None:
            declared = self._declared[id(route)] = declared_query_names(route.dependant)
        return declared
