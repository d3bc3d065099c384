"""ADX (IHE's Aggregate Data Exchange, `application/adx+xml`) as DHIS2 reads and writes it:

    <adx xmlns="urn:ihe:qrph:adx:2015" exported="2023-02-03T01:30:00Z">
      <group orgUnit="52.03.05.2001" period="2023-01-01/P1Y">
        <dataValue dataElement="destana_level" value="2"/>
      </group>
    </adx>

Periods are ISO 8601 intervals (start/duration): P1Y a year, P3M a quarter, P1M a month. As in
DHIS2, identifiers are codes unless an id scheme is given. Disaggregation attributes on a data
value are refused (Sinergi has none). Parsed with defusedxml: no entity expansion, no DTDs."""

from datetime import UTC, datetime
from xml.etree.ElementTree import (  # noqa: S405 (writing; parsing goes through defusedxml)
    Element,
    ParseError,
    SubElement,
    tostring,
)

from defusedxml import DefusedXmlException, ElementTree
from django.utils.translation import gettext as _

from sinergi.indicators import periods
from sinergi.indicators.dhis2.exchange import MAX_ROWS, PayloadError, Row, refuse_nul, too_many

NS = "urn:ihe:qrph:adx:2015"
DURATIONS = {"P1Y": periods.YEAR, "P3M": periods.QUARTER, "P1M": periods.MONTH}
VALUE_ATTRIBUTES = {"dataElement", "value"}


def period_id(interval: str) -> str:
    """`2023-01-01/P1Y` → 2023, `2023-04-01/P3M` → 2023Q2, `2023-02-01/P1M` → 202302; anything
    else is returned as it is (the import then refuses it with DHIS2's period conflict)."""
    start, _slash, duration = interval.partition("/")
    kind = DURATIONS.get(duration)
    try:
        day = datetime.strptime(start, "%Y-%m-%d").date()
    except ValueError:
        return interval
    if kind is None or day.day != 1:
        return interval
    period = periods.containing(day, kind)
    return period.id if period.start == day else interval


def interval(period_id_text: str) -> str:
    period = periods.parse(period_id_text)
    duration = {v: k for k, v in DURATIONS.items()}[period.type]
    return f"{period.start.isoformat()}/{duration}"


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def rows_from_adx(body: bytes) -> list[Row]:
    try:
        root = ElementTree.fromstring(body)
    except (ParseError, DefusedXmlException) as error:
        raise PayloadError(
            _("The ADX body is not well-formed XML: %(error)s") % {"error": error}
        ) from None
    if local(root.tag) != "adx":
        raise PayloadError(_("An ADX body starts with an <adx> element."))
    rows = []
    for group in root:
        if local(group.tag) != "group":
            continue
        for value in group:
            if local(value.tag) != "dataValue":
                continue
            if len(rows) >= MAX_ROWS:
                raise PayloadError(too_many())
            texts = [*group.attrib.values(), *value.attrib.values()]
            for text in texts:
                refuse_nul(text)
            annotation = next((c for c in value if local(c.tag) == "annotation"), None)
            extra = sorted(set(value.attrib) - VALUE_ATTRIBUTES)
            rows.append(
                Row(
                    index=len(rows),
                    data_element=value.get("dataElement", "").strip(),
                    period=period_id(group.get("period", "").strip()),
                    org_unit=group.get("orgUnit", "").strip(),
                    category_option_combo=",".join(f"{k}={value.get(k)}" for k in extra),
                    value=value.get("value", "").strip(),
                    comment=(annotation.text or "").strip() if annotation is not None else "",
                )
            )
    return rows


def adx_text(values: list[dict]) -> bytes:
    """Exported values (as exchange.as_dhis2 writes them) in ADX, one group per orgUnit and
    period."""
    root = Element(
        "adx", {"xmlns": NS, "exported": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    )
    groups: dict = {}
    for value in values:
        key = (value["orgUnit"], value["period"])
        if key not in groups:
            groups[key] = SubElement(root, "group", {"orgUnit": key[0], "period": interval(key[1])})
        element = SubElement(
            groups[key], "dataValue", {"dataElement": value["dataElement"], "value": value["value"]}
        )
        if value["comment"]:
            SubElement(element, "annotation").text = value["comment"]
    return tostring(root, encoding="utf-8", xml_declaration=True)
