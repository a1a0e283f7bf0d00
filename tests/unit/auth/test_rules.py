"""Account input rules, alone and as the request schemas apply them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from auth.config import Settings
from auth.domain.rules import check_password, check_username, normalize_email
from auth.schemas import LoginRequest, ProfileCreate, ProfileUpdate, RegisterRequest


@pytest.mark.parametrize("name", ["abc", "a" * 30, "  bob  ", "Иван_Петров", "jane.doe-1"])
def test_usernames_of_3_to_30_characters_are_accepted(name: str) -> None:
    assert check_username(name) == name.strip()


@pytest.mark.parametrize("name", ["", "ab", "  ab  ", "a" * 31, "bad\x00name", "tab\tname"])
def test_usernames_outside_the_rules_are_rejected(name: str) -> None:
    with pytest.raises(ValueError, match="username"):
        check_username(name)


def test_passwords_need_8_to_256_characters() -> None:
    assert check_password("12345678") == "12345678"
    with pytest.raises(ValueError, match="at least 8"):
        check_password("1234567")
    with pytest.raises(ValueError, match="at most 256"):
        check_password("x" * 257)


def test_emails_compare_case_insensitively() -> None:
    assert normalize_email("  Alice@Example.COM ") == "alice@example.com"


def _fields(error: ValidationError) -> set[str]:
    return {str(item["loc"][0]) for item in error.errors()}


def test_registration_names_every_bad_field() -> None:
    with pytest.raises(ValidationError) as caught:
        RegisterRequest.model_validate({"username": "ab", "email": "not-an-email", "password": "short"})
    assert _fields(caught.value) == {"username", "email", "password"}


def test_login_needs_a_wellformed_email_but_not_the_password_policy() -> None:
    assert LoginRequest.model_validate({"email": "a@example.com", "password": "x"}).password == "x"
    with pytest.raises(ValidationError) as caught:
        LoginRequest.model_validate({"email": "nope", "password": "x"})
    assert _fields(caught.value) == {"email"}


def test_profile_blank_optional_fields_mean_absent_and_course_is_parsed() -> None:
    profile = ProfileCreate.model_validate(
        {"name": " Ada ", "surname": "Lovelace", "group": "", "course": "3"}
    )
    assert (profile.name, profile.group, profile.course) == ("Ada", None, 3)


def test_profile_rejects_bad_values_naming_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        ProfileCreate.model_validate({"name": "", "surname": "X", "course": 42, "phone_number": "call me"})
    assert _fields(caught.value) == {"name", "course", "phone_number"}


def test_profile_update_changes_only_the_fields_sent_and_cannot_clear_the_name() -> None:
    assert ProfileUpdate.model_validate({"city": "Osh", "patronymic": None}).changes() == {
        "city": "Osh",
        "patronymic": None,
    }
    with pytest.raises(ValidationError) as caught:
        ProfileUpdate.model_validate({"name": None})
    assert _fields(caught.value) == {"name"}


def test_profile_text_with_control_characters_is_rejected() -> None:
    # PostgreSQL cannot store NUL: this must be a 422, not a database error.
    with pytest.raises(ValidationError) as caught:
        ProfileCreate.model_validate({"name": "A\x00", "surname": "B", "city": "Osh\x07"})
    assert _fields(caught.value) == {"name", "city"}


def test_samesite_none_cookies_must_be_secure() -> None:
    with pytest.raises(ValidationError, match="SECURE"):
        Settings(cookie_samesite="none", cookie_secure=False)
    assert Settings(cookie_samesite="none", env="production").secure_cookies
