"""Analysis over stored events: dyad edges, blocs, flows, and the alliance system."""

from .render import render_system
from .system import system

__all__ = ["render_system", "system"]
