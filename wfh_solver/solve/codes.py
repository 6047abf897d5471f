"""The four codes a roster cell holds, shared by the `Result` and its pandas views."""

CODES: tuple[str, ...] = ("WFH", "WFO", "CUTI", "DL")
WFH_CODE, WFO_CODE, LEAVE_CODE, TRAVEL_CODE = range(4)
