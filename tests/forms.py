"""A page's form as a browser would post it: the tests press buttons of the rule editor
without a browser (Starlette's TestClient)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    """The named controls of one form and their values, as a browser sends them."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._multiple = False
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in a:
                return
            if kind not in ("file", "submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._multiple, self._options = a.get("name"), "multiple" in a, []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        if tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected]
            if not chosen and not self._multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields += [(self._select, v) for v in chosen]
            self._select = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    """The (name, value) pairs form `form_id` of `html` would post, in page order."""
    parser = _Form(form_id)
    parser.feed(html)
    return parser.fields


def with_values(fields: list[tuple[str, str]],
                changes: dict[str, str | list[str]]) -> list[tuple[str, str]]:
    """The fields with some replaced (a list: every value of a repeated field)."""
    kept = [(k, v) for k, v in fields if k not in changes]
    for key, value in changes.items():
        kept += [(key, v) for v in (value if isinstance(value, list) else [value])]
    return kept


def as_data(fields: list[tuple[str, str]]) -> dict[str, str | list[str]]:
    """The pairs as httpx's `data=` (a repeated name: a list)."""
    data: dict[str, list[str]] = {}
    for key, value in fields:
        data.setdefault(key, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in data.items()}
