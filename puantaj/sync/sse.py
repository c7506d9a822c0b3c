"""Reading a server-sent event stream: lines in, (event, JSON data) records out."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ServerEvent:
    """One event from GET /events: kind hello | rows | sites | bye, and its data."""

    kind: str
    data: dict = field(default_factory=dict)


def parse(lines: Iterable[str]) -> Iterator[ServerEvent]:
    """Events from the stream's lines (without their line ends); comments such as
    keep-alives and events whose data is not a JSON object are passed over."""
    kind, data = "message", list[str]()
    for line in lines:
        if not line:
            if data:
                event = _event(kind, "\n".join(data))
                if event is not None:
                    yield event
            kind, data = "message", []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "event":
            kind = value
        elif name == "data":
            data.append(value)


def _event(kind: str, text: str) -> ServerEvent | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return ServerEvent(kind, data) if isinstance(data, dict) else None
