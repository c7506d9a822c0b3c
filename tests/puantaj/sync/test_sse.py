"""Reading a server-sent event stream."""

from __future__ import annotations

from puantaj.sync.sse import ServerEvent, parse


def test_events_comments_and_broken_data():
    lines = [
        "retry: 5000",
        "event: hello",
        'data: {"scope": "İzmir"}',
        "",
        ": keep-alive",
        "",
        "event: rows",
        "data: not json",
        "",
        "event: rows",
        'data: {"origin": "pc-1"}',
        "",
        "event: sites",
        "data: [1]",  # not an object
        "",
    ]
    assert list(parse(lines)) == [
        ServerEvent("hello", {"scope": "İzmir"}),
        ServerEvent("rows", {"origin": "pc-1"}),
    ]


def test_data_over_several_lines_is_one_value():
    lines = ["event: rows", 'data: {"origin":', 'data: "pc-2"}', ""]
    assert list(parse(lines)) == [ServerEvent("rows", {"origin": "pc-2"})]
