from __future__ import annotations

from fixhelpers import project, user_project

__all__ = ["project", "user_project"]
