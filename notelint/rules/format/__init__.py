"""Built-in format rules: one rule per module."""
