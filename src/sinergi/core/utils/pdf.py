"""A4 PDF documents in the app's own plain style (fpdf2), in DejaVu Sans, embedded (only the
characters used): every character of a name, a quote or a region prints as written, not only
Latin-1. The fonts ship with the app (`core/data/`, licence in DejaVu-LICENSE.txt).
"""

from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

FONT = "DejaVu"
FONT_DIR = Path(__file__).resolve().parent.parent / "data"


def printable(text) -> str:
    """The text as printed: any character, control characters left out."""
    return "".join(ch for ch in str(text or "") if ch >= " " or ch in "\n\t")


class Document(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.add_font(FONT, "I", FONT_DIR / "DejaVuSans-Oblique.ttf")
        self.doc_title = printable(title)
        self.set_title(self.doc_title)
        self.set_creator("Sinergi")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        self.add_page()

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(110)
        printed = date_format(timezone.localdate(), "j F Y")
        self.cell(0, 5, printable(_("Sinergi - printed %(date)s") % {"date": printed}), align="L")
        self.set_x(-40)
        self.cell(22, 5, printable(_("Page %(page)s") % {"page": self.page_no()}), align="R")

    def heading(self, text: str, size: int = 15):
        self.set_font(FONT, "B", size)
        self.set_text_color(0)
        self.multi_cell(0, size * 0.5, printable(text))
        self.ln(2)

    def section(self, text: str):
        self.ln(3)
        self.set_font(FONT, "B", 11)
        self.set_fill_color(230, 240, 235)
        self.cell(0, 7, printable(text), fill=True, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def field(self, label: str, value):
        self.set_font(FONT, "B", 9.5)
        self.cell(38, 5.5, printable(label))
        self.set_font(FONT, size=9.5)
        self.multi_cell(0, 5.5, printable(value or "-"), new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str, indent: float = 0, size: float = 9.5, style: str = ""):
        self.set_font(FONT, style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, 5, printable(text), new_x="LMARGIN", new_y="NEXT")

    def bar_chart(self, title: str, bars: list[tuple[str, float, float | None]], unit: str = ""):
        """Horizontal bars: (label, value, target or None); the target is a tick on the bar."""
        bars = [b for b in bars if b[1] is not None]
        if not bars:
            return
        self.paragraph(title, style="B")
        top = max(max(v, t or 0) for _l, v, t in bars) or 1
        label_w, bar_w, height = 55, self.w - self.l_margin - self.r_margin - 55 - 28, 5
        for label, value, target in bars:
            if self.get_y() + height + 2 > self.h - self.b_margin:
                self.add_page()
            y = self.get_y()
            self.set_font(FONT, size=8)
            self.set_xy(self.l_margin, y)
            self.cell(label_w, height, printable(label)[:38])
            self.set_fill_color(25, 103, 72)
            self.rect(self.l_margin + label_w, y + 0.8, bar_w * value / top, height - 1.6, "F")
            if target:
                x = self.l_margin + label_w + bar_w * target / top
                self.set_draw_color(200, 40, 40)
                self.line(x, y, x, y + height)
            self.set_xy(self.l_margin + label_w + bar_w + 2, y)
            text = f"{value:,.0f}".replace(",", ".") if value == int(value) else f"{value:.1f}"
            self.cell(26, height, printable(f"{text} {unit}".strip()))
            self.set_y(y + height + 0.8)
        self.ln(2)


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A PDF shown in the browser (it can still be saved under `filename`)."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
