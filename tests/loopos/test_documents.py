"""The check-digit rules against published specimens, and one wrong character each."""

from __future__ import annotations

import pytest

from schema.loopos.service.documents import cc_pt, check, civil_pt, dni_es, mrz_td3, nie_es

ICAO_SPECIMEN = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"  # ICAO 9303 part 4 example


@pytest.mark.parametrize(
    ("rule", "valid", "invalid"),
    [
        (cc_pt, "000000000ZZ4", "000000000ZZ5"),
        (civil_pt, "123456789", "123456788"),
        (dni_es, "12345678Z", "12345678A"),
        (nie_es, "X1234567L", "X1234567M"),
        (nie_es, "Y1234567X", "Y1234567L"),
        (mrz_td3, ICAO_SPECIMEN, ICAO_SPECIMEN.replace("7408122", "7408132")),
    ],
)
def test_specimens_pass_and_a_changed_character_fails(rule, valid: str, invalid: str) -> None:
    assert rule(valid) and not rule(invalid)


def test_every_mrz_check_digit_is_read() -> None:
    for position in (9, 19, 27, 43):  # number, birth date, expiry, composite
        wrong = ICAO_SPECIMEN[:position] + str((int(ICAO_SPECIMEN[position]) + 1) % 10)
        assert not mrz_td3(wrong + ICAO_SPECIMEN[position + 1 :]), position


def test_check_picks_the_rule_by_type_and_format() -> None:
    assert check(["dni-es"], "12.345.678-z") == check(["dni"], "12345678Z")
    verdict = check(["passport"], ICAO_SPECIMEN)
    assert verdict is not None and verdict.valid and verdict.doc_type == "passport"
    assert check(["cc-pt"], "00000000 0 ZZ5") is not None
    assert not check(["cc-pt"], "00000000 0 ZZ5").valid  # type: ignore[union-attr]
    assert check(["driving-licence"], "12345678Z") is None
