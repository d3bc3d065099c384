"""Charts in a real browser: the Destana trend with its partial periods marked, its table, the PNG
download, no CSP error; screenshots at 1366 px and 375 px in var/screenshots/."""

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESTANA = "/indicators/destana_formed/?region=52&period=2024"


@pytest.fixture
def site(live_server):
    """NTB, the demo, the founding meeting (434 in 2023) and the published figures."""
    from sinergi.extraction.demo import load_meeting
    from sinergi.indicators.demo import load_figures
    from sinergi.programs.demo import load_demo
    from sinergi.testing import load_ntb, reseed

    reseed()
    load_ntb()
    load_demo()
    load_meeting()
    load_figures()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return live_server.url


def watch(page) -> list[str]:
    """Console errors and CSP violations of the page, as they happen."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return problems


def drawn_trend(page):
    page.wait_for_selector("#chart-trend[data-chart-drawn='1']")
    return page.evaluate(
        """() => {
          const canvas = document.querySelector('#chart-trend [data-chart-canvas]');
          const option = echarts.getInstanceByDom(canvas).getOption();
          return option.series.map(s => ({
            name: s.name, dashed: (s.lineStyle || {}).type === 'dashed',
            data: s.data.map(d => d === null || typeof d !== 'object' ? d
                                  : {value: d.value, symbol: d.symbol}),
          }));
        }"""
    )


def test_destana_trend_marks_partial_periods_with_its_table_and_png(browser, site, tmp_path):
    page = fresh_page(browser, 1366, 900)
    problems = watch(page)
    page.goto(site + DESTANA)
    series = drawn_trend(page)
    points = next(s for s in series if s["data"] and isinstance(s["data"][0], dict))
    assert [p["value"] for p in points["data"]] == [209, 331, 434, 47, 17]
    assert [p["symbol"] for p in points["data"]] == ["circle"] * 3 + ["emptyCircle"] * 2
    dashed = [s for s in series if s["name"] == "sebagian"]
    assert dashed and all(s["dashed"] for s in dashed)  # 2023→2024 and 2024→2025
    target = next(s for s in series if s["name"] == "Target")
    assert target["dashed"] and target["data"] == [434, None, 567, None, None]

    # The tooltip of a partial period names its coverage.
    page.evaluate(
        """() => {
          const canvas = document.querySelector('#chart-trend [data-chart-canvas]');
          const chart = echarts.getInstanceByDom(canvas);
          const points = chart.getOption().series.findIndex(
            s => s.data.length && s.data[0] !== null && typeof s.data[0] === 'object');
          chart.dispatchAction({type: 'showTip', seriesIndex: points, dataIndex: 3});
        }"""
    )
    tooltip = page.locator("#chart-trend [data-chart-canvas] div").filter(has_text="2024").last
    assert "sebagian: dihitung dari 1 dari 10 kab/kota" in tooltip.inner_text()

    # The data table is below the chart, folded once the chart is drawn, partial rows marked.
    figure = page.locator("#chart-trend")
    table = figure.locator("details[data-chart-table]")
    assert table.get_attribute("open") is None
    assert figure.evaluate(
        "f => f.querySelector('[data-chart-canvas]').compareDocumentPosition("
        "f.querySelector('table')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    table.locator("summary").click()
    partial = table.locator("tr.chart-partial")
    assert partial.count() == 2 and "1 dari 10 kab/kota" in partial.first.inner_text()
    assert partial.first.locator("td").first.inner_text() == "2024"

    with page.expect_download() as info:
        figure.get_by_role("button", name="PNG").click()
    download = info.value
    assert download.suggested_filename == "destana_formed-52-trend.png"
    path = tmp_path / "trend.png"
    download.save_as(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000

    page.screenshot(path=SCREENSHOTS / "charts-destana-1366.png", full_page=True)
    assert problems == []
    page.close()


def test_charts_on_a_phone_and_on_the_follow_up_board(browser, site):
    from sinergi.testing import make_persona

    page = fresh_page(browser, 375, 740)
    problems = watch(page)
    page.goto(site + DESTANA)
    drawn_trend(page)
    page.wait_for_selector("#chart-ranked[data-chart-drawn='1']")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide on a 375px phone"
    box = page.locator("#chart-trend [data-chart-canvas]").bounding_box()
    assert box["width"] <= 375 and box["height"] >= 200
    page.screenshot(path=SCREENSHOTS / "charts-destana-375.png", full_page=True)

    make_persona("koordinator.ntb")
    sign_in(page, site, "koordinator.ntb", "/meetings/followups/")
    page.goto(site + "/meetings/followups/")
    page.wait_for_selector("#chart-followups[data-chart-drawn='1']")
    page.screenshot(path=SCREENSHOTS / "charts-followups-375.png", full_page=True)
    assert problems == []
    page.close()


def test_without_javascript_the_table_is_the_chart(browser, site):
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(site + DESTANA)
    table = page.locator("#chart-trend details[data-chart-table]")
    assert table.get_attribute("open") is not None  # open: readable without the chart
    assert page.locator("#chart-trend tr.chart-partial").first.is_visible()
    assert page.locator("#chart-trend").get_by_role("link", name="CSV").is_visible()
    context.close()
