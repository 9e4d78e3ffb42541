"""All SQL of the re-employment statistics."""

from __future__ import annotations

import datetime as dt

import asyncpg


async def monthly_by_district(
    conn: asyncpg.Connection, first_month: dt.date, last_month: dt.date, district: str | None
) -> list[asyncpg.Record]:
    """Per district and calendar month (dates are China dates):

    - drew_benefit: job seekers registered by the journey (on benefit) whose unemployment spell
      overlaps the month: registered by its end, not placed or withdrawn before its start;
    - reemployed: of those, placed (hire start date) in the month;
    - placements / placed_through_referral: every placement starting in the month, and those
      through a referral;
    - trained: job seekers who completed (passed) a course in the month.
    """
    return await conn.fetch(
        """
        WITH months AS (
            SELECT m::date AS month_start, (m + interval '1 month' - interval '1 day')::date AS month_end
            FROM generate_series($1::date, $2::date, interval '1 month') m
        ),
        seekers AS (
            SELECT s.id, s.district, s.on_benefit, s.withdrawn_on,
                   (s.created_at AT TIME ZONE 'Asia/Shanghai')::date AS registered_on,
                   p.start_date AS placed_on,
                   (p.source = 'referral' OR p.through_referral) AS via_referral
            FROM job_seekers s
            LEFT JOIN placements p ON p.job_seeker_id = s.id
            WHERE $3::text IS NULL OR s.district = $3
        ),
        counted AS (
            SELECT s.district, m.month_start,
                count(*) FILTER (WHERE s.on_benefit AND s.registered_on <= m.month_end
                    AND (s.placed_on IS NULL OR s.placed_on >= m.month_start)
                    AND (s.withdrawn_on IS NULL OR s.withdrawn_on >= m.month_start)) AS drew_benefit,
                count(*) FILTER (WHERE s.on_benefit AND s.registered_on <= m.month_end
                    AND s.placed_on BETWEEN m.month_start AND m.month_end) AS reemployed,
                count(*) FILTER (WHERE s.placed_on BETWEEN m.month_start AND m.month_end) AS placements,
                count(*) FILTER (WHERE s.placed_on BETWEEN m.month_start AND m.month_end
                    AND s.via_referral) AS placed_through_referral,
                count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM enrolments e WHERE e.job_seeker_id = s.id AND e.status = 'completed'
                      AND e.completed_on BETWEEN m.month_start AND m.month_end)) AS trained
            FROM seekers s CROSS JOIN months m
            GROUP BY s.district, m.month_start
        )
        SELECT * FROM counted
        WHERE drew_benefit + placements + trained > 0
        ORDER BY month_start, district
        """,
        first_month,
        last_month,
        district,
    )
