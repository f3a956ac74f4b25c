"""Questions and misconceptions of the "statistics and probability" topic.

Covers mean, median, mode and range, the mean from a frequency table, pie charts,
probabilities from a bag and complementary events.
"""

from __future__ import annotations

import random
from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ask, dec, deg, fv, listing


_DATA_CONTEXTS = ("goals scored in each match", "ages of some children", "heights of plants in cm",
                  "scores in a spelling test", "numbers of pets owned", "minutes spent on homework")


def _data_question(rng: random.Random, values: list[int], what: str) -> str:
    return ask(rng, (
        "find the {what} of these numbers: {data}",
        "here are the {ctx}: {data}. what is the {what}?",
        "{name} records the {ctx}: {data}. work out the {what}.",
    ), what=what, data=listing(values), ctx=rng.choice(_DATA_CONTEXTS))


def _median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2]


@family(
    "statistics and probability",
    ("Adds up the values but does not divide by how many there are when finding the mean",
     lambda p: str(sum(p.values))),
    ("Confuses the mean with the median, giving the middle value",
     lambda p: str(_median(p.values))),
)
def _mean(rng):
    n = rng.choice((5, 7))
    values = [rng.randint(1, 30) for _ in range(n - 1)]
    values.append(rng.choice([v for v in range(1, 31) if (sum(values) + v) % n == 0]))
    rng.shuffle(values)
    return Question(_data_question(rng, values, "mean"), str(sum(values) // n), Params(values=values))


@family(
    "statistics and probability",
    ("Takes the middle value of the list without putting the data in order first",
     lambda p: str(p.values[len(p.values) // 2])),
    ("Answers with where the median sits in the list rather than the median value",
     lambda p: str((len(p.values) + 1) // 2)),
    ("Works out the mean when the question asks for the median",
     lambda p: dec(Fraction(sum(p.values), len(p.values)))),
)
def _median_question(rng):
    values = [rng.randint(1, 50) for _ in range(rng.choice((5, 7, 9)))]
    return Question(_data_question(rng, values, "median"), str(_median(values)), Params(values=values))


@family(
    "statistics and probability",
    ("Gives how many times the mode appears instead of the mode itself",
     lambda p: str(p.count)),
    ("Believes the mode is the largest value in the data",
     lambda p: str(max(p.values))),
)
def _mode(rng):
    mode, count = rng.randint(1, 40), rng.randint(2, 4)
    others = rng.sample([v for v in range(1, 41) if v != mode], rng.randint(3, 6))
    values = [mode] * count + others
    rng.shuffle(values)
    return Question(_data_question(rng, values, "mode"), str(mode), Params(values=values, count=count))


@family(
    "statistics and probability",
    ("Gives the largest value as the range",
     lambda p: str(max(p.values))),
    ("Subtracts the first value in the list from the last without ordering the data",
     lambda p: str(abs(p.values[-1] - p.values[0]))),
)
def _range_question(rng):
    values = [rng.randint(1, 60) for _ in range(rng.randint(5, 8))]
    return Question(_data_question(rng, values, "range"), str(max(values) - min(values)), Params(values=values))


@family(
    "statistics and probability",
    ("Divides the total of value times frequency by the number of rows instead of the total frequency",
     lambda p: dec(Fraction(p.total, len(p.freqs)))),
    ("Finds the mean of the frequency column instead of the mean of the data",
     lambda p: dec(Fraction(sum(p.freqs), len(p.freqs)))),
)
def _frequency_table_mean(rng):
    start, rows = rng.randint(0, 1), rng.randint(4, 5)
    freqs = [rng.randint(1, 12) for _ in range(rows)]
    label = rng.choice(("number of pets", "goals", "number of siblings", "books read", "cups of tea"))
    table = " ".join(f"{start + i} & {f} \\\\ \\hline" for i, f in enumerate(freqs))
    table = f"\\begin {{tabular}} {{|c|c|}} \\hline {label} & frequency \\\\ \\hline {table} \\end {{tabular}}"
    total = sum((start + i) * f for i, f in enumerate(freqs))
    text = ask(rng, (
        "the table shows some survey results. {table} what is the mean {label}?",
        "{name} collected this data. {table} work out the mean.",
        "{table} calculate the mean {label} from the frequency table.",
    ), table=table, label=label)
    return Question(text, dec(Fraction(total, sum(freqs))), Params(total=total, freqs=freqs))


@family(
    "statistics and probability",
    ("Uses the frequency itself as the angle of a pie chart sector",
     lambda p: deg(p.f)),
    ("Divides 360 by the frequency to find the angle of a pie chart sector",
     lambda p: deg(Fraction(360, p.f))),
)
def _pie_chart(rng):
    total = rng.choice((12, 15, 18, 20, 24, 30, 36, 40, 45, 60, 72, 90, 120))
    k = rng.randint(3, 5)
    cuts = sorted(rng.sample(range(1, total), k - 1))
    freqs = [b - a for a, b in zip([0] + cuts, cuts + [total])]
    labels = rng.sample(("bus", "car", "walk", "bike", "train", "scooter"), k)
    pick = rng.randrange(k)
    table = ", ".join(f"{lab} {f}" for lab, f in zip(labels, freqs))
    text = ask(rng, (
        "{total} people were asked how they travel to work: {table}. in a pie chart, what angle should the {lab} sector have?",
        "{name} draws a pie chart of these results ({total} people): {table}. what is the angle for {lab}?",
    ), total=total, table=table, lab=labels[pick])
    return Question(text, deg(freqs[pick] * 360 // total), Params(f=freqs[pick]))


@family(
    "statistics and probability",
    ("Writes a probability as the favourable outcomes over the unfavourable outcomes",
     lambda p: fv(Fraction(p.r, p.total - p.r))),
    ("Thinks every colour is equally likely whatever the numbers of each",
     lambda p: fv(Fraction(1, p.k))),
    ("Gives the number of favourable outcomes instead of a probability",
     lambda p: str(p.r)),
)
def _bag_probability(rng):
    k = rng.randint(2, 3)
    colours = rng.sample(("red", "blue", "green", "yellow", "white", "black"), k)
    counts = [rng.randint(1, 12) for _ in range(k)]
    pick = rng.randrange(k)
    contents = " and ".join(f"{c} {col}" for c, col in zip(counts, colours))
    text = ask(rng, (
        "a bag contains {contents} counters. one is picked at random. what is the probability it is {col}?",
        "{name} picks a ball at random from a box holding {contents} balls. what is the probability of picking {col}?",
    ), contents=contents, col=colours[pick])
    r, total = counts[pick], sum(counts)
    return Question(text, fv(Fraction(r, total)), Params(r=r, total=total, k=k))


@family(
    "statistics and probability",
    ("Subtracts a probability from 100 instead of from 1 to find the chance of it not happening",
     lambda p: dec(100 - p.q)),
)
def _complement_probability(rng):
    q = Fraction(rng.randint(1, 99), rng.choice((10, 100)))
    while q >= 1:
        q = Fraction(rng.randint(1, 99), rng.choice((10, 100)))
    event = rng.choice(("it rains tomorrow", "the bus is late", "a spinner lands on red", "a team wins its next match",
                        "a seed grows", "a light bulb fails"))
    text = ask(rng, (
        "the probability that {event} is {q}. what is the probability that this does not happen?",
        "{name} says the chance that {event} is {q}. what is the probability it does not happen?",
    ), event=event, q=dec(q))
    return Question(text, dec(1 - q), Params(q=q))
