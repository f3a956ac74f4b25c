"""Offline stand-ins for the cards' data: generated pairs of the same shape, for a machine without the real data.

Nothing here is a card's data. Each generator writes pairs in the card's columns, with the card's
recipe of fields, from packaged catalogues (``*.yaml``, ``story.txt``); ``cardrepro.data`` calls them
only when ``data.source`` is ``generated``. Their outputs are the prepare stages' (dvc.yaml), so the
train stages read prepared files and never import this package.
"""
