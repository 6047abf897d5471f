"""A synthetic regional government's staff list, for the demo, the tests and the benchmarks.

`tables` holds the data (organisation, names, posts), `generator` draws a staff list from it,
`absences` adds leave and travel. Floor 8 (beside `api`): may import `write` and below.
"""

from wfh_solver.sample.generator import COLUMNS, make_sample, write_sample

__all__ = ["COLUMNS", "make_sample", "write_sample"]
