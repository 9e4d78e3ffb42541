"""An employer's written decisions (R-NOTICE-1), read, downloaded and delivered (issued by
``issue.py`` inside the deciding command's transaction), by the building block the benefits
service's notices use too (shared/notices/service.py). The delivery date starts the appeal clock
(R-APPEAL-1)."""

from __future__ import annotations

from services.registration.contributions.notices.repository import TABLES
from services.registration.contributions.notices.schemas import EmployerDecisionNoticeRead
from services.registration.contributions.service import visible_employer
from shared.errors import NotFound
from shared.notices.service import WrittenDecisions

NOTICE_NOT_FOUND = NotFound("employer_decision_notice_not_found", "未找到该决定书", "notice_id")

# A notice of another district's employer is not there for a service point (as the employer).
notices = WrittenDecisions(TABLES, EmployerDecisionNoticeRead, NOTICE_NOT_FOUND, visible_employer)
to_read = notices.to_read
list_for_employer = notices.list_for
pdf_of = notices.pdf_of
record_delivery = notices.record_delivery
