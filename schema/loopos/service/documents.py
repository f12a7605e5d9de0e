"""Identity-document numbers checked with their published check-digit rules: the Portuguese
Citizen Card (and its 9-digit civil number), the Spanish DNI and NIE letters, and the check
digits of a passport's machine-readable zone (ICAO 9303). A model can misread a digit; these
rules catch it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
MRZ_WEIGHTS = (7, 3, 1)


def _value(char: str) -> int:
    """ICAO / Citizen Card character value: digits as is, A=10 … Z=35, filler `<` = 0."""
    if char.isdigit():
        return int(char)
    return 0 if char == "<" else ord(char) - ord("A") + 10


def cc_pt(number: str) -> bool:
    """Citizen Card number `DDDDDDDD C AAT`: doubling every second value from the right."""
    total = 0
    for position, char in enumerate(reversed(number)):
        value = _value(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value * 2 > 9 else value * 2
        total += value
    return total % 10 == 0


def civil_pt(number: str) -> bool:
    """The 9-digit civil identification number (old ID card): a weighted mod-11 check digit."""
    weights = range(9, 1, -1)
    total = sum(int(char) * weight for char, weight in zip(number[:8], weights, strict=True))
    check = 11 - total % 11
    return int(number[8]) == (0 if check >= 10 else check)


def dni_es(number: str) -> bool:
    return DNI_LETTERS[int(number[:8]) % 23] == number[8]


def nie_es(number: str) -> bool:
    digits = str("XYZ".index(number[0])) + number[1:8]
    return DNI_LETTERS[int(digits) % 23] == number[8]


def mrz_check(field: str) -> int:
    return sum(_value(char) * MRZ_WEIGHTS[i % 3] for i, char in enumerate(field)) % 10


def mrz_td3(line: str) -> bool:
    """A passport's second MRZ line: number, birth date, expiry and the composite digit."""
    fields = ((0, 9), (13, 19), (21, 27))
    if any(mrz_check(line[a:b]) != _value(line[b]) for a, b in fields):
        return False
    composite = line[0:10] + line[13:20] + line[21:43]
    return mrz_check(composite) == _value(line[43])


@dataclass(frozen=True)
class Rule:
    doc_types: frozenset[str]
    pattern: re.Pattern[str]
    valid: Callable[[str], bool]
    label: str


RULES = (
    Rule(frozenset({"cc-pt", "cc", "id-card"}), re.compile(r"\d{9}[A-Z0-9]{2}\d"), cc_pt, "cc-pt"),
    Rule(frozenset({"cc-pt", "bi-pt", "id-card"}), re.compile(r"\d{9}"), civil_pt, "cc-pt"),
    Rule(frozenset({"dni-es", "dni", "id-card"}), re.compile(r"\d{8}[A-Z]"), dni_es, "dni-es"),
    Rule(frozenset({"nie-es", "nie", "id-card"}), re.compile(r"[XYZ]\d{7}[A-Z]"), nie_es, "nie-es"),
    Rule(frozenset({"passport"}), re.compile(r"[A-Z0-9<]{44}"), mrz_td3, "passport"),
)


def normalised(number: str) -> str:
    return re.sub(r"[\s.\-]", "", number).upper()


@dataclass(frozen=True)
class Verdict:
    doc_type: str
    number: str
    valid: bool


def check(doc_types: Iterable[str], number: str) -> Verdict | None:
    """The verdict of the first rule for one of `doc_types` whose format the number has; None
    when no rule applies (the number cannot be checked without reading the document)."""
    wanted = {doc_type.strip().lower() for doc_type in doc_types}
    plain = normalised(number)
    for rule in RULES:
        if rule.doc_types & wanted and rule.pattern.fullmatch(plain):
            return Verdict(rule.label, plain, rule.valid(plain))
    return None
