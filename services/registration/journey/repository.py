"""All SQL of the journey view: its stored last state (migration 0034)."""

from __future__ import annotations

import uuid

import asyncpg


async def stored_state(
    conn: asyncpg.Connection, registration_id: uuid.UUID, run_id: str, history_length: int
) -> dict | None:
    """The state read at exactly this run and history length, if one was stored."""
    return await conn.fetchval(
        "SELECT state FROM journey_states WHERE registration_id = $1 AND run_id = $2 AND history_length = $3",
        registration_id,
        run_id,
        history_length,
    )


async def store_state(
    conn: asyncpg.Connection, registration_id: uuid.UUID, run_id: str, history_length: int, state: dict
) -> None:
    """Two readers may store at once: another run or a longer history replaces the row, a shorter
    history of the same run never does (the same one rewrites it)."""
    await conn.execute(
        """
        INSERT INTO journey_states (registration_id, run_id, history_length, state) VALUES ($1, $2, $3, $4)
        ON CONFLICT (registration_id) DO UPDATE
        SET run_id = excluded.run_id, history_length = excluded.history_length, state = excluded.state,
            read_at = clock_now()
        WHERE journey_states.run_id <> excluded.run_id OR journey_states.history_length <= excluded.history_length
        """,
        registration_id,
        run_id,
        history_length,
        state,
    )
