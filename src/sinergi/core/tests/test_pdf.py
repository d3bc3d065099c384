"""PDFs print every character as written (an embedded Unicode font), not "?" for what is outside
Latin-1."""

import io

from pypdf import PdfReader

from sinergi.core.utils.pdf import Document

TEXT = "Rapat — “Destana” ≥ 50 % · Bua’ Tarrung · Ngeng’e · Σ 434 → 567"


def test_text_outside_latin1_prints_as_written():
    document = Document("Profil — Nusa Tenggara Barat")
    document.heading(TEXT)
    document.paragraph(TEXT)
    document.field("Catatan", TEXT)
    data = bytes(document.output())
    extracted = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for word in ("—", "“Destana”", "≥", "Bua’", "Σ", "→"):
        assert word in extracted, (word, extracted)
    assert "?" not in extracted
    assert b"/FontFile2" in data  # the font is embedded (a subset), not a core font
    assert len(data) < 120_000
