"""Who may log in as an editor, and whether login may be offered at all: the rules behind
`update.access`, without Streamlit.

An editor's address is compared as the identity provider sends it, checked before anything is
normalised: it must be an address the city's directory could issue, that is ASCII only (letters,
digits and the few signs RFC 5322 allows in a local part, `.` between them; a domain of letters,
digits and hyphens), at most 254 characters. A look-alike such as `anna@KK.dk` written with the
Kelvin sign (U+212A, which lower-cases to `k`), a Cyrillic `а`, full-width letters, spaces or
invisible characters is no address here, so it can never be normalised into a match. A valid
address and the editors in the secrets are then compared after Unicode normalisation (NFKC)
and `casefold`, that is without regard to case.

A claim of the wrong type (an `email` that is a list, a number or missing; an `email_verified`
that is not the boolean `true`) is never an editor and never an error.

The cookie secret signs the login cookie: anyone who knows it can write a cookie that says
they are logged in as anyone. `cookie_secret_problem` refuses a secret that is missing, too
short to carry 32 random bytes (64 hexadecimal digits, or 43 characters of another alphabet such
as `token_urlsafe`'s base64), has spaces or characters outside printable ASCII, has fewer than 12
different characters, repeats one piece (`abcabc…`), or is one of the examples and placeholders
in the documentation ("a long random string", "…", "xxx", "changeme" and the like). The
recommended `python -c "import secrets; print(secrets.token_hex(32))"` gives 64 hexadecimal
digits (32 bytes, 256 bits), and the chance
that such a string has fewer than 12 different digits is about one in six million. No rule can
prove that a string is random: these catch the placeholders and obviously weak secrets.
"""

import re
import string
import unicodedata

# RFC 5322's dot-atom in ASCII for the local part; labels of letters, digits and hyphens (not
# at either end) for the domain, at least two of them.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDRESS = re.compile(rf"(?P<local>{_ATOM}(?:\.{_ATOM})*)@{_LABEL}(?:\.{_LABEL})+")
MAX_ADDRESS = 254
MAX_LOCAL = 64

# A secret must carry at least 32 random bytes: 64 characters when it is written in hexadecimal
# digits (secrets.token_hex(32)), 43 otherwise (secrets.token_urlsafe(32), base64).
SECRET_BYTES = 32
MIN_HEX_SECRET = 2 * SECRET_BYTES
MIN_SECRET = -(-SECRET_BYTES * 4 // 3)  # 43
MIN_DISTINCT = 12
# Examples and placeholders from the documentation (README, login's docstring, Streamlit's
# own docs) and the usual stand-ins, compared without regard to case and surrounding spaces.
EXAMPLE_SECRETS = frozenset(
    {
        "…",
        "...",
        "a long random string",
        "xxx",
        "secret",
        "cookie_secret",
        "cookie-secret",
        "changeme",
        "change-me",
        "change_me",
        "change me",
        "replace-me",
        "replace me",
        "your-secret",
        "your secret",
        "your-secret-here",
        "your_secret_here",
        "<secret>",
        "todo",
    }
)
GENERATE = 'python -c "import secrets; print(secrets.token_hex(32))"'


def editor_key(claim: object) -> str | None:
    """The address `claim` names, in the form addresses are compared in (NFKC, casefold), or
    None when `claim` is not a string holding an address as a provider can issue it."""
    if not isinstance(claim, str) or len(claim) > MAX_ADDRESS:
        return None
    found = ADDRESS.fullmatch(claim)
    if found is None or len(found["local"]) > MAX_LOCAL:
        return None
    return unicodedata.normalize("NFKC", claim).casefold()


def editors(entries: object) -> tuple[frozenset[str], list[str]]:
    """The editors' addresses from the secrets (a list, or one address), in the form
    addresses are compared in, and the entries that are no address (each as `ascii()` shows
    it, so that a look-alike character is seen for what it is), which are left out."""
    if entries is None:
        return frozenset(), []
    if isinstance(entries, str):
        entries = [entries]
    if not isinstance(entries, (list, tuple, set, frozenset)):
        return frozenset(), [ascii(entries)]
    keys, invalid = set(), []
    for entry in entries:
        key = editor_key(entry.strip() if isinstance(entry, str) else entry)
        if key is None:
            invalid.append(ascii(entry))
        else:
            keys.add(key)
    return frozenset(keys), invalid


def cookie_secret_problem(secret: object) -> str | None:
    """Why `secret` must not sign the login cookie (Danish, for the server's log), or None."""
    where = "[auth] cookie_secret i .streamlit/secrets.toml"
    make = f"Lav en ny med: {GENERATE}"
    if not isinstance(secret, str) or not secret.strip():
        return f"Login er slået fra: {where} mangler. {make}"
    if secret.strip().casefold() in EXAMPLE_SECRETS:
        return (
            f"Login er slået fra: {where} er et eksempel fra dokumentationen, ikke en "
            f"hemmelighed. {make}"
        )
    if not all("!" <= c <= "~" for c in secret):
        return (
            f"Login er slået fra: {where} rummer mellemrum eller tegn uden for ASCII; en "
            f"tilfældigt dannet hemmelighed har ingen. {make}"
        )
    needed = MIN_HEX_SECRET if all(c in string.hexdigits for c in secret) else MIN_SECRET
    if len(secret) < needed:
        return (
            f"Login er slået fra: {where} er for kort ({len(secret)} tegn; mindst {needed}, "
            f"så den bærer {SECRET_BYTES} tilfældige byte). {make}"
        )
    distinct = len(set(secret))
    if distinct < MIN_DISTINCT:
        return (
            f"Login er slået fra: {where} har for få forskellige tegn ({distinct}; mindst "
            f"{MIN_DISTINCT}). {make}"
        )
    if secret in (secret + secret)[1:-1]:
        return f"Login er slået fra: {where} gentager det samme stykke. {make}"
    return None
