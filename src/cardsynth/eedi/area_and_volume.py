"""Questions and misconceptions of the "area, perimeter and volume" topic.

Covers rectangles, triangles, circles, parallelograms, trapezia and cuboids.
"""

from __future__ import annotations

import math
from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import LENGTH_UNITS, ask, dec, units


def _pi(value, unit: str, power: int = 1) -> str:
    return f"{dec(value)} \\pi {unit}" + (f"^ {{{power}}}" if power > 1 else "")


@family(
    "area, perimeter and volume",
    ("Adds the length and the width to find the area of a rectangle",
     lambda p: units(p.l + p.w, p.u, 2) if p.area else None),
    ("Confuses area with perimeter, working out the perimeter when asked for the area",
     lambda p: units(2 * (p.l + p.w), p.u, 2) if p.area else None),
    ("Adds only the two labelled sides to find the perimeter of a rectangle",
     lambda p: units(p.l + p.w, p.u) if not p.area else None),
    ("Multiplies the side lengths when asked for the perimeter",
     lambda p: units(p.l * p.w, p.u) if not p.area else None),
)
def _rectangle(rng):
    l, w = rng.sample(range(2, 26), 2)
    u, area = rng.choice(LENGTH_UNITS), rng.random() < 0.5
    what = "area" if area else "perimeter"
    text = ask(rng, (
        "! [a rectangle with length {l} {u} and width {w} {u}.] () what is the {what} of the rectangle?",
        "a rectangular {thing} is {l} {u} long and {w} {u} wide. what is its {what}?",
        "{name} draws a rectangle measuring {l} {u} by {w} {u}. work out its {what}.",
    ), l=l, w=w, u=u, what=what, thing=rng.choice(("rug", "garden", "photo", "field", "poster", "table")))
    correct = units(l * w, u, 2) if area else units(2 * (l + w), u)
    return Question(text, correct, Params(l=l, w=w, u=u, area=area))


@family(
    "area, perimeter and volume",
    ("Forgets to halve when working out the area of a triangle",
     lambda p: units(p.b * p.h, p.u, 2)),
    ("Uses the sloping side instead of the perpendicular height for the area of a triangle",
     lambda p: units(Fraction(p.b * p.s, 2), p.u, 2)),
)
def _triangle_area(rng):
    b, h, u = rng.randint(2, 20), rng.randint(2, 15), rng.choice(LENGTH_UNITS)
    s = h + rng.randint(1, 6)
    text = ask(rng, (
        "! [a triangle with base {b} {u}, perpendicular height {h} {u} and a sloping side of {s} {u}.] () what is the area of the triangle?",
        "a triangle has a base of {b} {u} and a perpendicular height of {h} {u}. its sloping side is {s} {u}. find its area.",
        "{name} cuts out a triangle with base {b} {u}, height {h} {u} and slanted edge {s} {u}. what is its area?",
    ), b=b, h=h, s=s, u=u)
    return Question(text, units(Fraction(b * h, 2), u, 2), Params(b=b, h=h, s=s, u=u))


@family(
    "area, perimeter and volume",
    ("Confuses the area of a circle with its circumference",
     lambda p: _pi(2 * p.r, p.u, 2) if p.form != "circumference" else None),
    ("Puts the diameter into the area formula in place of the radius",
     lambda p: _pi((2 * p.r) ** 2, p.u, 2) if p.form == "area_d" else None),
    ("Uses the area formula when asked for the circumference of a circle",
     lambda p: _pi(p.r**2, p.u) if p.form == "circumference" else None),
)
def _circle(rng):
    r, u = rng.randint(2, 25), rng.choice(LENGTH_UNITS)
    form = rng.choice(("area_r", "area_d", "circumference"))
    measure = f"a diameter of {2 * r}" if form == "area_d" else f"a radius of {r}"
    what = "circumference" if form == "circumference" else "area"
    text = ask(rng, (
        "a circular {thing} has {measure} {u}. what is its {what}? give your answer in terms of \\pi.",
        "{name} draws a circle with {measure} {u}. find its {what}, leaving your answer in terms of \\pi.",
        "! [a circle with {measure} {u} marked.] () work out the {what} in terms of \\pi.",
    ), measure=measure, u=u, what=what, thing=rng.choice(("rug", "plate", "pond", "clock face", "table", "badge")))
    correct = _pi(2 * r, u) if form == "circumference" else _pi(r * r, u, 2)
    return Question(text, correct, Params(r=r, u=u, form=form))


@family(
    "area, perimeter and volume",
    ("Multiplies the base by the slanted side to find the area of a parallelogram",
     lambda p: units(p.b * p.s, p.u, 2)),
    ("Halves base times height for a parallelogram as if it were a triangle",
     lambda p: units(Fraction(p.b * p.h, 2), p.u, 2)),
)
def _parallelogram(rng):
    b, h, u = rng.randint(3, 20), rng.randint(2, 15), rng.choice(LENGTH_UNITS)
    s = h + rng.randint(1, 6)
    text = ask(rng, (
        "! [a parallelogram with base {b} {u}, slanted side {s} {u} and perpendicular height {h} {u}.] () what is its area?",
        "a parallelogram has a base of {b} {u}, a perpendicular height of {h} {u} and slanted sides of {s} {u}. find its area.",
        "{name} draws a parallelogram: base {b} {u}, sloping side {s} {u}, height {h} {u}. what is the area?",
    ), b=b, h=h, s=s, u=u)
    return Question(text, units(b * h, u, 2), Params(b=b, h=h, s=s, u=u))


@family(
    "area, perimeter and volume",
    ("Leaves out the halving step of the trapezium area formula",
     lambda p: units((p.a + p.b) * p.h, p.u, 2)),
    ("Multiplies the parallel sides together instead of adding them for a trapezium",
     lambda p: units(Fraction(p.a * p.b * p.h, 2), p.u, 2)),
)
def _trapezium(rng):
    a, b = sorted(rng.sample(range(2, 21), 2))
    h, u = rng.randint(2, 12), rng.choice(LENGTH_UNITS)
    text = ask(rng, (
        "! [a trapezium with parallel sides {a} {u} and {b} {u} and perpendicular height {h} {u}.] () what is its area?",
        "a trapezium has parallel sides of {a} {u} and {b} {u}. the distance between them is {h} {u}. find the area.",
        "{name}'s garden is a trapezium with parallel sides {a} {u} and {b} {u}, {h} {u} apart. what is its area?",
    ), a=a, b=b, h=h, u=u)
    return Question(text, units(Fraction((a + b) * h, 2), u, 2), Params(a=a, b=b, h=h, u=u))


@family(
    "area, perimeter and volume",
    ("Adds the three dimensions to find the volume of a cuboid",
     lambda p: units(sum(p.dims), p.u, 3)),
    ("Multiplies only two of the dimensions to find the volume of a cuboid",
     lambda p: units(p.dims[0] * p.dims[1], p.u, 3)),
)
def _cuboid(rng):
    dims, u = [rng.randint(2, 15) for _ in range(3)], rng.choice(LENGTH_UNITS)
    text = ask(rng, (
        "! [a cuboid measuring {l} {u} by {w} {u} by {h} {u}.] () what is its volume?",
        "a box is {l} {u} long, {w} {u} wide and {h} {u} tall. find its volume.",
        "{name} fills a cuboid tank that is {l} {u} by {w} {u} by {h} {u}. what is the volume of the tank?",
    ), l=dims[0], w=dims[1], h=dims[2], u=u)
    return Question(text, units(math.prod(dims), u, 3), Params(dims=dims, u=u))
