"""Across the five runs: the summary a reviewer reads first.

It reads only what the runs publish (``reports/<run>/details.json`` and plot CSVs), never a
model or a dataset. It lives outside ``cardrepro`` on purpose: the run stages of dvc.yaml depend
on ``src/cardrepro``, so editing a summary table here leaves the runs' results (and their hours
of training) valid.
"""
