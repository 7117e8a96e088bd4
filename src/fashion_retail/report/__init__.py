"""The data-quality report: one static HTML page with inline SVG charts."""

__version__ = "0.1.0"
