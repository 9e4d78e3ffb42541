"""The area chain of a district code (行政区划代码, GB/T 2260): district → city (地市) → province (省).
Policy rows are set for any of the three; the most specific one in force applies. One copy."""

from __future__ import annotations

from dataclasses import dataclass


def city_of(area: str) -> str:
    """``430102`` (芙蓉区) → ``430100`` (长沙市)."""
    return area[:4] + "00"


def province_of(area: str) -> str:
    """``430102`` → ``430000`` (湖南省)."""
    return area[:2] + "0000"


@dataclass(frozen=True)
class AreaChain:
    district: str
    city: str
    province: str

    @classmethod
    def of(cls, area: str) -> AreaChain:
        return cls(area, city_of(area), province_of(area))

    def most_specific_first(self) -> list[str]:
        """The codes to look policy rows up by, the district's own first (no code twice: a city
        or a province code is its own city or province)."""
        return list(dict.fromkeys([self.district, self.city, self.province]))
