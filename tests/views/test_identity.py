"""Who may be an editor and which cookie secrets may sign the login cookie: the rules behind the
update page's access (sikkerby.views.identity)."""

import secrets

import pytest

from sikkerby.views import identity

KELVIN = "\u212a"  # KELVIN SIGN, which lower-cases (and NFKC-normalises) to "k"


@pytest.mark.parametrize(
    ("claim", "key"),
    [
        ("anna@kk.dk", "anna@kk.dk"),
        ("Anna.B+data@KK.dk", "anna.b+data@kk.dk"),
        ("o'neil@sub.kk.dk", "o'neil@sub.kk.dk"),
        (f"anna@{KELVIN}{KELVIN}.dk", None),
        ("ann\u0430@kk.dk", None),  # a Cyrillic а
        ("\uff41nna@kk.dk", None),  # a full-width a, which NFKC would make "a"
        ("stra\u00df@kk.dk", None),  # ß, which casefold would make "ss"
        ("anna@kk.dk\u200b", None),  # a zero-width space
        ("anna@kk.dk\n", None),
        (" anna@kk.dk", None),
        ("anna@kk", None),
        ("anna@-kk.dk", None),
        (".anna@kk.dk", None),
        ("an..na@kk.dk", None),
        ("anna@@kk.dk", None),
        ("a" * 65 + "@kk.dk", None),
        ("a@" + ".".join(["b" * 63] * 4) + ".dk", None),  # 260 characters
        ("a@" + "b" * 64 + ".dk", None),
        ("", None),
        (None, None),
        (42, None),
        (["anna@kk.dk"], None),
        (b"anna@kk.dk", None),
    ],
    ids=ascii,
)
def test_an_address_is_checked_as_sent_and_then_compared_without_regard_to_case(claim, key):
    assert identity.editor_key(claim) == key


def test_the_editors_in_the_secrets_are_compared_the_same_way_and_odd_entries_are_named():
    keys, invalid = identity.editors([" Anna@KK.dk", f"bo@{KELVIN}k.dk", 7, "bo@kk.dk"])
    assert keys == {"anna@kk.dk", "bo@kk.dk"}
    assert invalid == ["'bo@\\u212ak.dk'", "7"]
    assert identity.editors("anna@kk.dk") == (frozenset({"anna@kk.dk"}), [])
    assert identity.editors(None) == (frozenset(), [])
    assert identity.editors(42) == (frozenset(), ["42"])


@pytest.mark.parametrize(
    ("secret", "why"),
    [
        (None, "mangler"),
        ("", "mangler"),
        (12345678901234567890123456789012345, "mangler"),
        ("a long random string", "et eksempel fra dokumentationen"),
        ("A Long Random String ", "et eksempel fra dokumentationen"),
        ("…", "et eksempel fra dokumentationen"),
        ("xxx", "et eksempel fra dokumentationen"),
        ("changeme", "et eksempel fra dokumentationen"),
        ("3f9a0c1b7d2e4f6a8b0c1d2e3f4a5b6c", "for kort (32 tegn; mindst 64"),  # 16 bytes
        ("Zk3_pQ9-xW7vB2nR8tY4uI1oP6aS5dF0gH", "for kort (34 tegn; mindst 43"),
        ("a long random string a long random string", "mellemrum"),
        ("æøåæøåabcdefghijklmnopqrstuvwxyz0123", "uden for ASCII"),
        ("k" * 64, "for få forskellige tegn (1; mindst 12)"),
        ("01" * 20 + "ab" * 12, "for få forskellige tegn (4; mindst 12)"),
        ("0123456789abcdef" * 4, "gentager det samme stykke"),
    ],
    ids=repr,
)
def test_a_missing_short_or_example_cookie_secret_is_refused_with_the_reason(secret, why):
    problem = identity.cookie_secret_problem(secret)
    assert problem is not None and problem.startswith("Login er slået fra: [auth] cookie_secret")
    assert why in problem
    assert identity.GENERATE in problem


def test_a_generated_cookie_secret_is_accepted():
    for _ in range(50):
        assert identity.cookie_secret_problem(secrets.token_hex(32)) is None
        assert identity.cookie_secret_problem(secrets.token_urlsafe(32)) is None
    assert identity.cookie_secret_problem(secrets.token_hex(16)) is not None  # 16 bytes
