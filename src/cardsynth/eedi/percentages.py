"""Questions and misconceptions of the "percentages" topic.

Covers writing fractions as percentages and percentages as decimals, percentages
of amounts, increases and decreases, reverse percentages and percentage change.
"""

from __future__ import annotations

import math
from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ITEMS, ask, dec, fr


def _pct(x) -> str:
    return f"{dec(x)} %"


@family(
    "percentages",
    ("Reads the numerator of a fraction as the percentage, whatever the denominator is",
     lambda p: _pct(p.n)),
    ("Divides the numerator by the denominator but forgets to multiply by 100 when writing a percentage",
     lambda p: _pct(Fraction(p.n, p.d))),
)
def _fraction_to_percentage(rng):
    d = rng.choice((4, 5, 8, 20, 25, 40, 50, 80, 200, 250))
    n = rng.randint(1, d - 1)
    while math.gcd(n, d) != 1:
        n = rng.randint(1, d - 1)
    text = ask(rng, (
        "what is $ {f} $ written as a percentage?",
        "{name} has read {f} of a book. what percentage of the book is that?",
        "{name} scored {n} out of {d} in a quiz. what percentage did they score?",
    ), f=fr(n, d), n=n, d=d)
    return Question(text, _pct(Fraction(100 * n, d)), Params(n=n, d=d))


@family(
    "percentages",
    ("Thinks 1% of an amount is found by dividing it by 10",
     lambda p: dec(Fraction(p.amount, 10) * p.pc)),
    ("Takes the percentage number away from the amount instead of finding that percentage of it",
     lambda p: dec(p.amount - p.pc)),
    ("Divides the amount by the percentage number",
     lambda p: str(p.amount // p.pc) if p.amount % p.pc == 0 else None),
)
def _percentage_of_amount(rng):
    pc = rng.choice((5, 15, 20, 25, 30, 35, 40, 45, 55, 60, 65, 70, 75, 80, 85, 90, 95))
    amount = 20 * rng.randint(1, 30)
    text = ask(rng, (
        "work out {pc} % of {amount}",
        "what is {pc} % of £{amount} ?",
        "{name} gets {pc} % off a bike that costs £{amount}. how many pounds do they save?",
        "{pc} % of the {amount} pupils in a school walk to school. how many pupils is that?",
    ), pc=pc, amount=amount)
    return Question(text, dec(Fraction(amount * pc, 100)), Params(pc=pc, amount=amount))


@family(
    "percentages",
    ("Works out the percentage of the amount but does not add it on or take it away",
     lambda p: dec(Fraction(p.amount * p.pc, 100))),
    ("Adds or subtracts the percentage number itself rather than that percentage of the amount",
     lambda p: dec(p.amount + p.sign * p.pc)),
)
def _percentage_change_amount(rng):
    amount = 10 * rng.randint(2, 60)
    pc = rng.choice((5, 10, 15, 20, 25, 30, 40, 50, 60, 75))
    sign = rng.choice((1, -1))
    if sign > 0:
        templates = ("increase {amount} by {pc} %",
                     "a {item} costs £{amount}. its price goes up by {pc} %. what is the new price?",
                     "{name}'s rent of £{amount} rises by {pc} %. what is the new rent?")
    else:
        templates = ("decrease {amount} by {pc} %",
                     "a {item} costing £{amount} is reduced by {pc} % in a sale. what is the sale price?",
                     "{name} had £{amount} and spent {pc} % of it. how much is left?")
    text = ask(rng, templates, amount=amount, pc=pc, item=rng.choice(ITEMS))
    return Question(text, dec(Fraction(amount * (100 + sign * pc), 100)), Params(amount=amount, pc=pc, sign=sign))


@family(
    "percentages",
    ("Finds the percentage of the new amount and adds or subtracts it to undo a percentage change",
     lambda p: dec(p.new - p.sign * p.new * Fraction(p.pc, 100))),
)
def _reverse_percentage(rng):
    original = 20 * rng.randint(1, 40)
    pc = rng.choice((5, 10, 20, 25, 40, 50))
    sign = rng.choice((1, -1))
    new = original * Fraction(100 + sign * pc, 100)
    word = "increase" if sign > 0 else "decrease"
    text = ask(rng, (
        "after a {pc} % {word}, a {item} costs £{new}. what did it cost before?",
        "{name}'s wage changed by a {pc} % {word} and is now £{new}. what was it before the change?",
        "the price of a {item} is £{new} after a {pc} % {word}. find the original price.",
    ), pc=pc, word=word, new=dec(new), item=rng.choice(ITEMS))
    return Question(text, str(original), Params(new=new, pc=pc, sign=sign))


@family(
    "percentages",
    ("Writes a percentage as a decimal by putting its digits straight after the decimal point",
     lambda p: f"0.{p.pc}"),
    ("Multiplies by 100 when changing a percentage into a decimal, instead of dividing",
     lambda p: str(p.pc * 100)),
)
def _percentage_to_decimal(rng):
    pc = rng.choice((rng.randint(1, 9), rng.randint(11, 99), rng.randint(101, 350)))
    text = ask(rng, (
        "{name} is asked to write {pc} % as a decimal. what should they write?",
        "the interest rate on {name}'s savings is {pc} %. write this rate as a decimal.",
        "{name} needs to type {pc} % into a spreadsheet as a decimal. what should they type?",
    ), pc=pc)
    return Question(text, dec(Fraction(pc, 100)), Params(pc=pc))


@family(
    "percentages",
    ("Divides the change by the new amount rather than the original when finding a percentage change",
     lambda p: _pct(Fraction(100 * abs(p.change), p.new))),
    ("Gives the actual change as if it were the percentage change",
     lambda p: _pct(abs(p.change))),
)
def _percentage_change(rng):
    while True:
        original = rng.choice((20, 25, 40, 50, 80, 120, 160, 200, 250, 400, 500))
        pc = rng.choice((10, 20, 25, 30, 40, 50, 60, 75))
        change = rng.choice((1, -1)) * original * pc // 100
        if original * pc % 100 == 0:
            break
    new = original + change
    word = "increase" if change > 0 else "decrease"
    text = ask(rng, (
        "a price changes from £{old} to £{new}. what is the percentage {word}?",
        "the number of visitors to a museum went from {old} to {new}. find the percentage {word}.",
        "{name}'s score went from {old} to {new}. what is the percentage {word}?",
    ), old=original, new=new, word=word)
    return Question(text, _pct(pc), Params(change=change, new=new))
