"""Tag vocabularies: loading the layers, resolving a tag, near misses, what init infers, edits."""
