"""The import screen's state without a window: columns, dry runs, apply, undo."""

from __future__ import annotations

import pytest

from puantaj.ui.presenters.importing import IGNORED, ImportPresenter, Target


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "ofis.csv"
    path.write_text(
        "Sicil;Çalışan;Giriş;1;2\n0077;Şükrü Güneş;01.11.2026;X;R\n",
        encoding="utf-8-sig",
    )
    return path


def test_columns_move_and_a_dry_run_for_old_columns_is_not_kept(
    services, ankara, sheet
):
    p = ImportPresenter(services.importer, ankara)
    first = p.open(sheet, Target("Ankara", 2026, 11))
    assert p.mapping == {0: "sicil", 3: "day:1", 4: "day:2"}
    assert first.lines[0].action == "refused" and not p.can_apply
    assert p.fields()[:2] == [IGNORED, "sicil"] and p.fields()[-1] == "day:30"
    p.assign(1, "name")
    p.assign(2, "hire")
    assert p.plan is None  # the dry run shown no longer matches
    old_columns = dict(p.mapping)
    stale = p.preview(old_columns)
    p.assign(4, "day:1")  # changed while that dry run ran: day 1 moves to E
    assert p.mapping == {0: "sicil", 1: "name", 2: "hire", 4: "day:1"}
    assert not p.accept(stale) and p.plan is None
    fresh = p.preview(dict(p.mapping))
    assert p.accept(fresh) and p.can_apply
    assert [e.text for e in fresh.lines[0].edits] == ["R"]  # column E as day 1
    result = p.apply()
    assert len(result.created) == 1 and p.plan is None
    target, changed = p.undo()
    assert (target.region, changed) == ("Ankara", 0) and p.last is None
    assert services.records["employees"].list(ankara) == []


def test_every_column_ignored_is_the_clerks_choice_not_a_guess(services, ankara, sheet):
    p = ImportPresenter(services.importer, ankara)
    p.open(sheet, Target("Ankara", 2026, 11))
    for column in list(p.mapping):
        p.assign(column, IGNORED)
    plan = p.preview(dict(p.mapping))
    assert plan.mapping == {} and plan.lines == [] and p.accept(plan)
