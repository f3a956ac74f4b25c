"""Questions and misconceptions of the "angles" topic.

Covers angles on a straight line, in a triangle, around a point and in polygons;
vertically opposite, isosceles and parallel-line angles; reading a protractor.
"""

from __future__ import annotations

from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import LETTERS, ask, deg


@family(
    "angles",
    ("Uses 360 degrees as the total of the angles on a straight line",
     lambda p: deg(360 - p.a - p.b)),
    ("Takes only one of the given angles away from 180 degrees",
     lambda p: deg(180 - p.a)),
)
def _straight_line_angles(rng):
    a, b = rng.randint(15, 140), rng.randint(15, 140)
    while a + b > 165:
        a, b = rng.randint(15, 140), rng.randint(15, 140)
    text = ask(rng, (
        "! [a straight line with three angles on one side. two are {a} and {b}, the third is labelled {l}.] () what is the size of angle {l}?",
        "angles of {a}, {b} and {l} lie together on a straight line. work out {l}.",
        "{name} measures two of the three angles on a straight line as {a} and {b}. what is the third angle?",
    ), a=deg(a), b=deg(b), l=rng.choice(LETTERS))
    return Question(text, deg(180 - a - b), Params(a=a, b=b))


@family(
    "angles",
    ("Uses 360 degrees as the total of the angles inside a triangle",
     lambda p: deg(360 - p.a - p.b)),
    ("Adds the two given angles of a triangle instead of taking them away from 180 degrees",
     lambda p: deg(p.a + p.b)),
)
def _triangle_angles(rng):
    a, b = rng.randint(20, 130), rng.randint(20, 130)
    while a + b > 160:
        a, b = rng.randint(20, 130), rng.randint(20, 130)
    text = ask(rng, (
        "a triangle has angles of {a} and {b}. what is the third angle?",
        "! [a triangle with two angles marked {a} and {b} and the third labelled {l}.] () find {l}.",
        "{name} draws a triangle with angles {a}, {b} and {l}. what is {l}?",
    ), a=deg(a), b=deg(b), l=rng.choice(LETTERS))
    return Question(text, deg(180 - a - b), Params(a=a, b=b))


@family(
    "angles",
    ("Uses 180 degrees as the total of the angles around a point",
     lambda p: deg(180 - p.total)),
)
def _angles_around_point(rng):
    angles = [rng.randint(20, 80) for _ in range(3)]
    while sum(angles) > 170:
        angles = [rng.randint(20, 80) for _ in range(3)]
    a, b, c = (deg(x) for x in angles)
    text = ask(rng, (
        "four angles meet at a point. three of them are {a}, {b} and {c}. what is the fourth angle?",
        "! [four angles around a point: {a}, {b}, {c} and {l}.] () what is the size of {l}?",
        "{name} cuts a round cake into four slices. three slices have angles {a}, {b} and {c} at the centre. what is the angle of the last slice?",
    ), a=a, b=b, c=c, l=rng.choice(LETTERS))
    return Question(text, deg(360 - sum(angles)), Params(total=sum(angles)))


_POLYGONS = {5: "pentagon", 6: "hexagon", 7: "heptagon", 8: "octagon", 9: "nonagon", 10: "decagon",
             11: "hendecagon", 12: "dodecagon"}
_SHAPED_THINGS = ("tile", "badge", "coaster", "window", "table top", "coin", "sign", "logo", "plate", "garden bed")


@family(
    "angles",
    ("Uses 360 degrees as the interior angle total for polygons with more than four sides",
     lambda p: deg(360) if p.form == "sum" else None),
    ("Multiplies the number of sides by 180 to find the sum of the interior angles",
     lambda p: deg(180 * p.n) if p.form == "sum" else None),
    ("Gives the exterior angle when asked for an interior angle of a regular polygon",
     lambda p: deg(Fraction(360, p.n)) if p.form == "interior" else None),
    ("Divides 180 by the number of sides to find an exterior angle of a regular polygon",
     lambda p: deg(Fraction(180, p.n)) if p.form == "exterior" else None),
)
def _polygon_angles(rng):
    form = rng.choice(("sum", "interior", "exterior"))
    n = rng.choice(tuple(_POLYGONS) if form == "sum" else (5, 6, 8, 9, 10, 12))
    fields = dict(poly=_POLYGONS[n], n=n, thing=rng.choice(_SHAPED_THINGS))
    if form == "sum":
        templates = ("{name}'s {thing} is shaped like a {poly}. what do its interior angles add up to?",
                     "{name} draws a {poly} for a {thing} design. what is the sum of its interior angles?",
                     "a {thing} has {n} straight sides. {name} wants the total of its interior angles. what is it?")
        correct = deg(180 * (n - 2))
    else:
        templates = ("{name}'s {thing} is a regular {poly}. what is the size of each {kind} angle?",
                     "{name} designs a {thing} in the shape of a regular {poly}. work out one of its {kind} angles.",
                     "a regular {thing} has {n} equal sides. {name} needs the size of one {kind} angle. what is it?")
        fields["kind"] = form
        correct = deg(180 - Fraction(360, n)) if form == "interior" else deg(Fraction(360, n))
    return Question(ask(rng, templates, **fields), correct, Params(form=form, n=n))


@family(
    "angles",
    ("Thinks vertically opposite angles make 180 degrees together instead of being equal",
     lambda p: deg(180 - p.a)),
)
def _vertically_opposite(rng):
    a = rng.randint(15, 165)
    while a == 90:
        a = rng.randint(15, 165)
    text = ask(rng, (
        "two straight lines cross. one of the angles formed is {a}. what is the angle vertically opposite it?",
        "! [two straight lines crossing at a point. one angle is {a}; the angle opposite it is labelled {l}.] () what is {l}?",
        "{name} draws two crossing straight lines and measures one angle as {a}. what is the angle directly opposite it?",
    ), a=deg(a), l=rng.choice(LETTERS))
    return Question(text, deg(a), Params(a=a))


@family(
    "angles",
    ("Subtracts the top angle of an isosceles triangle from 180 degrees but forgets to halve",
     lambda p: deg(180 - p.a) if p.apex_given else None),
    ("Assumes all the angles in an isosceles triangle are equal",
     lambda p: deg(60)),
    ("Subtracts only one base angle from 180 degrees to find the top angle of an isosceles triangle",
     lambda p: deg(180 - p.a) if not p.apex_given else None),
)
def _isosceles_angles(rng):
    apex_given = rng.random() < 0.5
    a = 2 * rng.randint(10, 80) if apex_given else rng.randint(20, 85)
    shown, l = deg(a), rng.choice(LETTERS)
    if apex_given:
        templates = ("an isosceles triangle has a top angle of {s} between its equal sides. what is each base angle?",
                     "! [an isosceles triangle. the angle between the two equal sides is {s}; a base angle is labelled {l}.] () find {l}.",
                     "{name} draws an isosceles triangle whose angle between the equal sides is {s}. what size are the other two angles?")
        correct = deg(Fraction(180 - a, 2))
    else:
        templates = ("the base angles of an isosceles triangle are each {s}. what is the third angle?",
                     "! [an isosceles triangle with both base angles marked {s}; the top angle is labelled {l}.] () find {l}.",
                     "{name} draws an isosceles triangle with two angles of {s}. what is the remaining angle?")
        correct = deg(180 - 2 * a)
    return Question(ask(rng, templates, s=shown, l=l), correct, Params(a=a, apex_given=apex_given))


@family(
    "angles",
    ("Thinks alternate angles on parallel lines make 180 degrees together instead of being equal",
     lambda p: deg(180 - p.a) if p.kind == "alternate" else None),
    ("Takes co-interior angles to be equal rather than adding to 180 degrees",
     lambda p: deg(p.a) if p.kind == "co-interior" else None),
    ("Thinks corresponding angles on parallel lines make 180 degrees together instead of being equal",
     lambda p: deg(180 - p.a) if p.kind == "corresponding" else None),
)
def _parallel_line_angles(rng):
    a, kind = rng.randint(35, 145), rng.choice(("alternate", "corresponding", "co-interior"))
    while a == 90:
        a = rng.randint(35, 145)
    text = ask(rng, (
        "! [two parallel lines crossed by a transversal. one angle is {s}; angle {l} is {kind} to it.] () what is the size of {l}?",
        "angle {l} and an angle of {s} are {kind} angles between parallel lines. find {l}.",
        "{name} spots that angle {l} is {kind} to an angle of {s} on a pair of parallel lines. work out {l}.",
    ), s=deg(a), l=rng.choice(LETTERS), kind=kind)
    return Question(text, deg(180 - a if kind == "co-interior" else a), Params(a=a, kind=kind))


@family(
    "angles",
    ("Reads from the wrong scale on a protractor",
     lambda p: deg(180 - p.a)),
)
def _protractor(rng):
    a, inner = rng.randint(10, 170), rng.random() < 0.5
    while a == 90:
        a = rng.randint(10, 170)
    zero, other = ("inner", "outer") if inner else ("outer", "inner")
    text = ask(rng, (
        "! [a protractor measuring an angle. one arm lies along zero on the {zero} scale; the other arm passes {a} on the {zero} scale and {b} on the {other} scale.] () what is the size of the angle?",
        "{name} measures an angle with a protractor. one arm is on zero of the {zero} scale and the other arm crosses the scales at {a} and {b} ({zero} first). what is the angle?",
    ), zero=zero, other=other, a=a, b=180 - a)
    return Question(text, deg(a), Params(a=a))
