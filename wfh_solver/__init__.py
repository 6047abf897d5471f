"""wfh-solver: proven-optimal, fair WFH/WFO rosters for Indonesian civil servants."""

__version__ = "0.1.0"
