"""Questions and misconceptions of the "measures and units" topic.

Covers converting metric units, times written as decimals, time differences, and
units of area and volume.
"""

from __future__ import annotations

from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ask, dec, units


_CONVERSIONS = (("km", "m", 1000), ("m", "cm", 100), ("cm", "mm", 10), ("kg", "g", 1000), ("litres", "ml", 1000))


def _convert(p: Params, factor: int) -> str:
    return units(p.v * factor if p.down else p.v / factor, p.target)


@family(
    "measures and units",
    ("Divides instead of multiplying when converting to a smaller unit, or the other way round",
     lambda p: _convert(p, Fraction(1, p.factor))),
    ("Uses 100 as the number of metres in a kilometre",
     lambda p: _convert(p, 100) if p.pair == ("km", "m") else None),
    ("Uses 10 as the number of centimetres in a metre",
     lambda p: _convert(p, 10) if p.pair == ("m", "cm") else None),
    ("Uses 100 as the number of grams in a kilogram",
     lambda p: _convert(p, 100) if p.pair == ("kg", "g") else None),
)
def _unit_conversion(rng):
    big, small, factor = rng.choice(_CONVERSIONS)
    down = rng.random() < 0.5
    v = Fraction(rng.randint(1, 999), rng.choice((1, 10, 100))) if down else Fraction(rng.randint(1, 9999))
    source, target = (big, small) if down else (small, big)
    text = ask(rng, (
        "convert {v} {source} into {target}.",
        "how many {target} are there in {v} {source}?",
        "{name} measures {v} {source}. write this measurement in {target}.",
    ), v=dec(v), source=source, target=target)
    return Question(text, units(v * factor if down else v / factor, target),
                    Params(v=v, down=down, target=target, factor=factor, pair=(big, small)))


def _duration(hours: int, minutes: int) -> str:
    return f"{hours} hour{'s' if hours != 1 else ''} {minutes} minutes"


@family(
    "measures and units",
    ("Treats an hour as if it had 100 minutes",
     lambda p: _duration(p.h, int(p.q * 100)) if p.to_minutes else f"{dec(p.h + Fraction(p.m, 100))} hours"),
)
def _time_decimals(rng):
    h = rng.randint(1, 9)
    tenths = tuple(Fraction(k, 10) for k in range(1, 10))
    q = rng.choice(tenths if rng.random() < 0.6 else (Fraction(1, 4), Fraction(3, 4)))
    to_minutes, m = rng.random() < 0.5, int(q * 60)
    if to_minutes:
        text = ask(rng, ("write {x} hours in hours and minutes.",
                          "{name} spends {x} hours on a train. how long is that in hours and minutes?"), x=dec(h + q))
        correct = _duration(h, m)
    else:
        text = ask(rng, ("write {d} as a decimal number of hours.",
                          "{name} worked for {d}. how many hours is that as a decimal?"), d=_duration(h, m))
        correct = f"{dec(h + q)} hours"
    return Question(text, correct, Params(h=h, q=q, m=m, to_minutes=to_minutes))


@family(
    "measures and units",
    ("Subtracts times as if they were decimal numbers",
     lambda p: _duration(p.naive // 100, p.naive % 100)),
)
def _time_difference(rng):
    start_h, start_m = rng.randint(7, 15), rng.randint(10, 55)
    end_h, end_m = start_h + rng.randint(1, 5), rng.randint(0, start_m - 1)
    length = (end_h * 60 + end_m) - (start_h * 60 + start_m)
    start, end = f"{start_h}:{start_m:02d}", f"{end_h}:{end_m:02d}"
    text = ask(rng, (
        "a film starts at {s} and finishes at {e}. how long is the film?",
        "{name} leaves home at {s} and arrives at {e}. how long was the journey?",
        "a train departs at {s} and arrives at {e}. how long does the trip take?",
    ), s=start, e=end)
    naive = int(end.replace(":", "")) - int(start.replace(":", ""))
    return Question(text, _duration(length // 60, length % 60), Params(naive=naive))


@family(
    "measures and units",
    ("Uses the length conversion factor when converting units of area",
     lambda p: units(p.v * 100 if p.up else p.v / 100, p.target, 2) if p.kind == "area" else None),
    ("Believes there are 100 cubic centimetres in a litre",
     lambda p: (f"{dec(p.v * 100)} cm^ {{3}}" if p.up else f"{dec(p.v / 100)} litres") if p.kind == "volume" else None),
)
def _area_volume_units(rng):
    kind, up = rng.choice(("area", "volume")), rng.random() < 0.5
    if kind == "area":
        v = Fraction(rng.randint(1, 99), rng.choice((1, 10))) if up else Fraction(100 * rng.randint(1, 999))
        source, target = ("m^ {2}", "cm") if up else ("cm^ {2}", "m")
        correct = units(v * 10_000 if up else v / 10_000, target, 2)
    else:
        v = Fraction(rng.randint(1, 99), rng.choice((1, 10))) if up else Fraction(10 * rng.randint(1, 999))
        source, target = ("litres", "cm^ {3}") if up else ("cm^ {3}", "litres")
        correct = f"{dec(v * 1000)} cm^ {{3}}" if up else f"{dec(v / 1000)} litres"
    shown_target = f"{target}^ {{2}}" if kind == "area" else target
    text = ask(rng, (
        "convert {v} {source} into {t}.",
        "how many {t} is {v} {source}?",
        "{name} needs {v} {source} written in {t}. what should they write?",
    ), v=dec(v), source=source, t=shown_target)
    return Question(text, correct, Params(kind=kind, up=up, v=v, target=target))
