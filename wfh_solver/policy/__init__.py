"""Floor 3: a circular as data: the scenario language, the rules, the `Problem` and its words.

May import `base`, `read` and `domain`.
"""
