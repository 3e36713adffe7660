"""Spelling: tokeniser, dictionaries and fast suggestions for research prose."""
