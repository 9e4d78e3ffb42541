"""Matching job seekers and vacancies (人岗匹配): an explainable, deterministic score.

Each factor adds fixed points and says why; the total is at most 100. Hard requirements
(minimum education, full/part time) exclude a pair instead of lowering its score, so a match never
hides an unmet requirement, and a pair matches only if the work itself fits (occupation, skills
or certificate): the same district and enough education alone are no match. Ties rank the
earlier registration (or vacancy) first, then by ID, so the same data always gives the same order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from services.employment.job_seekers.schemas import EDUCATION_LEVELS

OCCUPATION_POINTS = 40
SKILL_POINTS = 30
CERTIFICATE_POINTS = 15
PREFERRED_DISTRICT_POINTS = 10
HOME_DISTRICT_POINTS = 5
EDUCATION_POINTS = 5

EDUCATION_LABELS = {
    "primary": "小学",
    "junior_secondary": "初中",
    "senior_secondary": "高中",
    "secondary_vocational": "中专/技校",
    "junior_college": "大专",
    "bachelor": "本科",
    "master": "硕士",
    "doctorate": "博士",
}


@dataclass(frozen=True)
class Reason:
    factor: str
    points: int
    detail: str


@dataclass(frozen=True)
class Score:
    points: int
    reasons: tuple[Reason, ...]


def _certificates(held: Sequence[str]) -> list[tuple[str, str | None]]:
    """``"电工:4"`` → ``("电工", "4")``; a certificate without a level has ``None``."""
    pairs = []
    for item in held:
        occupation, _, level = item.rpartition(":")
        pairs.append((occupation, level or None))
    return pairs


def score(seeker: Mapping[str, Any], vacancy: Mapping[str, Any]) -> Score | None:
    """The score of one job seeker for one vacancy, or None when a hard requirement is unmet."""
    minimum = vacancy["min_education"]
    if minimum is not None:
        education = seeker["education"]
        if education is None or EDUCATION_LEVELS.index(education) < EDUCATION_LEVELS.index(minimum):
            return None
    if "any" not in (seeker["working_time"], vacancy["working_time"]) and seeker["working_time"] != vacancy["working_time"]:
        return None

    reasons: list[Reason] = []
    occupation = vacancy["occupation"]
    if occupation in seeker["preferred_occupations"]:
        reasons.append(Reason("occupation", OCCUPATION_POINTS, f"求职意向职业与岗位一致: {occupation}"))

    required = list(vacancy["required_skills"])
    if required:
        held = [s for s in required if s in seeker["skills"]]
        if held:
            points = int(
                (Decimal(SKILL_POINTS) * len(held) / len(required)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            )
            reasons.append(
                Reason("skills", points, f"具备岗位要求技能 {len(held)}/{len(required)}: {'、'.join(held)}")
            )

    wanted_level = vacancy["required_certificate_level"]
    for cert_occupation, level in sorted(_certificates(seeker.get("certificates") or ()), key=lambda c: c[1] or "9"):
        if cert_occupation != occupation:
            continue
        # Levels run 5 (初级工) to 1 (高级技师): a smaller number is a higher level.
        if wanted_level is None or (level is not None and level <= wanted_level):
            label = f"{level}级" if level else "无等级"
            reasons.append(Reason("certificate", CERTIFICATE_POINTS, f"持有{occupation}证书({label})"))
            break

    if vacancy["district"] in seeker["preferred_districts"]:
        reasons.append(Reason("district", PREFERRED_DISTRICT_POINTS, f"岗位在意向工作地区: {vacancy['district']}"))
    elif vacancy["district"] == seeker["district"]:
        reasons.append(Reason("district", HOME_DISTRICT_POINTS, f"岗位在求职登记所在区: {vacancy['district']}"))

    if minimum is not None:
        reasons.append(
            Reason("education", EDUCATION_POINTS, f"学历符合要求({EDUCATION_LABELS[minimum]}及以上)")
        )
    # Place and education alone are no match: the work itself must fit (occupation, skills, certificate).
    if not any(r.factor in ("occupation", "skills", "certificate") for r in reasons):
        return None
    return Score(sum(r.points for r in reasons), tuple(reasons))


def rank(pairs: Sequence[tuple[Mapping[str, Any], Score]]) -> list[tuple[Mapping[str, Any], Score]]:
    """Highest score first; ties by the earlier ``created_at``, then the ID: deterministic."""
    return sorted(pairs, key=lambda p: (-p[1].points, p[0]["created_at"], str(p[0]["id"])))


def score_course(seeker: Mapping[str, Any], course: Mapping[str, Any]) -> Score:
    """Why a course is offered to a job seeker. The agency may designate training for a new
    occupation (转岗培训), so an offer needs no match; the reasons say what fits."""
    reasons: list[Reason] = []
    occupation = course["occupation"]
    if occupation in seeker["preferred_occupations"]:
        reasons.append(Reason("occupation", OCCUPATION_POINTS, f"培训职业与求职意向一致: {occupation}"))
    held = [c for c, _ in _certificates(seeker.get("certificates") or ()) if c == occupation]
    if course["level"] and held:
        reasons.append(Reason("certificate", 0, f"已持有{occupation}证书, 本课程为{course['level']}级"))
    if not reasons:
        reasons.append(Reason("designated", 0, "经办机构安排的职业培训"))
    return Score(sum(r.points for r in reasons), tuple(reasons))
