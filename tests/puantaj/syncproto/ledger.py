"""What became of each write in a model run: taken by the server, still held, or
overwritten by a newer stamp; never just gone."""

from __future__ import annotations

from puantaj.syncproto.memory import MemoryServer
from puantaj.syncproto.memory_site import LocalRow

Slot = tuple[tuple[str, str], str]  # ((table, id), column)


class Ledger:
    """Every value the server took, per column and stamp; and per site the
    writes it has not taken yet (column → stamp)."""

    def __init__(self) -> None:
        self.taken: dict[Slot, dict[str, object]] = {}
        self.untaken: list[dict[Slot, str]] = []

    def add_site(self) -> None:
        self.untaken.append({})

    def wrote(self, index: int, key: tuple[str, str], columns, stamp: str) -> None:
        for column in columns:
            self.untaken[index][(key, column)] = stamp

    def replied(self, body: dict, reply: dict) -> None:
        """A reply (whether the site saw it or not): what the server took."""
        refused = {(r["table"], r["id"]) for r in reply["rejected"]}
        for change in body["changes"]:
            key = (change["table"], change["id"])
            if key in refused:
                continue
            stamp = change["hlc"]
            for column, value in change["row"].items():
                slot = (key, column)
                self.taken.setdefault(slot, {})[stamp] = value
                for untaken in self.untaken:
                    if untaken.get(slot) == stamp:
                        del untaken[slot]

    def server_wrote(self, server: MemoryServer, key: tuple[str, str], row: dict):
        stored = server.rows[key]
        for column, value in row.items():
            self.taken.setdefault((key, column), {})[stored.stamps[column]] = value

    def renamed(self, index: int, mapping: dict[str, str]) -> None:
        untaken = self.untaken[index]
        for slot, stamp in untaken.items():
            untaken[slot] = mapping.get(stamp, stamp)

    def put_back(self, index: int, saved: dict[Slot, str]) -> None:
        """A site's file put back: its writes not taken then and not since."""
        self.untaken[index] = {
            slot: stamp
            for slot, stamp in saved.items()
            if stamp not in self.taken.get(slot, ())
        }

    def settle(self, index: int, rows: dict[tuple[str, str], LocalRow]) -> None:
        """A write not taken yet is still held, or was overwritten by a newer
        stamp (it would have lost anyway); it never just vanishes."""
        untaken = self.untaken[index]
        for slot, stamp in list(untaken.items()):
            key, column = slot
            held = rows[key].stamps.get(column) if key in rows else None
            if held == stamp:
                continue
            assert held is not None and held > stamp, (
                f"site {index}: write {slot} at {stamp} vanished (held: {held})"
            )
            del untaken[slot]

    def check(self, server: MemoryServer) -> None:
        """Every site's writes were taken; the server holds, per column, the
        newest stamp it was ever sent, with its value."""
        for index, untaken in enumerate(self.untaken):
            assert not untaken, f"site {index} never sent {untaken}"
        for (key, column), versions in self.taken.items():
            newest = max(versions)
            stored = server.rows[key]
            assert stored.stamps[column] == newest, (key, column)
            assert stored.values[column] == versions[newest], (key, column)
