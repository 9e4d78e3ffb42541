"""All SQL of the re-employment statistics."""

from __future__ import annotations

import datetime as dt

import asyncpg


# The figures of figures_by_district (below) for every period at once: the periods as rows.
FIGURES_BY_DISTRICT = """
    WITH periods AS (
        SELECT * FROM unnest($1::date[], $2::date[]) AS p(period_start, period_end)
    ),
    seekers AS (
        SELECT s.id, s.district, s.on_benefit, s.withdrawn_on, s.benefit_ended_on,
               s.registered_on AS registered_on,
               p.start_date AS placed_on,
               (p.source = 'referral' OR p.through_referral) AS via_referral
        FROM job_seekers s
        LEFT JOIN placements p ON p.job_seeker_id = s.id
        WHERE $3::text IS NULL OR s.district = $3
    ),
    counted AS (
        SELECT s.district, m.period_start,
            count(*) FILTER (WHERE s.on_benefit AND s.registered_on <= m.period_end
                AND (s.placed_on IS NULL OR s.placed_on >= m.period_start)
                AND (s.withdrawn_on IS NULL OR s.withdrawn_on >= m.period_start)
                AND (s.benefit_ended_on IS NULL OR s.benefit_ended_on >= m.period_start)) AS drew_benefit,
            count(*) FILTER (WHERE s.on_benefit AND s.registered_on <= m.period_end
                AND s.placed_on BETWEEN m.period_start AND m.period_end
                AND (s.benefit_ended_on IS NULL OR s.benefit_ended_on >= m.period_start)) AS reemployed,
            count(*) FILTER (WHERE s.placed_on BETWEEN m.period_start AND m.period_end) AS placements,
            count(*) FILTER (WHERE s.placed_on BETWEEN m.period_start AND m.period_end
                AND s.via_referral) AS placed_through_referral,
            count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM enrolments e WHERE e.job_seeker_id = s.id AND e.status = 'completed'
                  AND e.completed_on BETWEEN m.period_start AND m.period_end)) AS trained
        FROM seekers s CROSS JOIN periods m
        GROUP BY s.district, m.period_start
    )
    SELECT * FROM counted
    WHERE drew_benefit + placements + trained > 0
    ORDER BY period_start, district
"""


async def figures_by_district(
    conn: asyncpg.Connection, periods: list[tuple[dt.date, dt.date]], district: str | None
) -> list[asyncpg.Record]:
    """Per district and period (first and last day, China dates), each person counted once:

    - drew_benefit: job seekers registered by the journey (on benefit) whose benefit period
      overlaps the period: registered by its end, not placed, withdrawn or with benefit ended
      (told by the journey) before its start;
    - reemployed: of those, placed (hire start date) in the period;
    - placements / placed_through_referral: every placement starting in the period, and those
      through a referral;
    - trained: job seekers who completed (passed) a course in the period.
    """
    return await conn.fetch(
        FIGURES_BY_DISTRICT,
        [start for start, _ in periods],
        [end for _, end in periods],
        district,
    )
