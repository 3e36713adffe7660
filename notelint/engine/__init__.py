"""The lint engine: rule registry, the linter's two stages, suppressions, parallel runs."""
