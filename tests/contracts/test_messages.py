"""Every message a service sends a workflow (issue 10), through the outbox's encoding (Temporal's
pydantic data converter), decodes into the parameter type of the handler that receives it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from decimal import Decimal

import pytest
from temporalio import workflow
from temporalio.contrib.pydantic import pydantic_data_converter

from contracts import appeals, claim_review, corrections, employer_review, journey
from contracts.base import Signal, Workflow
from shared.outbox import SignalWorkflow, StartWorkflow, as_sent, encoded
from workflows.employer_review import EmployerReview
from workflows.journey import ClaimantJourney

SAMPLES: dict[type, object] = {
    str: "00000000-0000-4000-8000-000000000001",
    int: 3,
    bool: True,
    dt.date: dt.date(2026, 12, 2),
    dt.datetime: dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC),
    Decimal: Decimal("1800.50"),
}


def sample(cls: type) -> object:
    """An instance with every field set (optional ones too), so a lost field would show."""
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        kind = hints[f.name]
        options = [a for a in typing.get_args(kind) if a is not type(None)] or [kind]
        values[f.name] = SAMPLES[options[0]]
    return cls(**values)


def handler_type(workflow_class: type, signal: Signal) -> type:
    definition = workflow._Definition.from_class(workflow_class)
    assert definition is not None
    handler = definition.signals[signal.name].fn
    hints = typing.get_type_hints(handler)
    [parameter] = [v for k, v in hints.items() if k != "return"]
    return parameter


def decoded(arg: object, as_type: type) -> object:
    [value] = pydantic_data_converter.payload_converter.from_payloads([as_sent(arg).payload], [as_type])
    return value


JOURNEY_SIGNALS = journey.SIGNALS + appeals.SIGNALS + claim_review.SIGNALS + corrections.SIGNALS
CASES = [(ClaimantJourney, s) for s in JOURNEY_SIGNALS] + [(EmployerReview, s) for s in employer_review.SIGNALS]


@pytest.mark.parametrize(("workflow_class", "signal"), CASES, ids=[s.name for _, s in CASES])
def test_a_signal_decodes_into_its_handlers_type(workflow_class: type, signal: Signal) -> None:
    payload = sample(signal.payload)
    command = SignalWorkflow("wf-1", signal, payload, event_key="e-1")
    parameter = handler_type(workflow_class, signal)
    assert parameter is signal.payload
    assert decoded(encoded(command.payload), parameter) == payload


@pytest.mark.parametrize(
    ("workflow_class", "contract"),
    [(ClaimantJourney, journey.JOURNEY), (EmployerReview, employer_review.EMPLOYER_REVIEW)],
    ids=["ClaimantJourney", "EmployerReview"],
)
def test_a_start_decodes_into_the_run_methods_input(workflow_class: type, contract: Workflow) -> None:
    definition = workflow._Definition.from_class(workflow_class)
    assert definition is not None and definition.name == contract.type_name
    hints = typing.get_type_hints(definition.run_fn)
    [parameter] = [v for k, v in hints.items() if k != "return"]
    assert parameter is contract.input
    start_input = sample(contract.input)
    assert decoded(encoded(StartWorkflow(contract, "wf-1", start_input).input), parameter) == start_input


def test_the_wrong_payload_is_refused_where_it_is_written() -> None:
    placement = journey.PlacementRecorded("p-1", dt.date(2026, 12, 2))
    with pytest.raises(TypeError):
        SignalWorkflow("wf-1", journey.CLAIM_DECIDED, placement, event_key="e")
    with pytest.raises(TypeError):
        StartWorkflow(journey.JOURNEY, "wf-1", placement)


def test_every_signal_handler_of_the_journey_has_a_contract() -> None:
    definition = workflow._Definition.from_class(ClaimantJourney)
    assert definition is not None
    assert set(definition.signals) == {s.name for s in JOURNEY_SIGNALS}
