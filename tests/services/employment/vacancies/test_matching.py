"""Matching explains its ranking: fixed points per factor, each with its reason; hard
requirements exclude; ties are broken deterministically."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from services.employment.vacancies import matching

T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def seeker(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": uuid.uuid4(),
        "created_at": T0,
        "district": "430102",
        "education": "senior_secondary",
        "skills": [],
        "preferred_occupations": [],
        "preferred_districts": [],
        "working_time": "any",
        "certificates": [],
    }
    row.update(overrides)
    return row


def vacancy(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": uuid.uuid4(),
        "created_at": T0,
        "occupation": "电工",
        "district": "430102",
        "min_education": None,
        "required_skills": ["低压电工作业", "PLC编程", "识图"],
        "required_certificate_level": "4",
        "working_time": "full_time",
    }
    row.update(overrides)
    return row


def test_every_point_has_a_reason() -> None:
    result = matching.score(
        seeker(
            preferred_occupations=["电工"],
            skills=["低压电工作业", "PLC编程"],
            certificates=["电工:3"],
            preferred_districts=["430102"],
        ),
        vacancy(min_education="junior_secondary"),
    )
    assert result is not None
    assert [(r.factor, r.points) for r in result.reasons] == [
        ("occupation", 40),
        ("skills", 20),  # 2 of 3 required skills: 30 × 2/3 = 20
        ("certificate", 15),  # level 3 is above the required level 4
        ("district", 10),
        ("education", 5),
    ]
    assert result.points == sum(r.points for r in result.reasons) == 90
    assert result.reasons[1].detail == "具备岗位要求技能 2/3: 低压电工作业、PLC编程"


def test_hard_requirements_exclude_instead_of_lowering_the_score() -> None:
    assert matching.score(seeker(preferred_occupations=["电工"], education="primary"), vacancy(min_education="senior_secondary")) is None
    assert matching.score(seeker(preferred_occupations=["电工"], education=None), vacancy(min_education="primary")) is None
    assert matching.score(seeker(preferred_occupations=["电工"], working_time="part_time"), vacancy()) is None
    # A certificate below the required level earns nothing.
    low = matching.score(seeker(preferred_occupations=["电工"], certificates=["电工:5"]), vacancy())
    assert low is not None and "certificate" not in {r.factor for r in low.reasons}


def test_nothing_in_common_is_no_match() -> None:
    assert matching.score(seeker(district="430103"), vacancy(required_skills=[])) is None
    # Same district and enough education, but nothing about the work itself: no match either.
    assert matching.score(seeker(preferred_districts=["430102"]), vacancy(min_education="primary")) is None


def test_ranking_is_by_score_then_registration_then_id() -> None:
    strong = seeker(preferred_occupations=["电工"], skills=["识图"])
    early = seeker(skills=["识图"], created_at=T0 - dt.timedelta(days=1))
    late_a = seeker(skills=["识图"], id=uuid.UUID(int=1))
    late_b = seeker(skills=["识图"], id=uuid.UUID(int=2))
    v = vacancy()
    pairs = [(s, matching.score(s, v)) for s in (late_b, late_a, early, strong)]
    ranked = matching.rank(pairs)  # type: ignore[arg-type]
    assert [r[0]["id"] for r in ranked] == [strong["id"], early["id"], late_a["id"], late_b["id"]]
    assert ranked == matching.rank(list(reversed(pairs)))  # type: ignore[arg-type]
