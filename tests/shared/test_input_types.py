"""Every input of every operation of the three services is one of the shared building blocks
(shared/inputs.py, issue 9 item 3), so no value reaches PostgreSQL or a CSV unchecked:

- text (body, query, path): ``Text`` / ``MultilineText`` (or a month or district type, which
  admit ASCII only): no NUL, controls, line breaks, bidi or zero-width characters;
- integers: bounded inside PostgreSQL's bigint; in a JSON body also strict (``true`` is no 1);
- decimals: a number of places and digits (``Money``: two places, never rounded);
- dates and datetimes: a range fitting their meaning (``Date``, ``FoundingDate``, ``Instant``);
- no free-form objects or floats.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.types import Strict

from services.benefits.main import create_app as benefits_app
from services.benefits.settings import BenefitsSettings
from services.employment.main import create_app as employment_app
from services.employment.settings import EmploymentSettings
from services.registration.main import create_app as registration_app
from services.registration.settings import RegistrationSettings
from shared.inputs import BIGINT_MAX

APPS: dict[str, Callable[[], FastAPI]] = {
    "registration": lambda: registration_app(RegistrationSettings(outbox_relay=False)),
    "benefits": lambda: benefits_app(BenefitsSettings(outbox_relay=False)),
    "employment": lambda: employment_app(EmploymentSettings(outbox_relay=False)),
}


def _validators(metadata: list) -> list[Callable]:
    return [getattr(m, "func", None) for m in metadata if getattr(m, "func", None) is not None]


def _checks_characters(metadata: list) -> bool:
    return any(getattr(f, "checks_characters", False) for f in _validators(metadata))


def _has_date_range(metadata: list) -> bool:
    return any(hasattr(f, "date_range") or getattr(f, "checks_month", False) for f in _validators(metadata))


def _bounds(metadata: list) -> tuple[int | None, int | None]:
    low = high = None
    for m in metadata:
        for name, value in (("ge", getattr(m, "ge", None)), ("gt", getattr(m, "gt", None))):
            if value is not None:
                low = value if low is None else max(low, value)
        for name, value in (("le", getattr(m, "le", None)), ("lt", getattr(m, "lt", None))):
            if value is not None:
                high = value if high is None else min(high, value)
    return low, high


def leaves(annotation: typing.Any, metadata: list, seen: set) -> Iterator[tuple[str, typing.Any, list]]:
    """(dotted sub-path, leaf type, its metadata) for every scalar an input can carry."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extras = typing.get_args(annotation)
        # A pydantic Field() inside Annotated carries its constraints in its own metadata.
        expanded = [m for extra in extras for m in (extra.metadata if isinstance(extra, FieldInfo) else [extra])]
        yield from leaves(base, [*metadata, *expanded], seen)
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                yield from leaves(arg, metadata, seen)
    elif origin is typing.Literal:
        return
    elif origin in (list, set, frozenset, tuple):
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                for path, leaf, meta in leaves(arg, [], seen):
                    yield "[]" + path, leaf, meta
    elif origin is dict or annotation in (dict, typing.Any, object):
        yield "", dict, metadata
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen = seen | {annotation}
        for name, info in annotation.model_fields.items():
            for path, leaf, meta in leaves(info.annotation, list(info.metadata), seen):
                yield f".{info.alias or name}{path}", leaf, meta
    else:
        yield "", annotation, metadata


def problem(leaf: typing.Any, metadata: list, location: str) -> str | None:
    if isinstance(leaf, type) and issubclass(leaf, enum.Enum) or leaf in (bool, uuid.UUID):
        return None
    if leaf is str:
        return None if _checks_characters(metadata) else "text without the shared character check (Text)"
    if leaf is int:
        low, high = _bounds(metadata)
        if low is None or high is None or low < -BIGINT_MAX or high > BIGINT_MAX:
            return f"integer not bounded within bigint (ge={low}, le={high})"
        if location == "body" and not any(isinstance(m, Strict) and m.strict for m in metadata):
            return "integer in a JSON body is not strict (true would be 1)"
        return None
    if leaf is Decimal:
        places = [m.decimal_places for m in metadata if getattr(m, "decimal_places", None) is not None]
        digits = [m.max_digits for m in metadata if getattr(m, "max_digits", None) is not None]
        return None if places and digits else "decimal without max_digits and decimal_places (Money)"
    if leaf in (dt.date, dt.datetime):
        return None if _has_date_range(metadata) else f"{leaf.__name__} without a range (Date, Instant)"
    return f"free-form or unexpected input type {leaf!r}"


def offending_inputs(app: FastAPI) -> list[str]:
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute):
            continue
        pending, params = [context.dependant], []
        while pending:
            current = pending.pop()
            params += [("query", p) for p in current.query_params]
            params += [("path", p) for p in current.path_params]
            params += [("body", p) for p in current.body_params]
            pending.extend(current.dependencies)
        for location, param in params:
            info = param.field_info
            for sub, leaf, metadata in leaves(info.annotation, list(info.metadata), set()):
                why = problem(leaf, metadata, location)
                if why:
                    methods = ",".join(sorted(context.methods or ()))
                    found.append(f"{methods} {context.path} {location} {param.alias}{sub}: {why}")
    return sorted(set(found))


@pytest.mark.parametrize("service", sorted(APPS))
def test_every_input_uses_a_shared_building_block(service: str) -> None:
    offending = offending_inputs(APPS[service]())
    assert not offending, f"{len(offending)} inputs:\n" + "\n".join(offending)
