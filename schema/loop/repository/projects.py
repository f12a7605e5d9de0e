"""Projects and the goals they track: the shared reads and writes are all they need."""

from __future__ import annotations

from schema._shared.repository import Records

from ..models import Goal, Project

projects = Records(Project)
goals = Records(Goal)
