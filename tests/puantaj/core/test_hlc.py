import pytest

from puantaj.core.hlc import MAX_COUNTER, HybridClock, Stamp, advance
from puantaj.errors import ValidationError


def test_wire_form_round_trips_and_compares_as_triple():
    stamp = Stamp(1_700_000_000_123, 7, "site-a")
    assert str(stamp) == "1700000000123:00007:site-a"
    assert Stamp.parse(str(stamp)) == stamp
    assert Stamp(5, 0, "b") < Stamp(5, 1, "a") < Stamp(6, 0, "a")


@pytest.mark.parametrize(
    "bad", ["", "12:3:x", "1700000000123:00007:", None, 5, "1700000000123:00007:a b"]
)
def test_malformed_stamps_name_the_field(bad):
    with pytest.raises(ValidationError) as err:
        Stamp.parse(bad, "hlc")
    assert err.value.field == "hlc"


def test_tick_is_monotonic_when_the_physical_clock_stalls_or_goes_back():
    now = [1000]
    clock = HybridClock("s", lambda: now[0])
    a = clock.tick()
    b = clock.tick()
    now[0] = 900  # the PC clock jumps back
    c = clock.tick()
    assert a < b < c
    assert (b.ms, b.counter) == (1000, 1)
    assert c.ms == 1000


def test_observe_moves_past_remote_stamps_and_offset_corrects_physical_time():
    clock = HybridClock("s", lambda: 1000, offset_ms=500)
    assert clock.tick().ms == 1500
    clock.observe(Stamp(9000, 3, "other"))
    after = clock.tick()
    assert after > Stamp(9000, 3, "other")
    assert after.site == "s"


def test_counter_overflow_bumps_milliseconds_keeping_fixed_width():
    nxt = advance(Stamp(10, MAX_COUNTER, "s"), 5, "s")
    assert nxt == Stamp(11, 0, "s")
    assert len(str(nxt).split(":")[1]) == 5
