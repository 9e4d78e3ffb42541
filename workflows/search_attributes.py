"""The custom search attributes the journey writes, and their registration on a server that
lacks them (the time-skipping test server; the dev server gets them from scripts/temporal.sh)."""

from __future__ import annotations

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client

from contracts.employer_review import SA_EMPLOYER_REVIEW_OVERDUE
from contracts.journey import SA_DISTRICT, SA_JOURNEY_STAGE, SA_REVIEW_OVERDUE

SEARCH_ATTRIBUTES = {
    SA_JOURNEY_STAGE: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    SA_DISTRICT: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    SA_REVIEW_OVERDUE: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    SA_EMPLOYER_REVIEW_OVERDUE: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
}


async def register_search_attributes(client: Client, namespace: str = "default") -> None:
    await client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(namespace=namespace, search_attributes=SEARCH_ATTRIBUTES)
    )
