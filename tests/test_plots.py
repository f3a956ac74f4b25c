"""The embedding picture: its titles state the pairs' mean cosine, split by label when pairs are labelled."""

from __future__ import annotations

import numpy as np

from cardrepro.plots import plot_embedding_shift


def _pairs(first, second, label=None):
    unit = lambda x: x / np.linalg.norm(x, axis=1, keepdims=True)  # noqa: E731
    return {"first": unit(np.asarray(first, float)), "second": unit(np.asarray(second, float)), "label": label}


def test_titles_give_the_mean_pair_cosine_before_and_after():
    rng = np.random.default_rng(0)
    first = rng.normal(size=(6, 8))
    before = _pairs(first, rng.normal(size=(6, 8)))
    after = _pairs(first, first + 0.01)  # training pulled every pair together
    fig = plot_embedding_shift(before, after)
    left, right = (ax.get_title() for ax in fig.axes)
    assert left.startswith("base model\nmean pair cosine") and right == "tuned model\nmean pair cosine 1.000"
    assert "6 held-out pairs" in fig._suptitle.get_text()


def test_labelled_pairs_are_split_into_positive_and_negative():
    first = np.eye(4)
    second = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], float)
    fig = plot_embedding_shift(_pairs(first, second, [1.0, 1.0, 0.0, 0.0]), _pairs(first, second, [1.0, 1.0, 1.0, 1.0]))
    assert fig.axes[0].get_title() == "base model\nmean cosine: positive pairs 1.000, negative 0.000"
    assert fig.axes[1].get_title().endswith("negative none pictured")
