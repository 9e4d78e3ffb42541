"""Issue a bearer token: ``uis-token --role case_manager --sub 李经办``.

Signs with the private key (UIS_JWT_PRIVATE_KEY or UIS_JWT_PRIVATE_KEY_FILE); outside production,
with none set, with the clone's development key pair (.tools/jwt)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from shared.auth.principal import Role
from shared.auth.tokens import TokenError, issue_token
from shared.settings import CommonSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Issue a JWT for the UIS APIs (signed with the private key).")
    parser.add_argument("--role", required=True, choices=[r.value for r in Role])
    parser.add_argument("--sub", default=None, help="who the token is for (user id)")
    parser.add_argument("--district", default=None, help="6-digit district code (service_point)")
    parser.add_argument("--hours", type=float, default=8.0, help="validity in hours")
    args = parser.parse_args(argv)
    role = Role(args.role)
    try:
        token = issue_token(
            CommonSettings().token_keys(),
            subject=args.sub or f"{role.value}-local",
            role=role,
            district=args.district,
            ttl=dt.timedelta(hours=args.hours),
        )
    except (TokenError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(token)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
