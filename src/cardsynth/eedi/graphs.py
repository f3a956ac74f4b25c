"""Questions and misconceptions of the "graphs and coordinates" topic.

Covers reading coordinates, equations of straight lines, gradients between two
points, midpoints, and vertical and horizontal lines.
"""

from __future__ import annotations

from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ask, fv, poly, pt


@family(
    "graphs and coordinates",
    ("Writes the y-coordinate before the x-coordinate",
     lambda p: pt(p.y, p.x)),
    ("Ignores direction and gives positive coordinates for points left of or below the origin",
     lambda p: pt(abs(p.x), abs(p.y))),
)
def _read_coordinates(rng):
    x, y = rng.choice((1, -1)) * rng.randint(1, 9), rng.choice((1, -1)) * rng.randint(1, 9)
    while abs(x) == abs(y):
        y = rng.choice((1, -1)) * rng.randint(1, 9)
    fields = dict(point=rng.choice("abcdefgh"), h=abs(x), v=abs(y),
                  across="right" if x > 0 else "left", up="up" if y > 0 else "down")
    text = ask(rng, (
        "! [a coordinate grid. point {point} is {h} squares {across} of the origin and {v} squares {up}.] () what are the coordinates of {point}?",
        "{name} plots point {point} by moving {h} {across} and {v} {up} from (0,0). what are the coordinates of {point}?",
    ), **fields)
    return Question(text, pt(x, y), Params(x=x, y=y))


@family(
    "graphs and coordinates",
    ("Reads the constant term as the gradient of a straight line",
     lambda p: str(p.c) if p.form in ("gradient", "reversed") else None),
    ("Reads the coefficient of x as the y-intercept",
     lambda p: str(p.m) if p.form == "intercept" else None),
    ("Reads off the gradient without first dividing by the number in front of y",
     lambda p: str(p.k * p.m) if p.form == "scaled" else None),
)
def _line_equation(rng):
    form = rng.choice(("gradient", "reversed", "intercept", "scaled"))
    m, c, k = rng.choice((1, -1)) * rng.randint(1, 6), rng.choice((1, -1)) * rng.randint(1, 9), rng.randint(2, 5)
    while m == c:
        c = rng.choice((1, -1)) * rng.randint(1, 9)
    equation = {
        "gradient": f"y={poly((m, 'x'), (c, ''))}",
        "reversed": f"y={poly((c, ''), (m, 'x'))}",
        "intercept": f"y={poly((m, 'x'), (c, ''))}",
        "scaled": f"{k} y={poly((k * m, 'x'), (k * c, ''))}",
    }[form]
    if form == "intercept":
        templates = ("where does the line $ {e} $ cross the y-axis? give the y-value.",
                     "what is the y-intercept of $ {e} $ ?",
                     "{name} draws the graph of {e}. at what value of y does it cross the y-axis?")
    else:
        templates = ("what is the gradient of the line $ {e} $ ?",
                     "the line $ {e} $ is drawn on a graph. what is its gradient?",
                     "{name} wants the gradient of {e}. what is it?")
    text = ask(rng, templates, e=equation)
    return Question(text, str(c if form == "intercept" else m), Params(form=form, m=m, c=c, k=k))


@family(
    "graphs and coordinates",
    ("Divides the change in x by the change in y to find a gradient",
     lambda p: fv(1 / p.m)),
    ("Subtracts the coordinates in a different order on the top and bottom of the gradient calculation",
     lambda p: fv(-p.m)),
)
def _gradient_from_points(rng):
    x1, y1 = rng.randint(-6, 6), rng.randint(-6, 6)
    dx, dy = rng.randint(1, 6), rng.choice((1, -1)) * rng.randint(1, 12)
    while abs(Fraction(dy, dx)) == 1:
        dy = rng.choice((1, -1)) * rng.randint(1, 12)
    text = ask(rng, (
        "a line passes through {p} and {q}. what is its gradient?",
        "find the gradient of the straight line joining {p} and {q}.",
        "{name} draws a straight line through the points {p} and {q}. what is the gradient?",
    ), p=pt(x1, y1), q=pt(x1 + dx, y1 + dy))
    return Question(text, fv(Fraction(dy, dx)), Params(m=Fraction(dy, dx)))


@family(
    "graphs and coordinates",
    ("Halves the difference between the coordinates instead of finding their mean for a midpoint",
     lambda p: pt(Fraction(p.x2 - p.x1, 2), Fraction(p.y2 - p.y1, 2))),
    ("Adds the coordinates but forgets to halve when finding a midpoint",
     lambda p: pt(p.x1 + p.x2, p.y1 + p.y2)),
)
def _midpoint(rng):
    x1, y1 = rng.randint(-10, 10), rng.randint(-10, 10)
    x2, y2 = x1 + 2 * rng.randint(1, 6), y1 + 2 * rng.randint(-6, 6)
    if rng.random() < 0.5:
        x1, y1, x2, y2 = x2, y2, x1, y1
    text = ask(rng, (
        "what is the midpoint of {p} and {q}?",
        "find the coordinates of the midpoint of the line segment from {p} to {q}.",
        "{name} marks the point halfway between {p} and {q}. what are its coordinates?",
    ), p=pt(x1, y1), q=pt(x2, y2))
    return Question(text, pt(Fraction(x1 + x2, 2), Fraction(y1 + y2, 2)), Params(x1=x1, y1=y1, x2=x2, y2=y2))


@family(
    "graphs and coordinates",
    ("Writes x = k for a horizontal line and y = k for a vertical one",
     lambda p: f"{'y' if p.vertical else 'x'}={p.k}"),
)
def _vertical_horizontal_line(rng):
    vertical, k = rng.random() < 0.5, rng.choice((1, -1)) * rng.randint(1, 9)
    a, b = rng.sample(range(-9, 10), 2)
    p, q = (pt(k, a), pt(k, b)) if vertical else (pt(a, k), pt(b, k))
    axis = "y" if vertical else "x"
    text = ask(rng, (
        "a straight line passes through {p} and {q}. what is its equation?",
        "what is the equation of the line parallel to the {axis}-axis that goes through {p}?",
        "{name} joins {p} and {q} with a straight line. write down the equation of the line.",
    ), p=p, q=q, axis=axis)
    return Question(text, f"{'x' if vertical else 'y'}={k}", Params(vertical=vertical, k=k))
