"""Load reports and loading bars kept out of the report while a step builds a model, and put back after."""

from __future__ import annotations

import pytest
from transformers.utils import logging as transformers_logging

from cardrepro.progress import quiet_loading


@pytest.mark.parametrize("bars", [False, True])
def test_quiet_loading_silences_load_reports_and_restores_the_settings_before_it(bars):
    transformers_logging.set_verbosity_warning()
    transformers_logging.enable_progress_bar()
    try:
        with quiet_loading(bars=bars):
            assert transformers_logging.get_verbosity() == transformers_logging.ERROR
            assert transformers_logging.is_progress_bar_enabled() == bars
        assert transformers_logging.get_verbosity() == transformers_logging.WARNING
        assert transformers_logging.is_progress_bar_enabled()
        with pytest.raises(RuntimeError), quiet_loading():  # a failure inside restores them too
            raise RuntimeError("the model did not load")
        assert transformers_logging.get_verbosity() == transformers_logging.WARNING
        assert transformers_logging.is_progress_bar_enabled()
    finally:
        transformers_logging.set_verbosity_warning()
