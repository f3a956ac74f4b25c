"""The shorthand compressor and sentence splitter (fast, no model)."""

import pytest

from cardsynth.shorthand import ARROW, compress, split_sentences


def test_clauses_and_sentences_are_separated_by_bars():
    assert compress("Mara locked the door, and Bram went to sleep.").count(" | ") == 1
    assert compress("The lamp failed. Nobody noticed.") == "lam fai | nu not"


def test_saying_becomes_a_colon_after_the_speaker():
    assert compress('"The tide turned at nine," said Bram.') == "Bram : tid tur @ 9"
    assert compress('"Hold the rope," she told him.').startswith("sh : ")
    assert compress("Bram said the pump had failed.") == "Bram : pum fai"


def test_being_becomes_a_colon():
    assert compress("Priya is a meteorologist.") == "Priya : met"
    assert compress("The water was cold.") == "wat : col"


def test_place_and_time_prepositions_become_at_signs():
    assert compress("She waited in the kitchen until midnight.") == "sh wai @ kit unt mid"
    assert compress("The ship left at dawn.") == "shi lef @ daw"
    assert compress("He was in love.") == "he : lov"  # not a place


def test_number_words_become_digits():
    assert compress("Three boats left the harbour.") == "3 boa lef har"
    assert "240" in compress("They counted two hundred and forty seals.")
    assert "23" in compress("She was twenty-three.")


def test_movement_becomes_an_arrow():
    assert compress("Tomas went to the dock.") == f"Tomas {ARROW} doc"
    assert compress("Lotte ran toward the hut.") == f"Lotte ran {ARROW} hut"
    assert ARROW in compress("They climbed into the boat.")
    assert ARROW not in compress("She wanted to sleep.")


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("The ship will probably arrive at dawn.", "arr^0.9"),
        ("Maybe the radio failed.", "rad^0.5"),
        ("The signal seemed weak.", "wea^0.7"),
        ("The wind was very strong.", "str^1"),
        ("It started about forty minutes ago.", "40^0.9"),
    ],
)
def test_uncertainty_and_intensity_become_hedges(sentence, hedge):
    assert hedge in compress(sentence).split()


def test_consecutive_nouns_join_into_a_compound():
    assert compress("She checked the pressure gauge.") == "sh che pre*gau"
    assert "eng*hut" in compress("Tomas repaired the engine hut.")
    assert "*" not in compress("The tones sound tired.")  # plural noun then verb


def test_function_words_are_dropped():
    words = compress("The keeper of the light was sure that it would be there in the morning.").split()
    assert not {"the", "of", "was", "that", "it", "would", "be", "there"} & set(words)


def test_proper_nouns_are_kept_whole():
    note = compress("Lotte met Captain Holt in Punta Arenas on Friday.")
    assert note == "Lotte met Captain Holt @ Punta Arenas @ Friday"


def test_splitter_handles_titles_initials_quotes_ellipses_and_blank_lines():
    text = (
        "Mr. Smith met Dr. J. R. Watts at 5 p.m. on Friday. They talked.\n"
        '"Quoted." she said. "Go!" Mara shouted. "Run!" Nobody moved.\n'
        "He waited... Nothing came. It was so... nice.\n"
        "A wrapped\nline ends here.\n\n\n"
        'New paragraph? Yes! "Is it? I think so," said Bram.'
    )
    assert split_sentences(text) == [
        "Mr. Smith met Dr. J. R. Watts at 5 p.m. on Friday.",
        "They talked.",
        '"Quoted." she said.',
        '"Go!" Mara shouted.',
        '"Run!"',
        "Nobody moved.",
        "He waited...",
        "Nothing came.",
        "It was so... nice.",
        "A wrapped line ends here.",
        "New paragraph?",
        "Yes!",
        '"Is it? I think so," said Bram.',
    ]


def test_paragraph_without_final_period_is_kept():
    assert split_sentences("The Tones from Hook Bay\n\nIt began.") == ["The Tones from Hook Bay", "It began."]
