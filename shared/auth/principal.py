from __future__ import annotations

import enum
from dataclasses import dataclass


class Role(str, enum.Enum):
    SERVICE_POINT = "service_point"
    CASE_MANAGER = "case_manager"
    OPERATIONS = "operations"
    FINANCE = "finance"
    AUDITOR = "auditor"
    # The workflow worker calling the services on the journey's behalf.
    SYSTEM = "system"


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    district: str | None = None

    def sees_district(self, district: str) -> bool:
        """Service points see only their own district's people; other roles see all."""
        if self.role is Role.SERVICE_POINT:
            return self.district == district
        return True
