"""Whether a backtick span on a bullet line is inline code rather than a tag.

Notes that are also code notes write `` `tf.multiply()` replaced `tf.mul()` `` on a bullet; the
parser reads every backtick span after a title as a tag. The shape of the text tells code apart
(calls, snake_case identifiers, dotted names, paths, URLs, shell lines), so that ``init`` learns
no tag from it, the tag rules do not report it, and a bullet of code is not a paper.
"""

from __future__ import annotations

import re

# A code span the parser read as a tag, never a tag to learn: `tf.mul()`, `feed_dict`,
# `np.sum`, `~/.bashrc`, a URL, a shell line, lone punctuation.
_CODE_LIKE_RE = re.compile(
    r"""[(){}\[\]=<>"'\\;$|]|://|^[~./]|^[a-z0-9]+(?:_[a-z0-9]+)+$|^[a-z_]\w*\.[a-z_]|^\W+$"""
)


def looks_like_code(text: str) -> bool:
    """Whether a backtick span is code rather than a tag (``init`` learns no tag from it)."""
    return bool(_CODE_LIKE_RE.search(text.strip()))
