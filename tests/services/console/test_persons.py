"""查找人员: the ID number travels in the POST body only (never a URL), a bad check digit is
answered before any service call, a name search lists what the registration service shows."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from bs4 import BeautifulSoup

from services.console.main import create_app
from services.console.sessions import SESSION_COOKIE
from services.console.settings import ConsoleSettings
from tests.factories import id_number


class Registration:
    """Answers /persons/lookup and /persons/search as the registration service does."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/persons/lookup":
            return httpx.Response(200, json={"person_id": "7f0c", "id_number_masked": "4301**********1234",
                                             "name_masked": "张*", "open_registration": None})
        if request.url.path == "/persons/search":
            return httpx.Response(200, json=[{"person_id": "7f0c", "name_masked": "张*", "name_matches_exactly": True,
                                              "id_number_masked": "4301**********1234",
                                              "registration": {"id": "r1", "district": "430102",
                                                               "registration_date": "2026-11-27", "status": "open"}}])
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


async def signed_in(service: Registration) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(service.handler))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": "service_point", "name": "李窗口", "district": "430102"})
            csrf = app.state.sessions.get(client.cookies.get(SESSION_COOKIE)).csrf_token
            yield client, csrf


async def test_the_id_number_goes_in_the_body_and_the_person_page_has_the_internal_id() -> None:
    service = Registration()
    number = id_number()
    async for client, csrf in signed_in(service):
        answer = await client.post("/persons/search", data={"csrf_token": csrf, "id_number": number})
        assert (answer.status_code, answer.headers["location"]) == (303, "/persons/7f0c")
    (lookup,) = service.requests
    assert lookup.method == "POST" and number not in str(lookup.url)
    assert lookup.read() == f'{{"id_number":"{number}"}}'.encode()


async def test_a_wrong_check_digit_is_answered_without_asking_the_service() -> None:
    service = Registration()
    number = id_number()
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    async for client, csrf in signed_in(service):
        answer = await client.post("/persons/search", data={"csrf_token": csrf, "id_number": wrong})
        assert answer.status_code == 422 and "校验位不正确" in answer.text
    assert service.requests == []


async def test_a_name_search_lists_the_masked_people_of_the_district() -> None:
    service = Registration()
    async for client, csrf in signed_in(service):
        answer = await client.post("/persons/search", data={"csrf_token": csrf, "name": "张"})
        rows = BeautifulSoup(answer.text, "html.parser").select("tbody tr")
        assert [r.select("td")[0].get_text() for r in rows] == ["张*"]
        assert rows[0].select_one("a")["href"] == "/persons/7f0c"
    assert service.requests[0].read() == '{"name":"张","limit":20}'.encode()
