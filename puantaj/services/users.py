"""Users: login with lockout, the first user, and the admin's account management.

Accounts live in the synced `users` table, so an account made at HQ logs in on
its region's PCs after their next sync; a clerk's PC pulls only its region's
accounts (an admin's account, region '*', stays on the server and admin PCs).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
LOCK_AFTER = 5  # failed logins in a row before the account is locked on this PC
LOCK_FOR = dt.timedelta(minutes=5)  # doubled for each further failure, to an hour
LOCK_MAX = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Account:
    """One user as the admin's list shows it (never the password hash)."""

    username: str
    full_name: str
    role: str
    region: str
    active: bool
    last_login_at: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _name(username: str) -> str:
    name = turkish.lower(username.strip())
    if not name or not name.replace(".", "").replace("_", "").isalnum():
        raise ValidationError(
            "username: letters and digits only", "username", code="bad_username"
        )
    return name


def _check_password(name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            f"password: at least {MIN_PASSWORD} characters",
            "password",
            code="short_password",
            min=MIN_PASSWORD,
        )
    if turkish.lower(password) == name:
        raise ValidationError(
            "password: must not be the username", "password", code="weak_password"
        )


class UserService:
    """Accounts, passwords hashed with argon2id; lockouts kept on this PC."""

    def __init__(self, store: Store, now=_now) -> None:
        self._store = store
        self._repo = TableRepo("users")
        self._now = now

    def has_users(self) -> bool:
        with self._store.connection() as conn:
            return bool(self._repo.select(conn, None))

    def login(self, username: str, password: str) -> Session:
        """Raises PermissionDenied: wrong name or password (code login), or the
        account locked after repeated failures (code locked_account, with when
        it opens again)."""
        name = turkish.lower(username.strip())
        now = self._now()
        with self._store.connection() as conn:
            locked = self._locked_until(conn, name)
            if locked and locked > now:
                raise _locked(locked)
            rows = self._repo.select(conn, None, {"username": name})
            row = rows[0] if rows else None
            good = (
                row is not None
                and row["active"]
                and not row["deleted"]
                and verify_password(row["password_hash"], password)
            )
            with transaction(conn):
                if not good or row is None:
                    until = self._failed(conn, name, now)
                else:
                    conn.execute(
                        "DELETE FROM _login_failures WHERE username = ?", (name,)
                    )
                    self._repo.update(
                        conn,
                        row["id"],
                        {"last_login_at": now.isoformat(timespec="seconds")},
                    )
        if not good or row is None:
            if until:
                raise _locked(until)
            raise PermissionDenied("wrong username or password", code="login")
        return Session(row["username"], row["role"], row["region"])

    def _locked_until(self, conn, name: str) -> dt.datetime | None:
        row = conn.execute(
            "SELECT locked_until FROM _login_failures WHERE username = ?", (name,)
        ).fetchone()
        return dt.datetime.fromisoformat(row[0]) if row and row[0] else None

    def _failed(self, conn, name: str, now: dt.datetime) -> dt.datetime | None:
        """Count a failure; lock the name once they reach LOCK_AFTER."""
        conn.execute(
            "INSERT INTO _login_failures (username, failures) VALUES (?, 1)"
            " ON CONFLICT (username) DO UPDATE SET failures = failures + 1",
            (name,),
        )
        (failures,) = conn.execute(
            "SELECT failures FROM _login_failures WHERE username = ?", (name,)
        ).fetchone()
        if failures < LOCK_AFTER:
            return None
        until = now + min(LOCK_FOR * 2 ** (failures - LOCK_AFTER), LOCK_MAX)
        conn.execute(
            "UPDATE _login_failures SET locked_until = ? WHERE username = ?",
            (until.isoformat(), name),
        )
        return until

    def add_user(
        self,
        username: str,
        password: str,
        role: str,
        region: str,
        by: str = "system",
        full_name: str = "",
    ) -> Session:
        name = _name(username)
        _check_password(name, password)
        if role not in ("clerk", "admin"):
            raise ValidationError("role: clerk or admin", "role", code="bad_role")
        region = ALL_REGIONS if role == "admin" else region.strip()
        if not region or region == ALL_REGIONS and role != "admin":
            raise ValidationError(
                "region: a clerk needs a region", "region", code="clerk_region"
            )
        now = self._now().isoformat(timespec="seconds")
        with self._store.connection() as conn, transaction(conn):
            self._repo.upsert(
                conn,
                natural_id("users", name),
                region,
                {
                    "username": name,
                    "full_name": full_name.strip() or None,
                    "role": role,
                    "password_hash": hash_password(password),
                    "active": 1,
                    "deleted": 0,
                    "created_at": now,
                    "created_by": by,
                },
            )
        return Session(name, role, region)

    def first_user(self, username: str, password: str, scope: str) -> Session:
        """The first account on this PC follows the sync token's scope: an admin
        token makes an admin, a region token a clerk of that region."""
        if self.has_users():
            raise PermissionDenied(
                "this PC has accounts already: log in", code="has_accounts"
            )
        if not scope:
            raise ValidationError(
                "connect to the server first: the token decides the role",
                "token",
                code="no_scope",
            )
        role = "admin" if scope == ALL_REGIONS else "clerk"
        return self.add_user(username, password, role, scope, by="first-run")

    def create_admin(self, password: str) -> Session:
        """An admin account named admin (the CLI's `user add --admin`)."""
        return self.add_user("admin", password, "admin", ALL_REGIONS)

    def accounts(self, session: Session) -> list[Account]:
        """Every account this PC holds (an admin's view)."""
        _admin(session)
        with self._store.connection() as conn:
            rows = self._repo.select(conn, None, include_deleted=True)
        out = [
            Account(
                r["username"],
                r["full_name"] or "",
                r["role"],
                r["region"],
                bool(r["active"]) and not r["deleted"],
                r["last_login_at"] or "",
            )
            for r in rows
        ]
        return sorted(out, key=lambda a: turkish.sort_key(a.username))

    def set_password(
        self, session: Session, username: str, new: str, old: str | None = None
    ) -> None:
        """A user changes their own password (giving the old one); an admin resets
        anyone's."""
        name = turkish.lower(username.strip())
        own = name == session.username
        if not own:
            _admin(session)
        _check_password(name, new)
        with self._store.connection() as conn, transaction(conn):
            row = self._row(conn, name)
            must_know_old = own and (not session.is_admin or old is not None)
            if must_know_old and not verify_password(row["password_hash"], old or ""):
                raise PermissionDenied(
                    "the current password is wrong", code="old_password"
                )
            self._repo.update(
                conn, row["id"], {"password_hash": hash_password(new), **_by(session)}
            )
            conn.execute("DELETE FROM _login_failures WHERE username = ?", (name,))

    def set_active(self, session: Session, username: str, active: bool) -> None:
        """Deactivate (or reactivate) an account; an admin cannot lock themself out."""
        _admin(session)
        name = turkish.lower(username.strip())
        if name == session.username and not active:
            raise ValidationError(
                "you cannot deactivate yourself", "username", code="deactivate_self"
            )
        with self._store.connection() as conn, transaction(conn):
            row = self._row(conn, name)
            self._repo.update(conn, row["id"], {"active": int(active), **_by(session)})

    def update(
        self, session: Session, username: str, full_name: str, role: str, region: str
    ) -> None:
        """Change an account's name, role and region (the region of a clerk)."""
        _admin(session)
        if role not in ("clerk", "admin"):
            raise ValidationError("role: clerk or admin", "role", code="bad_role")
        name = turkish.lower(username.strip())
        region = ALL_REGIONS if role == "admin" else region.strip()
        with self._store.connection() as conn, transaction(conn):
            row = self._row(conn, name)
            if region != row["region"]:
                # a row's region is fixed (DESIGN.md §2): the account moves by
                # being made again in its new region under its natural id
                raise ValidationError(
                    "region: make a new account for the other region",
                    "region",
                    code="region_fixed",
                )
            self._repo.update(
                conn,
                row["id"],
                {"full_name": full_name.strip() or None, "role": role, **_by(session)},
            )

    def _row(self, conn, name: str) -> dict:
        rows = self._repo.select(conn, None, {"username": name}, include_deleted=True)
        if not rows:
            raise ValidationError(f"no user {name!r}", "username", code="no_user")
        return rows[0]

    def seed_demo(self) -> list[str]:
        """Create the seed's demo users (ankara1 … izmir1, admin) with the demo password."""
        made = []
        for name, region in DEMO_USERS:
            self.add_user(name, DEMO_PASSWORD, "clerk", region, by="demo")
            made.append(name)
        self.add_user("admin", DEMO_PASSWORD, "admin", ALL_REGIONS, by="demo")
        return [*made, "admin"]


def _admin(session: Session) -> None:
    if not session.is_admin:
        raise PermissionDenied("only an admin manages accounts", code="admin_only")


def _by(session: Session) -> dict[str, str]:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return {"updated_at": now, "updated_by": session.username}


def _locked(until: dt.datetime) -> PermissionDenied:
    return PermissionDenied(
        f"too many wrong passwords: the account opens again at {until.isoformat()}",
        code="locked_account",
        until=until.astimezone().strftime("%H:%M"),
    )
