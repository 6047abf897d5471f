"""`wfh-solver serve`: a local page for HR staff over the same API as the CLI.

`app` holds the routes, `jobs`/`worker` the solve in its own process, `workspace` and
`uploads` the private files, `security` the headers and CSRF token, `views` what the
result page draws, `scenario_form` the circular's numbers as a form, `server` the
uvicorn launcher.

Floor 11: may import `api`, `check` and every room below; never `cli` or `plan`.
"""
