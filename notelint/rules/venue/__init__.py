"""Built-in venue rules: one rule per module."""
