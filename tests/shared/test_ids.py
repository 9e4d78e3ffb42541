import datetime as dt

import pytest

from shared.ids import mask_id_number, mask_name, validate_district, validate_id_number
from tests.factories import id_number, with_wrong_check_digit


def test_valid_id_number_is_accepted_and_compacted() -> None:
    number = id_number()
    assert validate_id_number(number.lower()) == number


def test_published_example_with_x_check_character() -> None:
    # GB 11643-1999 example: check character X.
    assert validate_id_number("11010519491231002X") == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("43010219900101123", "invalid_id_number_length"),
        ("4301021990010112AX", "invalid_id_number_format"),
        (with_wrong_check_digit("11010519491231002X"), "invalid_id_number_checksum"),
    ],
)
def test_invalid_id_numbers_are_rejected_with_a_code(value: str, code: str) -> None:
    with pytest.raises(ValueError, match=f"^{code}: "):
        validate_id_number(value)


def test_impossible_birth_date_is_rejected() -> None:
    from stdnum.cn import ric

    body = "43010219900230123"  # 30 February
    with pytest.raises(ValueError, match="^invalid_id_number_component: "):
        validate_id_number(body + ric.calc_check_digit(body + "0"))


def test_birth_date_after_today_is_rejected() -> None:
    number = id_number(birth=dt.date(2030, 1, 1))
    with pytest.raises(ValueError, match="^invalid_id_number_component: "):
        validate_id_number(number, today=dt.date(2026, 11, 27))


def test_masking_keeps_only_the_ends() -> None:
    assert mask_id_number("430102199001011234") == "4301**********1234"
    assert mask_name("张三丰") == "张**"


@pytest.mark.parametrize("value", ["43010", "4301021", "030102", "43010a"])
def test_district_codes_are_six_digits(value: str) -> None:
    with pytest.raises(ValueError, match="^invalid_district: "):
        validate_district(value)


def test_number_issued_after_birth_with_a_newer_county_code_is_accepted() -> None:
    # 430102 (芙蓉区) exists since 1996; people born earlier were issued numbers with it.
    number = id_number("430102", birth=dt.date(1975, 6, 1))
    assert validate_id_number(number) == number


def test_unknown_province_code_is_rejected() -> None:
    number = id_number("990102")
    with pytest.raises(ValueError, match="^invalid_id_number_component: .*地区码"):
        validate_id_number(number)
