"""The `wfh-solver` command line: thin glue over the API, one line per error, exit codes.

`entry` is the console script's first code (signal handlers before any heavy import), `app` the
typer commands, `usage` the one-line usage errors, `terminal` what may reach a terminal.
Top floor: may import every room below; nothing imports it. Kept empty so `--version` is fast.
"""
