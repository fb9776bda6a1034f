"""What the pages make from a view's parts, made once per part and shared by every session.

The views are built once per data version and shared by every session (`store.per_store`), but
what Streamlit needs from them is made by the pages: a table as Arrow, a map as Leaflet's
JavaScript. `made(thing, make, *args)` makes `make(thing, *args)` the first time and returns
the same result after, for as long as `thing` itself is alive: an entry holds its object, so a
new view (a new data version) is never mistaken for an old one at the same address.
"""

from collections.abc import Callable, Hashable

_MADE: dict[tuple, tuple[object, object]] = {}
_MAX = 1024  # entries; a new data version makes new views, and old entries are let go


def made(thing: object, make: Callable, *args: Hashable):
    """`make(thing, *args)`, made once per `thing` (by identity) and `args`."""
    key = (id(thing), make.__module__, make.__qualname__, *args)
    found = _MADE.get(key)
    if found is not None and found[0] is thing:
        return found[1]
    result = make(thing, *args)
    if len(_MADE) >= _MAX:
        _MADE.clear()
    _MADE[key] = (thing, result)
    return result
