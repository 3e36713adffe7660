"""Which files a run checks: walking folders, git's view of the work tree, Markdown names."""
