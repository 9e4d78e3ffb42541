"""Token key material: how strong a shared secret must be in production."""

from __future__ import annotations

import collections
import math

MIN_SECRET_LENGTH = 32
# Shannon's estimate over the characters themselves; 32 random hex characters give ≥ 90 bits.
MIN_SECRET_BITS = 80
# The development default of earlier versions: public (it is in the git history), never a secret.
PUBLIC_DEVELOPMENT_SECRET = "dev-only-secret-change-me-0123456789abcdef"
_OBVIOUS_WORDS = (
    "secret", "password", "passwd", "changeme", "change-me", "change_me", "example", "default",
    "dev-only", "development", "test", "qwerty", "letmein", "admin", "123456", "uis-",
)


def _estimated_bits(value: str) -> float:
    counts = collections.Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values()) * n


def _is_repetition(value: str) -> bool:
    """``abab…``, ``aaaa…``, ``0123456789`` × 4: the value is a shorter unit repeated."""
    return value in (value + value)[1:-1]


def _mostly_runs(value: str) -> bool:
    """``abcdef…``, ``98765…``, ``aabbcc…``: most neighbours are equal or consecutive."""
    steps = [abs(ord(b) - ord(a)) <= 1 for a, b in zip(value, value[1:], strict=False)]
    return sum(steps) > len(steps) / 2


def weak_secret_reason(secret: str) -> str | None:
    """Why ``secret`` must not sign tokens in production, or None when nothing obvious is wrong.

    A filter for the obvious (short, repeated, sequential, words, the old public default), not
    a proof of randomness: production secrets come from ``openssl rand -hex 32``."""
    if secret == PUBLIC_DEVELOPMENT_SECRET:
        return "is the public development default"
    if len(secret) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    if _is_repetition(secret):
        return "is a repeated pattern"
    if _mostly_runs(secret):
        return "is mostly runs of equal or consecutive characters"
    lowered = secret.lower()
    if any(word in lowered for word in _OBVIOUS_WORDS):
        return "contains an obvious word"
    if _estimated_bits(secret) < MIN_SECRET_BITS:
        return "has too little entropy"
    return None
