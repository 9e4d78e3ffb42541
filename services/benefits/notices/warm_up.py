"""Warm-up of the written decisions' renderer (R-NOTICE-1): the first PDF a process renders loads
WeasyPrint, Pango and the Noto CJK fonts (1.3–2.4 s), and would be paid by the first download of a
notice (a person waiting at the desk for their 决定书). The benefits service renders one
throw-away notice in a daemon thread of its own when it starts: start-up is not delayed, and
nothing is stored. Once per process (several apps in one process, as in the tests, warm up once)."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from fastapi import FastAPI

from services.benefits.notices.issue import letterhead_of
from services.benefits.notices.render import Letterhead, NoticeDocument, render_pdf
from services.benefits.settings import BenefitsSettings

log = logging.getLogger("uis.benefits.notices")

_lock = threading.Lock()
_thread: threading.Thread | None = None
# Set when the throw-away notice is rendered (or its rendering failed): for benchmarks and tests.
done = threading.Event()

SAMPLE = NoticeDocument(
    kind="benefit_stopped",
    notice_id="00000000-0000-0000-0000-000000000000",
    claim_id="00000000-0000-0000-0000-000000000000",
    district="430102",
    issued_on=dt.date(2025, 1, 1),
    facts=[("停发原因", "预热文书, 不发出"), ("停发日期", "2025年1月1日")],
    decision="预热文书, 不发出。",
    legal_basis=["R-STOP-1"],
)


def _render(letterhead: Letterhead) -> None:
    started = time.perf_counter()
    try:
        render_pdf(SAMPLE, letterhead)
        log.info("decision notice renderer warmed up in %.0f ms", (time.perf_counter() - started) * 1000)
    except Exception:  # a failed warm-up costs the first notice its time, nothing else
        log.exception("decision notice renderer warm-up failed")
    finally:
        done.set()


def start(app: FastAPI) -> None:
    """The benefits app's start-up hook: returns at once; skipped when ``notice_warm_up`` is off."""
    global _thread
    settings: BenefitsSettings = app.state.settings
    if not settings.notice_warm_up:
        return
    letterhead = letterhead_of(settings)
    with _lock:
        if _thread is not None:
            return
        _thread = threading.Thread(target=_render, args=(letterhead,), name="notice-warm-up", daemon=True)
        _thread.start()
