"""``notelint server``: the Language Server Protocol, for findings and fixes in the editor.

:mod:`.positions` maps source offsets to LSP positions, :mod:`.convert` findings to
diagnostics and fixes to edits, :mod:`.projects` keeps a linter and the workspace's file results
per configuration, :mod:`.app` is the pygls server itself.
"""
