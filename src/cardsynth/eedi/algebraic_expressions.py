"""Questions and misconceptions of the "algebraic expressions" topic.

Covers collecting like terms, expanding single and double brackets, substitution,
index laws, factorising and forming expressions from words.
"""

from __future__ import annotations

import math

from cardsynth.eedi.number_theory import spf
from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import LETTERS, ask, index_form, poly


_SIMPLIFY_TEMPLATES = (
    "simplify $ {e} $",
    "simplify fully: $ {e} $",
    "{name} is asked to simplify $ {e} $ . what should they write?",
    "write $ {e} $ in its simplest form.",
)


@family(
    "algebraic expressions",
    ("Multiplies the coefficients when collecting like terms",
     lambda p: poly((p.a * p.b, p.v))),
    ("Adds the powers as well as the coefficients when collecting like terms",
     lambda p: poly((p.a + p.b, f"{p.v}^ {{2}}"))),
)
def _like_terms(rng):
    a, b, v = rng.randint(2, 12), rng.randint(2, 12), rng.choice(LETTERS)
    text = ask(rng, _SIMPLIFY_TEMPLATES + ("collect like terms: $ {e} $",), e=poly((a, v), (b, v)))
    return Question(text, poly((a + b, v)), Params(a=a, b=b, v=v))


@family(
    "algebraic expressions",
    ("Treats a subtraction as an addition when collecting like terms",
     lambda p: poly((p.a + p.c, p.u), (p.b + p.d, p.w))),
    ("Combines unlike terms into a single term when simplifying",
     lambda p: poly((p.a + p.b - p.c + p.d, f"{p.u} {p.w}"))),
)
def _collect_terms(rng):
    u, w = rng.choice((("x", "y"), ("a", "b"), ("m", "n"), ("p", "q"), ("c", "d")))
    a, b, d = rng.randint(2, 12), rng.randint(2, 12), rng.randint(1, 9)
    c = rng.randint(1, a - 1)
    expression = poly((a, u), (b, w), (-c, u), (d, w))
    text = ask(rng, _SIMPLIFY_TEMPLATES, e=expression)
    return Question(text, poly((a - c, u), (b + d, w)), Params(a=a, b=b, c=c, d=d, u=u, w=w))


@family(
    "algebraic expressions",
    ("Multiplies only the first term in the bracket by the number outside",
     lambda p: poly((p.a, p.v), (p.sign * p.b, "")) if not p.negative else None),
    ("Removes the brackets without multiplying by the number outside",
     lambda p: poly((1, p.v), (p.sign * p.b, "")) if not p.negative else None),
    ("Keeps the sign of the second term when expanding a bracket with a negative number outside",
     lambda p: poly((-p.a, p.v), (-p.a * p.b, "")) if p.negative else None),
)
def _expand_single_bracket(rng):
    a, b, v = rng.randint(2, 9), rng.randint(1, 12), rng.choice(LETTERS)
    negative = rng.random() < 0.3
    sign = -1 if negative else rng.choice((1, -1))
    inner = poly((1, v), (sign * b, ""))
    expression = f"{'-' if negative else ''}{a}({inner})"
    correct = poly((-a, v), (a * b, "")) if negative else poly((a, v), (sign * a * b, ""))
    text = ask(rng, (
        "expand $ {e} $",
        "multiply out the bracket: $ {e} $",
        "{name} expands $ {e} $ . what should they get?",
        "write $ {e} $ without brackets.",
    ), e=expression)
    return Question(text, correct, Params(a=a, b=b, v=v, sign=sign, negative=negative))


@family(
    "algebraic expressions",
    ("Multiplies only the first terms and the last terms when expanding double brackets",
     lambda p: poly((1, f"{p.v}^ {{2}}"), (p.a * p.b, "")) if not p.square else None),
    ("Adds the numbers instead of multiplying them to get the constant term of double brackets",
     lambda p: poly((1, f"{p.v}^ {{2}}"), (p.a + p.b, p.v), (p.a + p.b, "")) if not p.square else None),
    ("Squares each term inside the bracket separately when squaring a bracket",
     lambda p: poly((1, f"{p.v}^ {{2}}"), (p.a**2, "")) if p.square else None),
)
def _double_brackets(rng):
    a, b, v = rng.randint(1, 9), rng.randint(1, 9), rng.choice(LETTERS)
    square = rng.random() < 0.35
    if square:
        b = a
        expression = f"({poly((1, v), (a, ''))})^ {{2}}"
    else:
        expression = f"({poly((1, v), (a, ''))})({poly((1, v), (b, ''))})"
    text = ask(rng, (
        "expand and simplify $ {e} $",
        "multiply out $ {e} $",
        "{name} expands $ {e} $ . what should their answer be?",
    ), e=expression)
    return Question(text, poly((1, f"{v}^ {{2}}"), (a + b, v), (a * b, "")), Params(a=a, b=b, v=v, square=square))


_SUBSTITUTE_TEMPLATES = (
    "find the value of $ {e} $ when $ {v}={k} $",
    "if $ {v}={k} $, what is $ {e} $ ?",
    "{name} substitutes {v}={k} into $ {e} $ . what should they get?",
    "work out $ {e} $ when {v} is {k}.",
)


@family(
    "algebraic expressions",
    ("Multiplies by the coefficient before squaring when substituting",
     lambda p: str((p.a * p.k) ** 2)),
    ("Doubles the value instead of squaring it when substituting",
     lambda p: str(p.a * 2 * p.k)),
)
def _substitute_square(rng):
    a, k, v = rng.randint(2, 9), rng.randint(2, 9), rng.choice(LETTERS)
    text = ask(rng, _SUBSTITUTE_TEMPLATES, e=f"{a} {v}^ {{2}}", v=v, k=k)
    return Question(text, str(a * k * k), Params(a=a, k=k))


@family(
    "algebraic expressions",
    ("Writes the coefficient and the value side by side instead of multiplying them",
     lambda p: str(int(f"{p.a}{p.k}") + p.c)),
    ("Adds the coefficient to the value instead of multiplying when substituting",
     lambda p: str(p.a + p.k + p.c)),
)
def _substitute_linear(rng):
    a, k, c, v = rng.randint(2, 9), rng.randint(2, 9), rng.randint(-9, 9), rng.choice(LETTERS)
    text = ask(rng, _SUBSTITUTE_TEMPLATES, e=poly((a, v), (c, "")), v=v, k=k)
    return Question(text, str(a * k + c), Params(a=a, k=k, c=c))


@family(
    "algebraic expressions",
    ("Multiplies the indices when multiplying powers of the same base",
     lambda p: index_form(p.v, p.a * p.b) if p.form == "multiply" else None),
    ("Divides the indices when dividing powers of the same base",
     lambda p: index_form(p.v, p.a // p.b) if p.form == "divide" else None),
    ("Adds the indices when raising a power to another power",
     lambda p: index_form(p.v, p.a + p.b) if p.form == "power" else None),
    ("Adds the coefficients when two algebraic terms are multiplied together",
     lambda p: f"{p.r + p.s} {index_form(p.v, p.a + p.b)}" if p.form == "coefficients" else None),
)
def _index_laws(rng):
    form = rng.choice(("multiply", "divide", "power", "coefficients"))
    a, b, v = rng.randint(2, 9), rng.randint(2, 9), rng.choice(LETTERS)
    r, s = rng.randint(2, 9), rng.randint(2, 9)
    if form == "divide":
        a = b * rng.randint(2, 5)
    expression, correct = {
        "multiply": (f"{index_form(v, a)} \\times {index_form(v, b)}", index_form(v, a + b)),
        "divide": (f"{index_form(v, a)} \\div {index_form(v, b)}", index_form(v, a - b)),
        "power": (f"({index_form(v, a)})^ {{{b}}}", index_form(v, a * b)),
        "coefficients": (f"{r} {index_form(v, a)} \\times {s} {index_form(v, b)}", f"{r * s} {index_form(v, a + b)}"),
    }[form]
    text = ask(rng, _SIMPLIFY_TEMPLATES, e=expression)
    return Question(text, correct, Params(form=form, a=a, b=b, v=v, r=r, s=s))


@family(
    "algebraic expressions",
    ("Takes out a common factor that is not the highest common factor and calls it fully factorised",
     lambda p: f"{spf(p.h)}({poly((p.h * p.a // spf(p.h), p.v), (p.h * p.b // spf(p.h), ''))})"),
    ("Writes the common factor outside the bracket but leaves the original terms inside",
     lambda p: f"{p.h}({poly((p.h * p.a, p.v), (p.h * p.b, ''))})"),
)
def _factorise(rng):
    h, v = rng.choice((4, 6, 8, 9, 10, 12, 14, 15, 16, 18)), rng.choice(LETTERS)
    a, b = rng.randint(1, 9), rng.choice((1, -1)) * rng.randint(1, 9)
    while math.gcd(a, b) != 1:
        a, b = rng.randint(1, 9), rng.choice((1, -1)) * rng.randint(1, 9)
    text = ask(rng, (
        "factorise fully $ {e} $",
        "write $ {e} $ in fully factorised form.",
        "{name} factorises {e} as far as possible. what should they write?",
    ), e=poly((h * a, v), (h * b, "")))
    return Question(text, f"{h}({poly((a, v), (b, ''))})", Params(h=h, a=a, b=b, v=v))


@family(
    "algebraic expressions",
    ("Writes the operations of a worded expression in the reverse order",
     lambda p: {"times_then_add": f"{p.a}({p.v} + {p.b})",
                "add_then_times": poly((p.a, p.v), (p.b, ""))}.get(p.form)),
    ("Writes a subtraction the wrong way round when forming an expression from words",
     lambda p: {"subtract": f"{p.b} - {p.v}", "subtract_from": f"{p.v} - {p.b}"}.get(p.form)),
)
def _form_expression(rng):
    form = rng.choice(("times_then_add", "add_then_times", "subtract", "subtract_from"))
    a, b, v = rng.randint(2, 9), rng.randint(2, 20), rng.choice(("n", "x", "y", "m"))
    steps, correct = {
        "times_then_add": (f"multiplies it by {a} and then adds {b}", poly((a, v), (b, ""))),
        "add_then_times": (f"adds {b} and then multiplies the result by {a}", f"{a}({v} + {b})"),
        "subtract": (f"subtracts {b} from it", f"{v} - {b}"),
        "subtract_from": (f"takes it away from {b}", f"{b} - {v}"),
    }[form]
    text = ask(rng, (
        "{name} thinks of a number, {v}. they {steps}. write an expression for the result.",
        "a number {v} is taken. someone {steps}. which expression shows the answer?",
        "write an expression for: start with {v}, then the machine {steps}.",
    ), v=v, steps=steps)
    return Question(text, correct, Params(form=form, a=a, b=b, v=v))
