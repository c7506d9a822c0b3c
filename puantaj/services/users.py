"""Users: login, first-run admin, demo seeding, adding clerks."""

from __future__ import annotations

import datetime as dt

from puantaj.core import turkish
from puantaj.core.tables import ALL_REGIONS, natural_id
from puantaj.errors import PermissionDenied, ValidationError
from puantaj.services.passwords import hash_password, verify_password
from puantaj.services.session import Session
from puantaj.store.database import Store
from puantaj.store.engine import transaction
from puantaj.store.rows import TableRepo

DEMO_USERS = (
    ("ankara1", "Ankara"),
    ("istanbul1", "İstanbul"),
    ("bursa1", "Bursa"),
    ("izmir1", "İzmir"),
)
DEMO_PASSWORD = "demo1234"
MIN_PASSWORD = 8


class UserService:
    """Accounts stored in the synced `users` table, passwords hashed with argon2id."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._repo = TableRepo("users")

    def has_users(self) -> bool:
        with self._store.connection() as conn:
            return bool(self._repo.select(conn, None))

    def login(self, username: str, password: str) -> Session:
        name = turkish.lower(username.strip())
        with self._store.connection() as conn:
            rows = self._repo.select(conn, None, {"username": name})
        if (
            not rows
            or not rows[0]["active"]
            or not verify_password(rows[0]["password_hash"], password)
        ):
            raise PermissionDenied("wrong username or password", code="login")
        row = rows[0]
        return Session(row["username"], row["role"], row["region"])

    def add_user(
        self, username: str, password: str, role: str, region: str, by: str = "system"
    ) -> Session:
        name = turkish.lower(username.strip())
        if not name.isidentifier() and not name.replace(".", "").isalnum():
            raise ValidationError("username: letters and digits only", "username")
        if len(password) < MIN_PASSWORD:
            raise ValidationError(
                f"password: at least {MIN_PASSWORD} characters",
                "password",
                code="short_password",
                min=MIN_PASSWORD,
            )
        if role not in ("clerk", "admin"):
            raise ValidationError("role: clerk or admin", "role")
        region = ALL_REGIONS if role == "admin" else region.strip()
        if not region:
            raise ValidationError("region: a clerk needs a region", "region")
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._store.connection() as conn, transaction(conn):
            self._repo.upsert(
                conn,
                natural_id("users", name),
                region,
                {
                    "username": name,
                    "role": role,
                    "password_hash": hash_password(password),
                    "active": 1,
                    "deleted": 0,
                    "created_at": now,
                    "created_by": by,
                },
            )
        return Session(name, role, region)

    def create_admin(self, password: str) -> Session:
        """First run: the admin account."""
        return self.add_user("admin", password, "admin", ALL_REGIONS)

    def seed_demo(self) -> list[str]:
        """Create the seed's demo users (ankara1 … izmir1, admin) with the demo password."""
        made = []
        for name, region in DEMO_USERS:
            self.add_user(name, DEMO_PASSWORD, "clerk", region, by="demo")
            made.append(name)
        self.add_user("admin", DEMO_PASSWORD, "admin", ALL_REGIONS, by="demo")
        return [*made, "admin"]
