"""Benchmarks: wfh_solver against the floor and two per-employee peers.

Run with `python -m benchmarks.run`; see README.md.
"""
