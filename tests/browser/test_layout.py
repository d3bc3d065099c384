"""Layout on a phone (375 px) and a laptop (1366 px), in Bahasa Indonesia and English, on every
main page as each demo persona sees it: the document never scrolls sideways, no table needs a
sideways scroll on a laptop, the navigation bar is one row on a laptop, and people read names,
not snake_case codes.

One browser, one context per persona (signed in once), one tab per width; the language is the
cookie the EN/ID switch sets. Every page that fails is photographed in var/screenshots/layout/
(SINERGI_LAYOUT_SCREENSHOTS=1 photographs every page, to look at them all).
"""

import os

import pytest

from tests.browser.support import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {375: 800, 1366: 800}
LANGUAGES = ("id", "en")
PERSONAS = {
    "visitor": None,
    "admin": "admin",
    "coordinator": "koordinator.ntb",
    "operator": "operator.lotim",
}
EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {"visitor"}
WRITERS = frozenset({"admin", "operator"})
SHOTS = SCREENSHOTS / "layout"
ALL_SHOTS = bool(os.environ.get("SINERGI_LAYOUT_SCREENSHOTS"))

# (name, path with {program}/{meeting}/{group} from the demo, who sees it)
PAGES = [
    ("home", "/", EVERYONE),
    ("regions", "/regions/", EVERYONE),
    ("region", "/regions/52.03/", EVERYONE),
    ("region-village", "/regions/52.03.05.2001/", EVERYONE),
    ("profile", "/regions/52.03/profile/", EVERYONE),
    ("groups", "/regions/groups/", EVERYONE),
    ("group", "/regions/groups/{group}/", EVERYONE),
    ("organisations", "/organizations/", EVERYONE),
    ("organisation", "/organizations/tp-pkk-52/", EVERYONE),
    ("agency", "/organizations/bpbd-ntb/", EVERYONE),
    ("programs", "/programs/?fiscal_year=2023", EVERYONE),
    ("program", "/programs/{program}/", SIGNED_IN),
    ("program-add", "/programs/add/", WRITERS),
    ("five-w", "/programs/5w/?year=2023", EVERYONE),
    ("five-w-map", "/programs/5w/map/?year=2023", EVERYONE),
    ("suggestions", "/programs/suggestions/?year=2023", EVERYONE),
    ("indicators", "/indicators/", EVERYONE),
    ("indicator", "/indicators/destana_formed/?region=52&period=2023", EVERYONE),
    ("indicator-level", "/indicators/destana_level/?region=52.03&period=2023", EVERYONE),
    ("gaps", "/indicators/destana_formed/gaps/?region=52&period=2023", EVERYONE),
    ("map", "/indicators/destana_formed/map/?region=52&period=2023", EVERYONE),
    ("entry", "/indicators/destana_level/entry/?region=52.03.05&period=2023", WRITERS),
    (
        "approvals",
        "/indicators/destana_level/approvals/?region=52.03&period=2023",
        SIGNED_IN,
    ),
    ("convergence", "/convergence/?region=52&year=2023", EVERYONE),
    ("meetings", "/meetings/", EVERYONE),
    ("meeting", "/meetings/{meeting}/", SIGNED_IN),
    ("meeting-add", "/meetings/add/", WRITERS),
    ("follow-ups", "/meetings/followups/", EVERYONE),
    ("import", "/indicators/import/", SIGNED_IN),
    ("text-import", "/text-imports/new/", WRITERS),
    ("roles", "/accounts/roles/", frozenset({"admin", "coordinator"})),
    ("audit", "/history/", frozenset({"admin"})),
    ("history", "/history/programs.program/{program}/", SIGNED_IN),
    ("sign-in", "/accounts/login/", frozenset({"visitor"})),
]

MEASURE = """() => {
  const doc = document.documentElement, width = doc.clientWidth;
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + [...e.classList].slice(0, 3).map(c => '.' + c).join('');
  const clipped = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  // The innermost elements reaching past the right edge, outside any scrolling box.
  const past = [...document.body.querySelectorAll('*')].filter(
    e => shown(e) && e.getBoundingClientRect().right > width + 1 && !clipped(e));
  const culprits = past.filter(e => !past.some(o => o !== e && e.contains(o)))
    .slice(0, 5).map(e => name(e) + ' ' + JSON.stringify(e.innerText || '').slice(0, 60));
  // A matrix (the 5W) scrolls inside its own box by design, its first column fixed.
  const tables = [...document.querySelectorAll('.table-responsive:not([data-scrolls=matrix])')]
    .filter(e => shown(e) && e.scrollWidth > e.clientWidth + 1)
    .map(e => name(e) + ' ' + e.scrollWidth + '>' + e.clientWidth);
  const bar = document.querySelector('nav.navbar');
  const items = bar ? [...bar.querySelectorAll('.navbar-brand, .nav-link, .btn-group')]
    .filter(shown).map(e => { const r = e.getBoundingClientRect();
      return {name: name(e) + ' ' + JSON.stringify(e.innerText.trim()).slice(0, 40),
              middle: r.top + r.height / 2, height: r.height}; }) : [];
  const main = document.querySelector('main');
  const codes = [];
  if (main) {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!shown(parent) || parent.closest('code, kbd, samp, pre, script, style, .font-monospace'))
        continue;
      for (const m of node.data.matchAll(/\\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\\b/g)) codes.push(m[0]);
    }
  }
  return {scroll: doc.scrollWidth, width, culprits, tables, items, codes: [...new Set(codes)]};
}"""


def navbar_rows(items: list[dict]) -> list[str]:
    """What breaks the navigation bar's one row: items off its middle line, or items two lines
    tall (a label that wrapped)."""
    if not items:
        return ["no navigation bar"]
    middle = items[0]["middle"]  # the brand
    return [
        "{name} (middle {middle:.0f} px vs {brand:.0f}, {height:.0f} px tall)".format(
            brand=middle, **item
        )
        for item in items
        if abs(item["middle"] - middle) > 6 or item["height"] > 48
    ]


def problems_of(measured: dict, width: int) -> list[str]:
    found = []
    if measured["scroll"] > measured["width"] + 1:
        found.append(
            "the document is {scroll} px wide in {width} px: {culprits}".format(**measured)
        )
    if width >= 1366:
        if measured["tables"]:
            found.append("tables scroll sideways: {}".format(", ".join(measured["tables"])))
        rows = navbar_rows(measured["items"])
        if rows:
            found.append("the navigation bar is not one row: {}".format("; ".join(rows)))
    if measured["codes"]:
        found.append("codes shown instead of names: {}".format(", ".join(measured["codes"])))
    return found


@pytest.fixture
def demo_site(live_server):
    """NTB with the whole `sinergi demo`: organisations, programs, the founding meeting, the
    published figures, the Destana focus group and the demo personas."""
    from sinergi.extraction.demo import load_meeting
    from sinergi.indicators.demo import load_figures
    from sinergi.programs.demo import SOURCE, load_demo
    from sinergi.programs.models import Program
    from sinergi.regions.demo import load_groups
    from sinergi.testing import load_ntb, make_persona, reseed

    reseed()
    load_ntb()
    load_demo()
    group = load_groups(source=SOURCE)
    meeting = load_meeting()
    load_figures()
    for username in PERSONAS.values():
        if username:
            make_persona(username)
    destana = Program.objects.get(name__contains="Destana")  # the longest name, three themes
    SHOTS.mkdir(parents=True, exist_ok=True)
    ids = {"program": destana.pk, "meeting": meeting.pk, "group": group.pk}
    return live_server.url, ids


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_main_page_fits_both_widths_in_both_languages(browser, demo_site, persona):
    site, ids = demo_site
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    tabs = {width: context.new_page() for width in WIDTHS}
    for width, tab in tabs.items():
        tab.set_viewport_size({"width": width, "height": WIDTHS[width]})
    if PERSONAS[persona]:
        sign_in(tabs[1366], site, PERSONAS[persona])
    pages = [(name, path.format(**ids)) for name, path, who in PAGES if persona in who]
    failures, measured = [], 0
    for language in LANGUAGES:
        context.add_cookies([{"name": "django_language", "value": language, "url": site}])
        for name, path in pages:
            for width, tab in tabs.items():
                response = tab.goto(site + path)
                where = f"{persona} {language} {width}px {name} {path}"
                if response.status != 200 or tab.url.split("?")[0].endswith("/login/") != (
                    name == "sign-in"
                ):
                    failures.append(f"{where}: status {response.status} at {tab.url}")
                    continue
                assert tab.locator("html").get_attribute("lang") == language, where
                found = problems_of(tab.evaluate(MEASURE), width)
                measured += 1
                shot = SHOTS / f"{name}-{persona}-{language}-{width}.png"
                if found or ALL_SHOTS:
                    tab.screenshot(path=shot, full_page=True)
                failures += [f"{where}: {problem} ({shot})" for problem in found]
    context.close()
    assert measured == len(pages) * len(LANGUAGES) * len(WIDTHS)
    assert not failures, "\n".join(failures)


def test_the_measure_sees_a_page_too_wide_a_wrapped_navbar_and_a_code(browser, demo_site):
    """The checks above can fail: a wide block, a table wider than its box, a navigation label
    on two lines and a snake_case code, added to a real page, are each reported."""
    site, _ids = demo_site
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    tab = context.new_page()
    tab.goto(site + "/indicators/")
    assert problems_of(tab.evaluate(MEASURE), 1366) == []
    tab.evaluate(
        """() => {
          document.querySelector('main').insertAdjacentHTML('beforeend',
            '<div id="too-wide" style="width: 1500px">destana_formed</div>'
            + '<div class="table-responsive"><table style="width: 2000px"><tr><td>x</td></tr>'
            + '</table></div>');
          document.querySelector('#main-nav > ul').insertAdjacentHTML('beforeend',
            '<li class="nav-item"><a class="nav-link" style="white-space: normal; width: 4rem"'
            + ' href="#">Tindak lanjut</a></li>');
        }"""
    )
    found = problems_of(tab.evaluate(MEASURE), 1366)
    assert len(found) == 4, found
    assert "div#too-wide" in found[0] and "tables scroll sideways: div.table-responsive" in found[1]
    assert "not one row" in found[2] and "codes shown instead of names: destana_formed" in found[3]
    context.close()
