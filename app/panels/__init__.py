"""The dockable panels around the canvas: palette, inspector, summary, layers, problems, code."""
