"""Reading a notes file: its text with exact positions, and the parse into the document model."""
