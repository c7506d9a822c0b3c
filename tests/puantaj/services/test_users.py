import pytest

from puantaj.errors import PermissionDenied, ValidationError


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
