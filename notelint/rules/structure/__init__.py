"""Built-in structure rules: one rule per module."""
