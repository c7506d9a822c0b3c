import pytest

from puantaj.errors import PermissionDenied, ValidationError
from puantaj.services.session import Session


def test_demo_users_log_in_scoped_to_their_region(services):
    services.users.seed_demo()
    clerk = services.users.login("ankara1", "demo1234")
    assert (clerk.role, clerk.region) == ("clerk", "Ankara")
    izmir = services.users.login("İZMİR1", "demo1234")  # Turkish upper-case İ
    assert izmir.region == "İzmir"
    admin = services.users.login("admin", "demo1234")
    assert admin.is_admin


def test_wrong_password_and_weak_password(services):
    services.users.create_admin("correct horse")
    with pytest.raises(PermissionDenied):
        services.users.login("admin", "wrong")
    with pytest.raises(ValidationError):
        services.users.add_user("kisa", "123", "clerk", "Bursa")


def test_passwords_are_stored_as_argon2_hashes(services):
    services.users.create_admin("correct horse")
    with services.store.connection() as conn:
        stored = conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and "correct horse" not in stored


def test_the_first_user_follows_the_tokens_scope(services):
    from puantaj.errors import PuantajError

    with pytest.raises(ValidationError) as unknown:
        services.users.first_user("ayse", "parola1234", "")
    assert unknown.value.code == "no_scope"
    clerk = services.users.first_user("ayse", "parola1234", "Ankara")
    assert (clerk.role, clerk.region) == ("clerk", "Ankara")
    with pytest.raises(PuantajError):  # a second "first" user is no such thing
        services.users.first_user("root", "parola1234", "*")


def test_an_admin_token_makes_the_first_user_an_admin(tmp_path):
    from tests.conftest import make_services

    made = make_services(tmp_path / "hq")
    try:
        assert made.users.first_user("mudur", "parola1234", "*").is_admin
    finally:
        made.store.close()


def test_repeated_wrong_passwords_lock_the_account_for_a_while(services):
    import datetime as dt

    from puantaj.services.users import LOCK_AFTER, UserService

    now = [dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)]
    users = UserService(services.store, now=lambda: now[0])
    users.add_user("ayse", "parola1234", "clerk", "Ankara")
    for _ in range(LOCK_AFTER - 1):
        with pytest.raises(PermissionDenied) as wrong:
            users.login("ayse", "yanlis")
        assert wrong.value.code == "login"
    with pytest.raises(PermissionDenied) as locked:
        users.login("ayse", "yanlis")
    assert locked.value.code == "locked_account" and locked.value.values["until"]
    with pytest.raises(PermissionDenied) as still:  # even the right one waits
        users.login("ayse", "parola1234")
    assert still.value.code == "locked_account"
    now[0] += dt.timedelta(minutes=6)
    assert users.login("ayse", "parola1234").username == "ayse"
    (account,) = users.accounts(Session("admin", "admin", "*"))
    assert account.last_login_at.startswith("2026-12-02T09:06")


def test_passwords_accounts_and_deactivation(services):
    users = services.users
    admin = users.create_admin("parola1234")
    clerk = users.add_user("ayse", "parola1234", "clerk", "Ankara")
    with pytest.raises(PermissionDenied):  # a clerk gives the current password
        users.set_password(clerk, "ayse", "yeniparola1", old="yanlis")
    users.set_password(clerk, "ayse", "yeniparola1", old="parola1234")
    assert users.login("ayse", "yeniparola1").region == "Ankara"
    with pytest.raises(PermissionDenied):  # not someone else's
        users.set_password(clerk, "admin", "yeniparola1")
    with pytest.raises(ValidationError):
        users.set_password(admin, "ayse", "ayse")  # too short, and the name
    users.set_password(admin, "ayse", "sifirlandi1")  # an admin resets it
    users.set_active(admin, "ayse", False)
    with pytest.raises(PermissionDenied):
        users.login("ayse", "sifirlandi1")
    with pytest.raises(PermissionDenied):
        users.accounts(clerk)
    listed = {a.username: a.active for a in users.accounts(admin)}
    assert listed == {"admin": True, "ayse": False}
    with pytest.raises(ValidationError):
        users.set_active(admin, "admin", False)  # not yourself
