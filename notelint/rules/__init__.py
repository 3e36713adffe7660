"""Rules: the contract (:mod:`notelint.rules.base`), the registry, and the built-in rules."""
