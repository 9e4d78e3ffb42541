"""Token key material: the key pair (or shared secret) a process signs and verifies with, the
development key pair, and how strong a shared secret must be in production."""

from __future__ import annotations

import collections
import fcntl
import functools
import math
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

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


# --- asymmetric keys ----------------------------------------------------------------------------

# The development key pair: made once per clone by scripts/setup.sh (or on first use), in the
# git-ignored .tools/, never committed, refused in production.
DEVELOPMENT_KEY_DIR = Path(__file__).resolve().parents[2] / ".tools" / "jwt"
DEVELOPMENT_MARKER = b"UIS DEVELOPMENT KEY"
_PRIVATE_FILE, _PUBLIC_FILE = "jwt-private.pem", "jwt-public.pem"


@dataclass(frozen=True)
class TokenKeys:
    """What one process holds to issue and check bearer tokens.

    Services hold the verification key only (``verify_only()``); the worker and ``uis-token``
    hold the private key. The algorithm comes from the key, never from a token's header."""

    issuer: str
    algorithm: str
    verification_key: Any
    signing_key: Any = field(default=None, repr=False)

    @classmethod
    def from_pem(cls, issuer: str, *, private_pem: bytes | None = None, public_pem: bytes | None = None) -> TokenKeys:
        private = load_private_key(private_pem) if private_pem else None
        public = load_public_key(public_pem) if public_pem else None
        if private is not None:
            derived = private.public_key()
            if public is not None and _raw(public) != _raw(derived):
                raise ValueError("the private and the public key are not one key pair")
            public = derived
        if public is None:
            raise ValueError("no key given")
        return cls(issuer, _algorithm_for(public), public, private)

    @classmethod
    def from_secret(cls, issuer: str, secret: str) -> TokenKeys:
        """HS256 with a shared secret: every holder can also mint tokens. Prefer a key pair."""
        key = secret.encode()
        return cls(issuer, "HS256", key, key)

    @property
    def can_sign(self) -> bool:
        return self.signing_key is not None

    def verify_only(self) -> TokenKeys:
        return replace(self, signing_key=None) if self.algorithm != "HS256" else self


def generate_key_pair() -> tuple[bytes, bytes]:
    """A fresh Ed25519 key pair as PEM: (private PKCS#8, public SubjectPublicKeyInfo)."""
    private = ed25519.Ed25519PrivateKey.generate()
    return (
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    )


def load_private_key(pem: bytes) -> Any:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise ValueError("is not an unencrypted PEM private key") from None
    _algorithm_for(key.public_key())
    return key


def load_public_key(pem: bytes) -> Any:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise ValueError("is not a PEM public key") from None
    _algorithm_for(key)
    return key


def _algorithm_for(public_key: Any) -> str:
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return "EdDSA"
    if isinstance(public_key, ec.EllipticCurvePublicKey) and isinstance(public_key.curve, ec.SECP256R1):
        return "ES256"
    raise ValueError("must be an Ed25519 (EdDSA) or a P-256 (ES256) key")


def _raw(public_key: Any) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


@dataclass(frozen=True)
class DevelopmentKeys:
    private: Path
    public: Path


def ensure_development_keys(directory: Path = DEVELOPMENT_KEY_DIR) -> DevelopmentKeys:
    """The development key pair in ``directory``, made the first time (by whichever process gets
    there first: a lock serialises the services and the worker starting together)."""
    keys = DevelopmentKeys(directory / _PRIVATE_FILE, directory / _PUBLIC_FILE)
    if keys.private.is_file() and keys.public.is_file():
        return keys
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(directory / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if keys.private.is_file() and keys.public.is_file():
            return keys
        private_pem, public_pem = generate_key_pair()
        note = DEVELOPMENT_MARKER + b": this clone's development key pair (scripts/setup.sh); refused in production\n"
        # The public file last: both present means both complete.
        _write_atomically(keys.private, note + private_pem, 0o600)
        _write_atomically(keys.public, note + public_pem, 0o644)
    return keys


def _write_atomically(path: Path, data: bytes, mode: int) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def is_development_key(pem: bytes, path: Path | None = None) -> bool:
    """The development pair, wherever it was copied: its folder, its marker, or its key."""
    if path is not None and path.resolve().is_relative_to(DEVELOPMENT_KEY_DIR.resolve()):
        return True
    if DEVELOPMENT_MARKER in pem:
        return True
    development_public = DEVELOPMENT_KEY_DIR / _PUBLIC_FILE
    if not development_public.is_file():
        return False
    try:
        given = TokenKeys.from_pem("-", **({"private_pem": pem} if b"PRIVATE" in pem else {"public_pem": pem}))
        known = load_public_key(development_public.read_bytes())
    except ValueError:
        return False
    return _raw(given.verification_key) == _raw(known)


@functools.cache
def development_token_keys(issuer: str) -> TokenKeys:
    keys = ensure_development_keys()
    return TokenKeys.from_pem(issuer, private_pem=keys.private.read_bytes())


def main() -> int:
    """Make the development key pair if missing (scripts/setup.sh)."""
    existed = (DEVELOPMENT_KEY_DIR / _PUBLIC_FILE).is_file()
    keys = ensure_development_keys()
    print(f"{'present' if existed else 'generated'}: {keys.public.parent}")
    return 0

