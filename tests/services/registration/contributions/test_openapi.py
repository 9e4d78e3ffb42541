"""The OpenAPI document describes the contribution, record and history endpoints with examples."""

from __future__ import annotations

import httpx

PATHS = (
    "/employers/{employer_id}/declarations",
    "/employers/{employer_id}/assessments",
    "/employers/{employer_id}/payments",
    "/employers/{employer_id}/fines",
    "/contribution-policies/rates",
    "/contribution-policies/collection",
    "/persons/{person_id}/contribution-records/corrections",
)


async def test_every_write_has_a_summary_and_an_example_body(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    for path in PATHS:
        operation = spec["paths"][path]["post"]
        assert operation["summary"], path
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
        assert schemas[ref].get("examples"), ref


async def test_the_main_reads_have_examples(client: httpx.AsyncClient) -> None:
    schemas = (await client.get("/openapi.json")).json()["components"]["schemas"]
    for name in ("DeclarationRead", "PaymentRead", "ArrearsStatementRead", "ContributionRecordRead", "InsuranceHistoryRead"):
        assert schemas[name].get("examples"), name
    history = schemas["InsuranceHistoryRead"]["examples"][0]
    assert set(history) == {"person_id", "as_of", "contribution_months", "spells", "last_employer_id"}
