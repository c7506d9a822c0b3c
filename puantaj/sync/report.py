"""How a sync run ended, as the status bar, the CLI and the settings show it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass
class SyncReport:
    """How a run ended: state is ok, offline, token_rejected or error."""

    state: str = "ok"
    message: str = ""  # English, for logs and the command line
    code: str = ""  # words the message in the user's language ("err.<code>")
    values: dict = field(default_factory=dict)
    pushed: int = 0
    pulled: int = 0
    refused: int = 0
    pending: int = 0
    scope: str = ""
    clock_offset_ms: int = 0
    divergence: str = ""  # the comparison with the server, when one was made
    bytes_sent: int = 0
    bytes_received: int = 0
    started_at: str = ""
    finished_at: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "ok"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SyncReport | None:
        try:
            return cls(**json.loads(text)) if text else None
        except (TypeError, ValueError):
            return None
