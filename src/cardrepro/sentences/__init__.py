"""Every sentence the reports print, and only that: the decisions they word are made elsewhere, once
(``cardrepro.findings``, ``cardrepro.verdict``, a run's record), so the words can change without re-running
anything but the reports, and tests check the decisions apart from their wording.

One module per part of the reports: ``run`` (a run's report: its data, model, training, verdict box and closing
paragraph), ``verdict`` (what a verdict rests on), ``tsdae`` (the conditioning checks and the objective
comparison), ``variants`` (the card's recipe against its variants) and ``summary`` (the summary notebook)."""
