"""``notelint report``: one self-contained HTML file of what the notes hold.

:mod:`.charts` draws the charts (inline SVG, pygal), :mod:`.history` reads the collection's
growth from git, :mod:`.page` writes the page, :mod:`notelint.commands.report` runs it all.
"""
