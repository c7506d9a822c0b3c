"""Connecting a PC to its server: a URL and token are tested first and saved
only when they work (a failed one never replaces working settings); the first
sync then brings the region's accounts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from puantaj.config import save_settings
from puantaj.errors import PuantajError
from puantaj.store import changelog
from puantaj.sync.client import SyncClient
from puantaj.sync.engine import SyncEngine
from puantaj.sync.probe import ProbeResult, probe


@dataclass
class Connected:
    """How connecting went: the test's steps, the token's scope ('' if it
    failed), whether this PC holds accounts after the first sync."""

    probe: ProbeResult
    bad_settings: bool = False  # a URL that may not be used (not https, …)
    scope: str = ""
    has_users: bool = False
    sync_state: str = ""
    messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.probe.ok

    @property
    def token_refused(self) -> bool:
        return any(s.key == "refused" and not s.ok for s in self.probe.steps)


def connect(
    services, url: str, token: str, engine_factory: Callable[[], SyncEngine] | None
) -> Connected:
    """Test `url` with `token`; if they work, keep them (settings file and
    keyring) and, given an engine factory, run one sync. Never raises for
    network, server or token trouble (the probe says what went wrong)."""
    settings = services.settings
    url, token = url.strip(), token.strip()
    try:
        client = SyncClient(url, token, settings.timeout_s, settings.allow_http)
    except PuantajError as exc:
        return Connected(ProbeResult.unreachable(exc), bad_settings=True)
    try:
        with services.store.connection() as conn:
            site = changelog.site_id(conn)
        result = probe(client, site)
    finally:
        client.close()
    done = Connected(result, scope=result.scope if result.ok else "")
    if not result.ok:
        return done
    services.settings = save_settings(settings, sync_url=url)
    services.tokens.set(token)
    if engine_factory is not None:
        report = engine_factory().run(verify=False)
        done.sync_state = report.state
        done.messages.append(report.message)
    done.has_users = services.users.has_users()
    return done
