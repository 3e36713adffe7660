"""Built-in spelling rules: one rule per module."""
