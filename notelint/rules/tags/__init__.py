"""Built-in tags rules: one rule per module."""
