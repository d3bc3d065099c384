"""The prefix rules of the dotted Kemendagri region code that the permission gate needs (pure
functions on code strings: no models, no database).

`52` province, `52.03` regency, `52.03.05` district, `52.03.05.2001` village. The code encodes the
whole ancestry, so every hierarchy question is answered by string prefixes. The rules that name
levels and kinds live with the regions (`sinergi.regions.codes`), which re-exports these.
"""

from django.db.models import Q


def parent_code(code: str) -> str | None:
    """The parent's code: the code minus its last segment (None for a province)."""
    head, dot, _tail = code.rpartition(".")
    return head if dot else None


def with_ancestors(codes) -> set[str]:
    """The codes and the codes of all their ancestors (one parent lookup per distinct code)."""
    found = set(codes)
    layer = found
    while layer:
        layer = {p for code in layer if (p := parent_code(code)) is not None and p not in found}
        found |= layer
    return found


def ancestor_codes(code: str) -> list[str]:
    """Codes of all ancestors, from the province down, without the code itself."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def descendant_prefix(code: str) -> str:
    """The prefix shared by the codes of all descendants (and only them)."""
    return code + "."


def is_within(code: str, other: str) -> bool:
    """Is `code` the region `other` or below it?"""
    return code == other or code.startswith(other + ".")


def code_within_q(code: str, field: str = "code", include_self: bool = True) -> Q:
    """Q for rows whose region code `field` is `code` or below it.

    A range on the code (`'52.03.' <= c < '52.03/'`, '/' being the character after '.') instead of
    LIKE, so both SQLite and PostgreSQL use the B-tree index on the code.
    """
    prefix = descendant_prefix(code)
    q = Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix[:-1] + "/"})
    if include_self:
        q |= Q(**{field: code})
    return q
