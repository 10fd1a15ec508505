"""Analysis over stored events or occurrences: edges, blocs, flows, timelines, turning points.

Every function takes rows as ``Store.events()`` or ``Store.occurrences()`` give them (with
occurrences, counts are of occurrences) and an inclusive ``since``/``until`` range.
"""

from .graph import actor_graph, blocs, edges, flows
from .render import render_system
from .system import system
from .timeline import cc_index, dyad_timeline, timeline
from .turns import turning_points

__all__ = ["actor_graph", "blocs", "cc_index", "dyad_timeline", "edges", "flows", "render_system", "system",
           "timeline", "turning_points"]
