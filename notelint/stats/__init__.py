"""What the notes hold, counted: ``notelint stats`` and ``notelint report``.

:mod:`.facts` reads each entry's facts from the parsed model (tags resolved through the
vocabulary, so the counts agree with what ``check`` understands), :mod:`.counting` counts them
by one or two fields, :mod:`.render` prints the counts.
"""
