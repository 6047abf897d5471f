"""`python -m wfh_solver.cli`: the same as the installed `wfh-solver` script."""

from wfh_solver.cli.entry import main

main()
