"""Approval that shows: select all (of the page, of one kab/kota), locks visible in the entry
grid with who approved and when in the instance's time zone (WITA for NTB), the gate held."""

import datetime

import pytest
from django.urls import reverse

from sinergi.indicators.approvals import act
from sinergi.indicators.demo import load_figures
from sinergi.indicators.models import Approval, DataValue, Indicator
from sinergi.indicators.services import ValueErrors, save_value
from sinergi.regions.models import Region
from sinergi.testing import make_persona, make_user

pytestmark = pytest.mark.django_db

LOTIM, KECAMATAN, VILLAGE, OTHER_VILLAGE = "52.03", "52.03.05", "52.03.05.2001", "52.03.05.2002"
# 23:30 UTC on 7 December is 07:30 WITA (UTC+8) on 8 December: the day NTB lives in.
LATE_UTC = datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC)


@pytest.fixture
def people(demo):
    return {name: make_persona(name) for name in ["operator.lotim", "koordinator.ntb"]}


@pytest.fixture
def level():
    return Indicator.objects.get(code="destana_level")


@pytest.fixture
def posyandu(demo):
    load_figures()  # the demo indicators: "Jumlah posyandu" is a count entered per village
    return Indicator.objects.get(code="posyandu")


def approvals_url(code, region):
    return reverse("indicators:approvals", args=[code]) + f"?region={region}&period=2023"


def entry_url(code, region):
    return reverse("indicators:data_entry", args=[code]) + f"?region={region}&period=2023"


def kecamatan_of(code):
    return set(Region.objects.filter(parent_id=code).values_list("code", flat=True))


def approved():
    return set(Approval.objects.filter(state="approved").values_list("region_id", flat=True))


def test_all_kecamatan_of_one_kab_kota_from_the_province_page(client, people, level):
    """The province page's "all its districts" box of Lombok Timur approves every kecamatan of
    Lombok Timur, passes over one already approved, and touches nothing else."""
    coordinator = people["koordinator.ntb"]
    act("approve", level, [(KECAMATAN, "2023")], coordinator, "sudah dicek")
    client.force_login(coordinator)
    page = client.get(approvals_url("destana_level", "52"))
    assert f'name="below" value="{LOTIM}"' in page.content.decode()
    response = client.post(
        approvals_url("destana_level", "52"), {"action": "approve", "below": LOTIM}, follow=True
    )
    kecamatan = kecamatan_of(LOTIM)
    assert len(kecamatan) == 21
    assert approved() == kecamatan  # not Lombok Timur itself, nothing of another kab/kota
    text = response.content.decode()
    assert "Selesai untuk 20 baris." in text  # 21 kecamatan, one of them approved before
    assert "1 baris dibiarkan" in text
    assert Approval.objects.get(region_id=KECAMATAN).comment == "sudah dicek"  # left as it was
    province = client.get(approvals_url("destana_level", "52")).content.decode()
    assert "Kecamatan: 21 dari 21 disetujui, 0 diajukan" in province


def test_select_all_on_a_kab_kota_page_with_or_without_javascript(client, people, level):
    """The header box (`below` = the page's region) means every row of the page; rows ticked
    by the script as well change nothing, and rows of another kab/kota cannot be smuggled in."""
    url = approvals_url("destana_level", LOTIM)
    client.force_login(people["operator.lotim"])
    assert 'id="select-all"' in client.get(url).content.decode()
    client.post(url, {"action": "submit", "below": LOTIM})  # no JavaScript: the box alone
    assert set(
        Approval.objects.filter(state="submitted").values_list("region_id", flat=True)
    ) == kecamatan_of(LOTIM)
    client.force_login(people["koordinator.ntb"])
    ticked = [f"{code}|2023" for code in sorted(kecamatan_of(LOTIM))]
    client.post(url, {"action": "approve", "below": [LOTIM, "52.01"], "cell": ticked})
    assert approved() == kecamatan_of(LOTIM)  # 52.01 is no row of this page: ignored
    response = client.post(url, {"action": "approve", "below": LOTIM}, follow=True)
    assert "Tidak ada yang dikerjakan" in response.content.decode()  # all approved already


def test_select_all_keeps_the_gate(client, people, level):
    """An operator cannot approve by selecting all; a coordinator approves only in its region."""
    client.force_login(people["operator.lotim"])
    response = client.post(
        approvals_url("destana_level", LOTIM), {"action": "approve", "below": LOTIM}, follow=True
    )
    assert "Di luar peran Anda" in response.content.decode()
    assert not Approval.objects.exists()
    lobar = make_user("koordinator.lobar", role="coordinator", region="52.01")
    client.force_login(lobar)
    page = client.get(approvals_url("destana_level", "52")).content.decode()
    assert f'value="{LOTIM}"' not in page
    client.post(approvals_url("destana_level", "52"), {"action": "approve", "below": LOTIM})
    assert not Approval.objects.exists()  # Lombok Timur is no row it sees: nothing happens
    client.post(approvals_url("destana_level", "52"), {"action": "approve", "below": "52.01"})
    assert approved() == kecamatan_of("52.01")
    assert client.post(
        approvals_url("destana_level", LOTIM), {"action": "approve", "below": LOTIM}
    ).status_code == 404  # fmt: skip
    assert approved() == kecamatan_of("52.01")


def test_locked_grid_shows_who_and_when_in_wita_and_refuses_a_save(client, people, posyandu):
    operator, coordinator = people["operator.lotim"], people["koordinator.ntb"]
    save_value(posyandu, VILLAGE, "2023", 3, operator)
    act("approve", posyandu, [(KECAMATAN, "2023")], coordinator)
    Approval.objects.filter(region_id=KECAMATAN).update(updated_at=LATE_UTC)
    client.force_login(operator)
    page = client.get(entry_url("posyandu", KECAMATAN))
    text = page.content.decode()
    rows = page.context["rows"]
    assert rows and all(row["lock"] is not None for row in rows)
    assert page.context["all_locked"]
    assert "koordinator.ntb" in text and "2026-12-08 07:30 WITA" in text
    assert "2026-12-07" not in text  # the UTC day
    assert 'name="value_' not in text  # nothing the browser could send
    assert text.count(" disabled readonly") == len(rows)
    # A save that names a locked row anyway is refused, with the lock's WITA date.
    response = client.post(
        entry_url("posyandu", KECAMATAN),
        {f"value_{VILLAGE}": "9", f"orig_{VILLAGE}": "3", f"version_{VILLAGE}": "1"},
    )
    assert response.status_code == 200
    message = response.context["rows"][0]["error"]
    assert "koordinator.ntb" in message and "2026-12-08 07:30 WITA" in message
    assert DataValue.objects.get(indicator=posyandu, region_id=VILLAGE).value == 3
    with pytest.raises(ValueErrors) as info:
        save_value(posyandu, VILLAGE, "2023", 4, operator)
    assert "2026-12-08" in info.value.errors[VILLAGE]
    assert "2026-12-07" not in info.value.errors[VILLAGE]


def test_approvals_page_shows_the_approval_time_in_wita(client, people, level):
    act("approve", level, [(KECAMATAN, "2023")], people["koordinator.ntb"])
    Approval.objects.filter(region_id=KECAMATAN).update(updated_at=LATE_UTC)
    client.force_login(people["koordinator.ntb"])
    text = client.get(approvals_url("destana_level", LOTIM)).content.decode()
    assert "2026-12-08 07:30 WITA" in text and "2026-12-07" not in text


def test_one_locked_row_leaves_the_others_editable(client, people, posyandu):
    """A locked village sends nothing: saving its neighbours neither clears nor touches it."""
    operator, coordinator = people["operator.lotim"], people["koordinator.ntb"]
    save_value(posyandu, VILLAGE, "2023", 3, operator)
    act("approve", posyandu, [(VILLAGE, "2023")], coordinator)
    client.force_login(operator)
    page = client.get(entry_url("posyandu", KECAMATAN))
    locked = [row["region"].code for row in page.context["rows"] if row["lock"]]
    assert locked == [VILLAGE] and not page.context["all_locked"]
    text = page.content.decode()
    assert f'name="value_{OTHER_VILLAGE}"' in text and f'name="value_{VILLAGE}"' not in text
    response = client.post(
        entry_url("posyandu", KECAMATAN),
        {f"value_{OTHER_VILLAGE}": "2", f"orig_{OTHER_VILLAGE}": "", f"version_{OTHER_VILLAGE}": 0},
    )
    assert response.status_code == 302
    values = DataValue.objects.filter(indicator=posyandu, period="2023")
    values = dict(values.values_list("region_id", "value"))
    assert values[VILLAGE] == 3 and values[OTHER_VILLAGE] == 2


def test_indicator_list_reads_names_not_codes(client, posyandu):
    page = client.get(reverse("indicators:indicator_list")).content.decode()
    assert "Tingkat Desa/Kelurahan Tangguh Bencana (Destana)" in page and "Jumlah posyandu" in page
    assert "<code>destana_level</code>" not in page
    assert ">destana_level<" not in page  # the code is no text people read …
    assert 'title="Kode untuk impor dan API: destana_level"' in page  # … it shows on hover
