"""Server-side SVG graphics (no JavaScript): a world map and bar/line charts for pages and reports.

Each function returns SVG markup as a string, safe to insert into HTML (every text is escaped), with
its own style sheet, a <title>/<desc> linked by aria-labelledby, and a <title> tooltip on every mark.
See docs/GRAPHICS.md.
"""

from .charts import Series, bar_chart, line_chart
from .worldmap import MapLine, MapPoint, project, world_map

__all__ = ["MapLine", "MapPoint", "Series", "bar_chart", "line_chart", "project", "world_map"]
