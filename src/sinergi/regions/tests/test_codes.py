import pytest

from sinergi.regions import codes
from sinergi.regions.choices import RegionKindChoices as Kind


@pytest.mark.parametrize(
    ("code", "level", "parent", "kind"),
    [
        ("52", "province", None, Kind.PROVINSI),
        ("52.03", "regency", "52", Kind.KABUPATEN),
        ("52.71", "regency", "52", Kind.KOTA),
        ("52.03.05", "district", "52.03", Kind.KECAMATAN),
        ("52.03.05.2001", "village", "52.03.05", Kind.DESA),
        ("52.71.05.1001", "village", "52.71.05", Kind.KELURAHAN),
        ("91.03.01.3001", "village", "91.03.01", Kind.DESA_ADAT),
    ],
)
def test_code_encodes_level_parent_and_kind(code, level, parent, kind):
    assert codes.level_of(code) == level
    assert codes.parent_code(code) == parent
    assert codes.kind_of(code) == kind
    assert len(code) == codes.CODE_WIDTH[level]  # summaries in SQL rely on it
    assert codes.with_ancestors([code]) == {code, *codes.ancestor_codes(code)}


@pytest.mark.parametrize("bad", ["", "5", "52.3", "52.03.5", "52.03.05.201", "52-03", "ab.cd"])
def test_malformed_codes_are_refused(bad):
    with pytest.raises(ValueError, match="Kemendagri"):
        codes.level_of(bad)


def test_ancestors_come_from_the_code():
    assert codes.ancestor_codes("52.03.05.2001") == ["52", "52.03", "52.03.05"]
    assert codes.ancestor_codes("52") == []
