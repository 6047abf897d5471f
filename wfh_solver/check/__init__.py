"""`check` and `validate`: a roster or a staff list judged without solving.

`roster` checks a (possibly hand-edited) roster workbook against a scenario, `people`
compares who is where with the staff list, `staff_list` reports how a staff list was read.
Floor 8 (beside `api`): may import `api` and every lower room, never the CLI, the page or
the planning layer.
"""
