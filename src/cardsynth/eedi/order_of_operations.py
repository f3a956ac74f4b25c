"""Questions and misconceptions of the "order of operations" topic.

Covers multiplying before adding, same-rank operations left to right, powers
and brackets first.
"""

from __future__ import annotations

from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import EXPRESSION_TEMPLATES, ask, fv, index_form


@family(
    "order of operations",
    ("Works from left to right, adding or subtracting before multiplying or dividing",
     lambda p: fv(Fraction(p.a + p.sign * p.b) * (p.c if p.times else Fraction(1, p.c)))),
)
def _multiply_before_adding(rng):
    a, b, c = rng.randint(2, 20), rng.randint(2, 12), rng.randint(2, 9)
    sign, times = rng.choice((1, -1)), rng.random() < 0.5
    if not times:
        b *= c
    plus, op = "+" if sign > 0 else "-", "\\times" if times else "\\div"
    expression = f"{a} {plus} {b} {op} {c}"
    text = ask(rng, EXPRESSION_TEMPLATES + ("what is the value of $ {e} $ ?",), e=expression)
    return Question(text, str(a + sign * (b * c if times else b // c)), Params(a=a, b=b, c=c, sign=sign, times=times))


@family(
    "order of operations",
    ("Thinks addition must always be done before subtraction, whatever order they appear in",
     lambda p: str(p.a - (p.b + p.c)) if p.form == "subtract_add" else None),
    ("Thinks multiplication must always be done before division, whatever order they appear in",
     lambda p: fv(Fraction(p.a, p.b * p.c)) if p.form == "divide_multiply" else None),
)
def _same_rank_operations(rng):
    form = rng.choice(("subtract_add", "divide_multiply"))
    b, c = rng.randint(2, 12), rng.randint(2, 12)
    if form == "subtract_add":
        a = b + rng.randint(1, 30)
        expression, value = f"{a} - {b} + {c}", a - b + c
    else:
        a = b * rng.randint(2, 12)
        expression, value = f"{a} \\div {b} \\times {c}", a // b * c
    text = ask(rng, EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(form=form, a=a, b=b, c=c))


@family(
    "order of operations",
    ("Does the addition before working out the power",
     lambda p: str((p.a + p.b) ** p.n) if p.form == "add" else None),
    ("Multiplies by the number in front before working out the power",
     lambda p: str((p.a * p.b) ** p.n) if p.form == "multiply" else None),
)
def _powers_in_expressions(rng):
    form = rng.choice(("add", "multiply"))
    a, b, n = rng.randint(2, 12), rng.randint(2, 9), rng.choice((2, 2, 3))
    if form == "add":
        expression, value = f"{a} + {index_form(b, n)}", a + b**n
    else:
        expression, value = rng.choice((f"{a} \\times {index_form(b, n)}", f"{a} ( {index_form(b, n)} )")), a * b**n
    text = ask(rng, EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(form=form, a=a, b=b, n=n))


@family(
    "order of operations",
    ("Multiplies only the first number inside the brackets by the number outside",
     lambda p: str(p.a * p.b + p.c) if p.outside_first else None),
    ("Ignores the brackets and does the multiplication first",
     lambda p: str(p.a + p.b * p.c) if not p.outside_first else None),
)
def _brackets_first(rng):
    a, b, c = rng.randint(2, 12), rng.randint(2, 15), rng.randint(2, 15)
    outside_first = rng.random() < 0.5
    if outside_first:
        expression = rng.choice((f"{a} \\times ({b} + {c})", f"{a}({b} + {c})"))
    else:
        expression = f"({a} + {b}) \\times {c}"
    value = a * (b + c) if outside_first else (a + b) * c
    text = ask(rng, EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(a=a, b=b, c=c, outside_first=outside_first))
