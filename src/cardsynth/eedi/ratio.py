"""Questions and misconceptions of the "ratio and proportion" topic.

Covers sharing in a ratio, simplifying ratios, scaling recipes, ratios as
fractions and map scales.
"""

from __future__ import annotations

from fractions import Fraction

from cardsynth.eedi.number_theory import coprime_pair, spf
from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import NAMES, ask, dec, fr


@family(
    "ratio and proportion",
    ("Shares an amount equally between the people, ignoring the ratio",
     lambda p: dec(Fraction(p.total, 2))),
    ("Works out the value of one part but does not multiply by the number of parts",
     lambda p: str(p.total // (p.a + p.b))),
    ("Divides the total by that person's number in the ratio",
     lambda p: str(p.total // p.part) if p.total % p.part == 0 else None),
)
def _share_in_ratio(rng):
    a, b = coprime_pair(rng, 1, 9)
    total = (a + b) * rng.randint(2, 30)
    first, second = rng.sample(NAMES, 2)
    ask_first = rng.random() < 0.5
    part, who = (a, first) if ask_first else (b, second)
    text = ask(rng, (
        "{first} and {second} share £{total} in the ratio {a} : {b}. how much does {who} get?",
        "{total} sweets are shared between {first} and {second} in the ratio {a} : {b}. how many sweets does {who} receive?",
        "divide {total} in the ratio {a} : {b}. give the share for {who}, who has the {pos} part of the ratio.",
    ), first=first, second=second, total=total, a=a, b=b, who=who, pos="first" if ask_first else "second")
    return Question(text, str(total // (a + b) * part), Params(a=a, b=b, total=total, part=part))


@family(
    "ratio and proportion",
    ("Divides both sides of a ratio by a common factor that is not the highest one",
     lambda p: f"{p.x // spf(p.h)} : {p.y // spf(p.h)}"),
    ("Simplifies only one side of a ratio",
     lambda p: f"{p.a} : {p.y}"),
)
def _simplify_ratio(rng):
    a, b = coprime_pair(rng, 1, 12)
    h = rng.choice((4, 6, 8, 9, 10, 12, 15, 16, 18, 20))
    x, y = a * h, b * h
    text = ask(rng, (
        "simplify the ratio {x} : {y} fully.",
        "write {x} : {y} in its simplest form.",
        "in a club there are {x} {group1} and {y} {group2}. write the ratio of {group1} to {group2} in its simplest form.",
    ), x=x, y=y, **dict(zip(("group1", "group2"), rng.choice((("boys", "girls"), ("adults", "children"),
                                                              ("cats", "dogs"), ("red cars", "blue cars"))))))
    return Question(text, f"{a} : {b}", Params(a=a, h=h, x=x, y=y))


@family(
    "ratio and proportion",
    ("Adds the change in the number of people to the amount instead of scaling it",
     lambda p: f"{p.amount + p.new - p.old} g"),
    ("Multiplies by the new number of people but does not divide by the original number",
     lambda p: f"{p.amount * p.new} g"),
)
def _recipe_scaling(rng):
    old, new = rng.sample(range(2, 13), 2)
    amount = old * rng.randint(5, 60)
    ingredient = rng.choice(("flour", "sugar", "butter", "rice", "pasta", "oats", "cheese", "lentils"))
    text = ask(rng, (
        "a recipe for {old} people uses {amount} g of {ingredient}. how much {ingredient} is needed for {new} people?",
        "{name} needs {amount} g of {ingredient} to cook for {old} people. how many grams are needed for {new} people?",
        "{amount} g of {ingredient} feeds {old} people. how much feeds {new} people?",
    ), old=old, new=new, amount=amount, ingredient=ingredient)
    return Question(text, f"{dec(Fraction(amount * new, old))} g", Params(old=old, new=new, amount=amount))


@family(
    "ratio and proportion",
    ("Uses the other part of the ratio as the denominator instead of the total number of parts",
     lambda p: fr(p.a, p.b)),
)
def _ratio_to_fraction(rng):
    a, b = coprime_pair(rng, 1, 12)
    kinds = rng.choice((("red", "blue"), ("apple", "orange"), ("milk", "dark"), ("fiction", "non-fiction")))
    things = rng.choice(("counters", "sweets", "beads", "books", "cards"))
    text = ask(rng, (
        "the ratio of {k1} to {k2} {things} in a box is {a} : {b}. what fraction of the {things} are {k1}?",
        "{name} has {k1} and {k2} {things} in the ratio {a} : {b}. what fraction of them are {k1}?",
    ), k1=kinds[0], k2=kinds[1], things=things, a=a, b=b)
    return Question(text, fr(a, a + b), Params(a=a, b=b))


@family(
    "ratio and proportion",
    ("Uses a map scale without converting the centimetres into kilometres",
     lambda p: f"{p.cm:,} km"),
    ("Divides by 1000 to change centimetres into kilometres",
     lambda p: f"{dec(Fraction(p.cm, 1000))} km"),
)
def _map_scale(rng):
    scale = rng.choice((10_000, 20_000, 25_000, 50_000, 100_000, 200_000))
    d = Fraction(rng.randint(2, 30), 2)
    cm = int(d * scale)
    text = ask(rng, (
        "a map has a scale of 1 : {s}. two towns are {d} cm apart on the map. how far apart are they in real life, in km?",
        "{name} measures {d} cm between two villages on a map with scale 1 : {s}. what is the real distance in kilometres?",
    ), s=f"{scale:,}", d=dec(d))
    return Question(text, f"{dec(Fraction(cm, 100_000))} km", Params(cm=cm))
