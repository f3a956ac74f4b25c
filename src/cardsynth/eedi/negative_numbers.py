"""Questions and misconceptions of the "negative numbers" topic.

Covers adding, subtracting and multiplying negative numbers, temperature changes
and putting negative numbers in order.
"""

from __future__ import annotations

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import EXPRESSION_TEMPLATES, ask


@family(
    "negative numbers",
    ("Treats subtracting a negative number as if it were subtracting a positive number",
     lambda p: str(p.x - p.b) if p.form == "minus_negative" else None),
    ("Moves towards zero when subtracting a positive number from a negative one",
     lambda p: str(-p.a + p.b) if p.form == "negative_minus" else None),
    ("Uses 'two negatives make a positive' when subtracting a positive number from a negative one",
     lambda p: str(p.a + p.b) if p.form == "negative_minus" else None),
    ("Adds the sizes of the numbers and keeps the negative sign when adding a positive number to a negative one",
     lambda p: str(-(p.a + p.b)) if p.form == "negative_plus" else None),
)
def _add_subtract_negatives(rng):
    form = rng.choice(("minus_negative", "negative_minus", "negative_plus"))
    a, b = rng.randint(1, 25), rng.randint(1, 25)
    x = rng.choice((a, -a))
    expression, value = {
        "minus_negative": (f"{x}-({-b})", x + b),
        "negative_minus": (f"-{a}-{b}", -a - b),
        "negative_plus": (f"-{a}+{b}", b - a),
    }[form]
    text = ask(rng, EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(form=form, a=a, b=b, x=x))


@family(
    "negative numbers",
    ("Thinks the product of two negative numbers is negative",
     lambda p: str(-p.a * p.b) if p.form == "times_both" else None),
    ("Gives a negative answer when a negative number is divided by a negative number",
     lambda p: str(-p.a) if p.form == "divide_both" else None),
    ("Thinks multiplying a negative number by a positive number gives a positive answer",
     lambda p: str(p.a * p.b) if p.form == "times_one" else None),
)
def _multiply_negatives(rng):
    form = rng.choice(("times_both", "divide_both", "times_one"))
    a, b = rng.randint(2, 12), rng.randint(2, 12)
    expression, value = {
        "times_both": (f"({-a}) \\times ({-b})", a * b),
        "divide_both": (f"({-a * b}) \\div ({-b})", a),
        "times_one": (rng.choice((f"({-a}) \\times {b}", f"{b} \\times ({-a})")), -a * b),
    }[form]
    text = ask(rng, EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(form=form, a=a, b=b))


@family(
    "negative numbers",
    ("Moves the wrong way along the number line when a temperature rises or falls",
     lambda p: f"{p.t - p.sign * p.k}°c"),
    ("Skips zero when counting across it on a number line, ending one place too far",
     lambda p: f"{p.t + p.sign * (p.k + 1)}°c"),
)
def _temperature_change(rng):
    sign = rng.choice((1, -1))
    start = rng.randint(1, 15)
    t = -start if sign > 0 else start
    k = start + rng.randint(1, 15)
    place = rng.choice(("in a village", "at the top of a mountain", "in a garden", "on a ski slope",
                        "at a weather station", "in a city park"))
    verb = "risen" if sign > 0 else "fallen"
    text = ask(rng, (
        "the temperature {place} is {t}°c at 6 am. by noon it has {verb} by {k} degrees. what is the temperature at noon?",
        "at midnight the temperature {place} was {t}°c. it has since {verb} {k}°c. what is the temperature now?",
        "{name} records a temperature of {t}°c {place}. later it has {verb} by {k}°c. what does {name} record now?",
    ), place=place, t=t, verb=verb, k=k)
    return Question(text, f"{t + sign * k}°c", Params(t=t, k=k, sign=sign))


@family(
    "negative numbers",
    ("Orders negative numbers by the size of their digits, ignoring the minus sign",
     lambda p: str(-max(p.a, p.b) if p.greater else -min(p.a, p.b))),
)
def _order_negatives(rng):
    a, b = rng.sample(range(1, 41), 2)
    greater = rng.random() < 0.5
    word = rng.choice(("greater", "bigger", "larger")) if greater else rng.choice(("smaller", "lower"))
    side = "right" if greater else "left"
    text = ask(rng, (
        "which is {word}: $ -{a} $ or $ -{b} $ ?",
        "which of these numbers is {word}? -{a}, -{b}",
        "on a number line, which is further to the {side}: -{a} or -{b}?",
        "{name} compares -{a} and -{b}. which is the {word} number?",
    ), a=a, b=b, word=word, side=side)
    return Question(text, str(-min(a, b) if greater else -max(a, b)), Params(a=a, b=b, greater=greater))
