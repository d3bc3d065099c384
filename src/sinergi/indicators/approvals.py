"""Approval of indicator data, like DHIS2's without its friction: operators submit a region and
period, a coordinator of the region or an ancestor approves (locks the region and everything
below it) or returns it with a comment; approved data changes only after un-approval at that
level or above. Every action works on many regions and periods at once, all or nothing."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from sinergi.core.models import current_change_reason, record_event
from sinergi.core.permissions import ADD, APPROVE, regions_for, visible_regions_q
from sinergi.core.utils.timezones import local_stamp
from sinergi.indicators.aggregates import lock_for_writing
from sinergi.indicators.choices import ApprovalStateChoices as State
from sinergi.indicators.models import Approval, DataValue, EditWindow, Indicator
from sinergi.indicators.periods import PeriodError, parse
from sinergi.regions.codes import ancestor_codes, with_ancestors
from sinergi.regions.models import Region
from sinergi.regions.querysets import among, code_within_q

ACTION_VERBS = {
    "submit": gettext_lazy("submit"),
    "approve": gettext_lazy("approve"),
    "return": gettext_lazy("return"),
    "unapprove": gettext_lazy("un-approve"),
}
VALUE_STATUS = {State.SUBMITTED: "submitted", State.APPROVED: "approved", State.RETURNED: "draft"}
# action: (permission it needs, states it starts from (None: no approval row yet), new state)
RULES = {
    "submit": (ADD, {None, State.RETURNED, State.SUBMITTED}, State.SUBMITTED),
    "approve": (APPROVE, {None, State.SUBMITTED, State.RETURNED}, State.APPROVED),
    "return": (APPROVE, {State.SUBMITTED}, State.RETURNED),
    "unapprove": (APPROVE, {State.APPROVED}, State.SUBMITTED),
}


class ApprovalError(Exception):
    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))


def locks(indicator: Indicator, period: str, codes) -> dict[str, Approval]:
    """{region code: the approval that locks it} — an approval at the region or any ancestor."""
    approvals = Approval.objects.select_related("updated_by", "region").filter(
        indicator=indicator, period=period, state=State.APPROVED
    )
    if not approvals.exists():  # the usual case: nothing of this indicator and period approved
        return {}
    codes = list(codes)
    approved = {a.region_id: a for a in among(approvals, "region_id", with_ancestors(codes))}
    found = {}
    for code in codes:
        for candidate in [code, *reversed(ancestor_codes(code))]:
            if candidate in approved:
                found[code] = approved[candidate]
                break
    return found


def lock_message(approval: Approval) -> str:
    """Who approved, when (in the instance's time zone) and what must happen before a change."""
    who = approval.updated_by.get_username() if approval.updated_by else "?"
    return _(
        "Approved for %(region)s by %(who)s on %(when)s; a coordinator must un-approve it first."
    ) % {
        "region": f"{approval.region.full_name} ({approval.region_id})",
        "who": who,
        "when": local_stamp(approval.updated_at),
    }


def cells_below(action: str, indicator: Indicator, code: str, period: str, user):
    """The cells of "select all in <region>": (child code, period) of every child of `code`
    that `user` sees on the approvals page and whose state allows `action` (approving all
    kecamatan of a kab/kota passes over those already approved). Returns (cells, passed over).
    Whether the user may do `action` on them is `act`'s to decide, as for cells chosen singly."""
    children = Region.objects.filter(parent_id=code)
    scope = visible_regions_q(user, Approval)
    if scope is not None:
        children = children.filter(scope)
    codes = list(children.order_by("code").values_list("code", flat=True))
    states = dict(
        Approval.objects.filter(
            indicator=indicator, period=period, region_id__in=codes
        ).values_list("region_id", "state")
    )
    allowed_from = RULES[action][1]
    cells = [(child, period) for child in codes if states.get(child) in allowed_from]
    return cells, len(codes) - len(cells)


def window_error(indicator: Indicator, period: str, user) -> str | None:
    """Outside the edit window of this indicator and period? (Administrators may always edit.)"""
    from sinergi.core.permissions import is_admin

    window = EditWindow.objects.filter(indicator=indicator, period=period).first()
    if window is None or user is None or is_admin(user):
        return None
    today = timezone.localdate()
    if window.opens <= today <= window.closes:
        return None
    return _("Entry for %(period)s is open from %(opens)s to %(closes)s.") % {
        "period": period,
        "opens": window.opens,
        "closes": window.closes,
    }


def period_problem(indicator: Indicator, period: str) -> str | None:
    """Why `period` is no period of this indicator (2023 for a yearly one), or None."""
    try:
        if parse(period).type == indicator.period_type:
            return None
    except PeriodError:
        pass
    return _("%(indicator)s is reported per %(type)s; %(period)s is not.") % {
        "indicator": indicator.name,
        "type": indicator.get_period_type_display().lower(),
        "period": period,
    }


@transaction.atomic
def act(action: str, indicator: Indicator, cells: list[tuple[str, str]], user, comment: str = ""):
    """Apply `action` (submit, approve, return, unapprove) to (region code, period) cells."""
    permission, allowed_from, new_state = RULES[action]
    # Writers of the indicator wait until this ends, and this for them: a value written
    # meanwhile would escape both the lock check and the change of status below.
    lock_for_writing([indicator])
    if action == "return" and not comment.strip():
        raise ApprovalError({"comment": _("Say why the data is returned.")})
    codes = {code for code, _period in cells}
    scope = regions_for(user, Approval if permission == APPROVE else DataValue, permission)
    allowed = Region.objects.filter(code__in=codes)
    allowed = set(
        (allowed if scope is None else allowed.filter(scope)).values_list("code", flat=True)
    )
    current = {
        (a.region_id, a.period): a
        for a in Approval.objects.select_for_update(of=("self",)).filter(
            indicator=indicator, region_id__in=codes, period__in={p for _c, p in cells}
        )
    }
    errors = {}
    for code, period in cells:
        key = f"{code} {period}"
        if code not in allowed:
            errors[key] = _("Outside your role: you cannot %(action)s this.") % {
                "action": ACTION_VERBS[action]
            }
            continue
        problem = period_problem(indicator, period)
        if problem:
            errors[key] = problem
            continue
        state = current.get((code, period)).state if (code, period) in current else None
        if state not in allowed_from:
            errors[key] = _("Not possible while the data is %(state)s.") % {
                "state": State(state).label.lower() if state else _("not submitted")
            }
            continue
        if action != "unapprove":
            lock = locks(indicator, period, [code]).get(code)
            if lock is not None and lock.region_id != code:
                errors[key] = lock_message(lock)
    if errors:
        raise ApprovalError(errors)
    for code, period in cells:
        Approval.objects.update_or_create(
            indicator=indicator,
            region_id=code,
            period=period,
            defaults={"state": new_state, "comment": comment, "updated_by": user},
        )
        values = list(
            DataValue.objects.filter(
                code_within_q(code, "region_id"), indicator=indicator, period=period
            )
        )
        for value in values:
            value.status = VALUE_STATUS[new_state]
        if values:
            bulk_update_with_history(  # the reason names the API token, if one was used
                values, DataValue, ["status"], batch_size=500,
                default_change_reason=current_change_reason() or "",
            )  # fmt: skip
    record_event(
        "approval",
        user,
        f"{action} {indicator.code}: " + ", ".join(f"{c} {p}" for c, p in cells[:20]),
        cells=len(cells),
        comment=comment[:200],
    )
    return len(cells)


def waiting(user):
    """Submitted data that `user` may approve or return, oldest first (a coordinator's queue)."""
    queue = Approval.objects.filter(state=State.SUBMITTED)
    scope = regions_for(user, Approval, APPROVE, field="region_id")
    if scope is not None:
        queue = queue.filter(scope)
    return queue.select_related("indicator", "region", "updated_by").order_by("updated_at", "pk")
