"""Who still waits for a first offer: of career guidance (no session yet) or of vocational
training (no course referral, no enrolment). One query, its 'not yet offered' test by kind."""

from __future__ import annotations

import asyncpg

# The kind's policy parameter and what counts as having been offered (fixed texts, never input).
NOT_YET_OFFERED = {
    "guidance": ("first_guidance_days",
                 "NOT EXISTS (SELECT 1 FROM guidance_sessions g WHERE g.job_seeker_id = s.id)"),
    "training": ("first_training_offer_days",
                 "NOT EXISTS (SELECT 1 FROM referrals r WHERE r.job_seeker_id = s.id AND r.course_id IS NOT NULL)"
                 " AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.job_seeker_id = s.id)"),
}

_QUERY = """
    SELECT s.id AS job_seeker_id, s.district, s.registered_on, p.value AS days
    FROM job_seekers s
    LEFT JOIN LATERAL (
        SELECT value FROM policy_parameters
        WHERE name = $3
          AND area_code = ANY (area_chain(s.district))
          AND effective_from <= s.registered_on
          AND (effective_to IS NULL OR effective_to > s.registered_on)
        ORDER BY array_position(area_chain(s.district), area_code::text), effective_from DESC
        LIMIT 1
    ) p ON true
    WHERE s.status = 'active' AND s.on_benefit AND ($1::text IS NULL OR s.district = $1)
      AND {not_yet_offered}
    ORDER BY s.created_at, s.id
    LIMIT $2
"""


async def waiting(conn: asyncpg.Connection, kind: str, district: str | None, limit: int) -> list[asyncpg.Record]:
    """Active job seekers on benefit not yet offered ``kind``, with the policy's days in force on
    their registration date (most specific area first), oldest registration first."""
    parameter, not_yet_offered = NOT_YET_OFFERED[kind]
    return await conn.fetch(_QUERY.format(not_yet_offered=not_yet_offered), district, limit, parameter)
