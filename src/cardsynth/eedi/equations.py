"""Questions and misconceptions of the "equations and inequalities" topic.

Covers one- and two-step equations, equations with brackets or unknowns on both
sides, and solving inequalities.
"""

from __future__ import annotations

from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import LETTERS, ask, fv, poly


_SOLVE_TEMPLATES = (
    "solve $ {e} $",
    "solve the equation $ {e} $",
    "{name} solves $ {e} $ . what value of {v} should they get?",
    "find {v} if $ {e} $",
)


def _sol(v: str, value) -> str:
    return f"{v}={fv(value)}"


@family(
    "equations and inequalities",
    ("Multiplies by the coefficient instead of dividing by it when solving an equation",
     lambda p: _sol(p.v, (p.c - p.sign * p.b) * p.a)),
    ("Moves the constant to the other side without changing its operation",
     lambda p: _sol(p.v, Fraction(p.c + p.sign * p.b, p.a))),
    ("Divides only the right-hand side by the coefficient, then deals with the constant",
     lambda p: _sol(p.v, Fraction(p.c, p.a) - p.sign * p.b)),
)
def _two_step_equation(rng):
    a, b, x = rng.randint(2, 9), rng.randint(1, 20), rng.randint(-5, 12)
    sign, v = rng.choice((1, -1)), rng.choice(LETTERS)
    c = a * x + sign * b
    text = ask(rng, _SOLVE_TEMPLATES, e=f"{poly((a, v), (sign * b, ''))}={c}", v=v)
    return Question(text, _sol(v, x), Params(a=a, b=b, c=c, sign=sign, v=v))


@family(
    "equations and inequalities",
    ("Divides to undo a division when solving an equation",
     lambda p: _sol(p.v, Fraction(p.b, p.a)) if p.form == "divide" else None),
    ("Applies the same operation again instead of the inverse to get the letter on its own",
     lambda p: _sol(p.v, p.b - p.a if p.form == "subtract" else p.b + p.a) if p.form in ("subtract", "add") else None),
    ("Subtracts the coefficient instead of dividing by it",
     lambda p: _sol(p.v, p.b - p.a) if p.form == "multiply" else None),
)
def _one_step_equation(rng):
    form, v = rng.choice(("divide", "subtract", "add", "multiply")), rng.choice(LETTERS)
    a, b = rng.randint(2, 15), rng.randint(2, 40)
    if form == "multiply":
        b = a * rng.randint(2, 12)
    equation, value = {
        "divide": (f"\\frac {{{v}}} {{{a}}}={b}", a * b),
        "subtract": (f"{v}-{a}={b}", b + a),
        "add": (f"{v}+{a}={b}", b - a),
        "multiply": (f"{a} {v}={b}", b // a),
    }[form]
    text = ask(rng, _SOLVE_TEMPLATES, e=equation, v=v)
    return Question(text, _sol(v, value), Params(form=form, a=a, b=b, v=v))


_FLIP = {">": "<", "<": ">", "\\geq": "\\leq", "\\leq": "\\geq"}


@family(
    "equations and inequalities",
    ("Does not reverse the inequality sign when dividing both sides by a negative number",
     lambda p: f"{p.v} {p.sym} {p.k}" if p.negative else None),
    ("Writes the solution of an inequality with an equals sign",
     lambda p: f"{p.v}={p.k}"),
)
def _inequality(rng):
    a, k, v = rng.randint(2, 9), rng.randint(-9, 9), rng.choice(LETTERS)
    sym, negative = rng.choice(tuple(_FLIP)), rng.random() < 0.6
    if negative:
        inequality = f"-{a} {v} {sym} {-a * k}"
        correct = f"{v} {_FLIP[sym]} {k}"
    else:
        b = rng.randint(1, 15)
        inequality = f"{poly((a, v), (b, ''))} {sym} {a * k + b}"
        correct = f"{v} {sym} {k}"
    text = ask(rng, (
        "solve the inequality $ {e} $",
        "find the set of values of {v} for which $ {e} $",
        "{name} solves $ {e} $ . what should their answer be?",
    ), e=inequality, v=v)
    return Question(text, correct, Params(a=a, k=k, v=v, sym=sym, negative=negative))


@family(
    "equations and inequalities",
    ("Multiplies only the letter term when expanding the bracket in an equation",
     lambda p: _sol(p.v, Fraction(p.c - p.b, p.a))),
)
def _bracket_equation(rng):
    a, b, x, v = rng.randint(2, 9), rng.randint(1, 9), rng.randint(1, 12), rng.choice(LETTERS)
    c = a * (x + b)
    text = ask(rng, _SOLVE_TEMPLATES, e=f"{a}({v}+{b})={c}", v=v)
    return Question(text, _sol(v, x), Params(a=a, b=b, c=c, v=v))


@family(
    "equations and inequalities",
    ("Adds the letter terms from both sides instead of subtracting them",
     lambda p: _sol(p.v, Fraction(p.d - p.b, p.a + p.c))),
)
def _both_sides_equation(rng):
    c, v = rng.randint(1, 6), rng.choice(LETTERS)
    a, b, x = c + rng.randint(1, 6), rng.randint(1, 15), rng.randint(1, 10)
    d = (a - c) * x + b
    text = ask(rng, _SOLVE_TEMPLATES, e=f"{poly((a, v), (b, ''))}={poly((c, v), (d, ''))}", v=v)
    return Question(text, _sol(v, x), Params(a=a, b=b, c=c, d=d, v=v))
