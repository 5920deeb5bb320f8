"""Reading a console page's form the way a browser submits it, for the content page tests."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """Collects the named controls of one form: inputs, textareas and each select's chosen option."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text = ""
        self._select: str | None = None
        self._first_option: str | None = None
        self._chosen: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside or "name" not in attributes:
            if tag == "option" and self._select is not None:
                self._option(attributes)
            return
        if tag == "input" and attributes.get("type") not in ("submit", "button"):
            self.fields.append((attributes["name"], attributes.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = attributes["name"], ""
        elif tag == "select":
            self._select, self._first_option, self._chosen = attributes["name"], None, None

    def _option(self, attributes: dict[str, str]) -> None:
        if self._first_option is None:
            self._first_option = attributes.get("value", "")
        if "selected" in attributes:
            self._chosen = attributes.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))  # as browsers do
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.append((self._select, self._chosen if self._chosen is not None else self._first_option or ""))
            self._select = None


def form_fields(page: str, form_id: str = "entry-form") -> list[tuple[str, str]]:
    """The (name, value) pairs the browser would send for the form with this id, in page order."""
    reader = _FormReader(form_id)
    reader.feed(page)
    assert reader.fields, f"no form#{form_id} on the page"
    return reader.fields


def with_values(fields: list[tuple[str, str]], **changes: str) -> dict[str, list[str]]:
    """The form as a client posts it (name -> values in page order), some single fields changed."""
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(changes.get(name, value))
    return data
