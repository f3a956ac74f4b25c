"""A `dvc plots show` page that renders with no network: Vega, Vega-Lite and Vega-Embed inlined.

DVC's default page loads those three libraries from a CDN, so on an offline machine (like the one
this repository was built on) it shows nothing. The template written here inlines the bundle that
the `vl-convert-python` package ships, and leaves out DVC's ``{scripts}`` placeholder (the CDN tags).

    python -m cardreview.offline_plots .dvc/tmp/offline_plots.html
    dvc plots show --html-template .dvc/tmp/offline_plots.html      # (`make plots` does both)
"""

from __future__ import annotations

import sys
from pathlib import Path

PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>cardrepro: DVC plots (offline)</title>
<script>
(function () {{
{bundle}
}})();
</script>
<style>body {{ font-family: sans-serif; }} table {{ border-spacing: 15px; }}</style>
</head>
<body>
<h1>Training loss and held-out metrics of every run, with the cards' logged points</h1>
{{plot_divs}}
</body>
</html>
"""


def write_template(path: str | Path) -> Path:
    """Write the offline page template (about 1 MB: the libraries inline) and return its path."""
    import vl_convert

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # the bundle sets window.vegaEmbed; wrapped in a function so its top-level names stay private
    path.write_text(PAGE.format(bundle=vl_convert.javascript_bundle()), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_template(sys.argv[1] if len(sys.argv) > 1 else ".dvc/tmp/offline_plots.html"))
