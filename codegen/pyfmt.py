"""Just enough of ruff's formatting (black style) for generated code, so that `ruff format` leaves
the generated modules unchanged: a bracket is kept on one line if it fits, else (for calls and
signatures) its contents go on one indented line if they fit, else one item per line with a
trailing comma."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

LINE_LENGTH = 100
INDENT = 4


@dataclass(frozen=True)
class Bracket:
    """`head` (ending with the opening bracket), comma-separated items, `close`."""

    head: str
    items: tuple[Expr, ...]
    close: str
    # One item per line even when all would fit: a "magic trailing comma" ruff keeps.
    explode: bool = False
    # A tuple display: `(A,)` keeps its comma when it has one item.
    tuple: bool = False

    def flat(self) -> str:
        comma = "," if self._single else ""
        return self.head + ", ".join(flat(item) for item in self.items) + comma + self.close

    @property
    def _single(self) -> bool:
        return self.tuple and len(self.items) == 1

    @property
    def display(self) -> bool:
        return self.tuple or self.head.endswith(("{", "["))


@dataclass(frozen=True)
class Strings:
    """Implicitly concatenated string literals inside parentheses, one per line."""

    head: str
    parts: tuple[str, ...]

    def flat(self) -> str:
        return self.head + " ".join(self.parts) + ")"


Expr = str | Bracket | Strings


def flat(expr: Expr) -> str:
    return expr if isinstance(expr, str) else expr.flat()


def lines(expr: Expr, indent: int = 0, suffix: str = "") -> list[str]:
    """`expr` laid out at `indent`, followed by `suffix` (a trailing comma, or `:`)."""
    pad = " " * indent
    inner = " " * (indent + INDENT)
    if isinstance(expr, str):
        return [pad + expr + suffix]
    if isinstance(expr, Strings):
        return [pad + expr.head, *(inner + part for part in expr.parts), pad + ")" + suffix]
    # A one-item tuple's comma is not "magic": ruff joins it like any other bracket.
    forced = expr.explode and len(expr.items) > (1 if expr.tuple else 0)
    if not forced and len(pad + expr.flat() + suffix) <= LINE_LENGTH:
        return [pad + expr.flat() + suffix]
    body = ", ".join(flat(item) for item in expr.items)
    # Only calls and signatures keep their contents on one indented line; displays (dict,
    # tuple) always go one item per line.
    if not (forced or expr.display) and len(inner + body) <= LINE_LENGTH:
        return [pad + expr.head, inner + body, pad + expr.close + suffix]
    # A call's one bracketed argument is split inside its own brackets, without a comma after.
    sole = not (forced or expr.display) and len(expr.items) == 1
    comma = "" if sole and isinstance(expr.items[0], Bracket) else ","
    out = [pad + expr.head]
    for item in expr.items:
        out.extend(lines(item, indent + INDENT, comma))
    out.append(pad + expr.close + suffix)
    return out


def string(value: str) -> str:
    """A Python string literal in the quotes ruff prefers (double, unless that escapes more)."""
    literal = json.dumps(value, ensure_ascii=False)
    if value.count('"') > value.count("'"):
        # Every `"` in JSON's output is escaped and every `'` is not: swap the two.
        inner = literal[1:-1].replace('\\"', '"').replace("'", "\\'")
        return f"'{inner}'"
    return literal


def long_string(head: str, value: str, indent: int) -> Expr:
    """`head` + a string literal, split into implicitly concatenated lines if too long."""
    literal = string(value)
    if indent + len(head) + len(literal) + 1 <= LINE_LENGTH:
        return head + literal
    width = LINE_LENGTH - indent - INDENT
    if len(literal) <= width:
        return Strings(head + "(", (literal,))  # ruff joins parts that fit on one line
    parts: list[str] = []
    for line in value.splitlines(keepends=True):
        parts.extend(string(chunk) for chunk in _chunks(line, width))
    return Strings(head + "(", tuple(parts))


def _chunks(line: str, width: int) -> list[str]:
    """Split a line at spaces so each chunk's literal fits in `width` columns, when it can."""
    chunks: list[str] = []
    current = ""
    for word in re.findall(r"\S*\s*", line):
        if current and len(string(current + word)) > width:
            chunks.append(current)
            current = ""
        current += word
    if current:
        chunks.append(current)
    return chunks
