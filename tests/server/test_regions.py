"""Issue 12: regions are a registered list; the server's command line says what
it did without Alembic's chatter and never traces back."""

from __future__ import annotations

from tests import servers


def test_regions_are_registered_once_whatever_the_case(tmp_path):
    env = servers.sqlite_env(tmp_path)
    assert env.cli("migrate").stderr.count("alembic") == 0  # no INFO lines
    assert env.token("Ankara") and env.token("İzmir")
    again = env.cli("add-region", "Ankara")  # another token, the same region
    assert again.returncode == 0
    for other in ("ankara", "ANKARA", "izmir", "İZMİR"):
        refused = env.cli("add-region", other, check=False)
        assert refused.returncode == 2, other
        assert "exists already" in refused.stderr and "Traceback" not in refused.stderr
    phantom = env.cli("lock", "Narnia", "2026-12", check=False)
    assert phantom.returncode == 2 and "unknown region" in phantom.stderr
    bad = env.cli("lock", "Ankara", "2026-13", check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert '"locked"' in env.cli("lock", "Ankara", "2026-12").stdout
    none = env.cli("conflicts")
    assert none.stdout.strip() == "no conflicts kept"
    listed = env.cli("list-tokens").stdout
    assert "Narnia" not in listed and "ankara" not in listed
