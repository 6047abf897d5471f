"""Floor 5: solving a `Problem` level by level (`run.solve`) into a `Result` (`result`).

`frames` shows a `Result` as pandas tables. May import `base` up to `model`; the writers and
the API build on this room, never the other way round.
"""
