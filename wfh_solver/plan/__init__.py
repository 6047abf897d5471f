"""The planning layer: analysis tables, `compare`, `sweep`, `batch` (Dask) and charts.

For planners in notebooks and the `compare`/`batch` commands. Top floor (beside `cli` and
`serve`): may import `api` and every room below it, never `cli` or `serve`.
"""
