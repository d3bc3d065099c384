"""The metadata DHIS2 clients read first, in DHIS2's shape: organisation units (regions) and data
elements (raw indicators), with DHIS2's paging (`pager`, page, pageSize, paging=false) and the
basics of `fields=` and `filter=` (property:operator:value, joined by AND unless rootJunction=OR).
"""

import math
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext as _

from sinergi.core.permissions import VIEW
from sinergi.indicators.choices import AggregationChoices, ValueTypeChoices
from sinergi.indicators.dhis2.periods import TYPE_NAMES
from sinergi.indicators.dhis2.uids import (
    DEFAULT_CATEGORY_COMBO,
    dotted,
    indicator_codes_by_uid,
    indicator_uid,
    region_codes_by_uid,
    region_uid,
    uid,
)
from sinergi.indicators.models import Indicator
from sinergi.regions import codes as region_codes
from sinergi.regions.choices import LEVEL_ORDER
from sinergi.regions.models import Region

NO_MATCH = "?"  # an unknown UID becomes a code no region or indicator has ("?" is in neither)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
LEVEL_NUMBER = {level: number for number, level in enumerate(LEVEL_ORDER, start=1)}
VALUE_TYPES = {
    ValueTypeChoices.NUMBER: "NUMBER",
    ValueTypeChoices.PERCENTAGE: "PERCENTAGE",
    ValueTypeChoices.YES_NO: "BOOLEAN",
    ValueTypeChoices.LEVEL: "INTEGER_ZERO_OR_POSITIVE",
}
AGGREGATION_TYPES = {
    AggregationChoices.SUM: "SUM",
    AggregationChoices.WEIGHTED_AVERAGE: "AVERAGE_SUM_ORG_UNIT",
    AggregationChoices.MIN: "MIN",
    AggregationChoices.MAX: "MAX",
    AggregationChoices.COUNT_YES: "COUNT",
    AggregationChoices.COUNT_AT_OR_ABOVE: "COUNT",
    AggregationChoices.NONE: "NONE",
}
OPERATORS = ("eq", "!eq", "ne", "neq", "like", "!like", "ilike", "!ilike", "in", "!in",
             "startsWith", "endsWith", "$like", "like$", "null", "!null", "gt", "ge", "lt",
             "le")  # fmt: skip


class QueryError(ValueError):
    """A bad fields/filter/paging parameter (answered 409 with the message)."""


@dataclass(frozen=True)
class Resource:
    """How a DHIS2 collection maps onto a Sinergi model: the filterable properties (DHIS2 name:
    ORM field, with a function turning the filter's text into the field's value) and how one
    object is written out."""

    plural: str
    model: type
    properties: dict
    default_fields: tuple = ("id", "displayName")


def ou_id(text: str) -> str:
    return region_codes_by_uid().get(text, NO_MATCH)


def de_id(text: str) -> str:
    return indicator_codes_by_uid().get(text, NO_MATCH)


def ou_level(text: str) -> str:
    try:
        number = int(text)
        if not 1 <= number <= len(LEVEL_ORDER):  # 0 or -1 would index from the end
            raise IndexError(number)
        return LEVEL_ORDER[number - 1]
    except (ValueError, IndexError):
        raise QueryError(
            _("level must be a number from 1 to %(n)s.") % {"n": len(LEVEL_ORDER)}
        ) from None


ORG_UNITS = Resource(
    "organisationUnits",
    Region,
    {
        "id": ("code", ou_id),
        "code": ("code", dotted),
        "name": ("name", str),
        "displayName": ("name", str),
        "shortName": ("name", str),
        "level": ("level", ou_level),
        "parent.id": ("parent_id", ou_id),
        "parent.code": ("parent_id", dotted),
    },
)
DATA_ELEMENTS = Resource(
    "dataElements",
    Indicator,
    {
        "id": ("code", de_id),
        "code": ("code", str),
        "name": ("name", str),
        "displayName": ("name", str),
        "shortName": ("name", str),
    },
)


def ds_id(text: str) -> str:
    from sinergi.programs.models import Theme

    codes = {uid("ds", code): code for code in Theme.objects.values_list("code", flat=True)}
    return codes.get(text, NO_MATCH)


def data_sets_resource():
    from sinergi.programs.models import Theme

    return Resource(
        "dataSets",
        Theme,
        {
            "id": ("code", ds_id),
            "code": ("code", str),
            "name": ("name", str),
            "displayName": ("name", str),
            "shortName": ("name", str),
        },
    )


def data_set(theme) -> dict:
    """A theme as a DHIS2 data set: its reported indicators are its data elements."""
    indicators = [i for i in theme.indicators.all() if not i.is_ratio]
    types = {TYPE_NAMES.get(i.period_type) for i in indicators}
    result = {
        "id": uid("ds", theme.code),
        "code": theme.code,
        "name": theme.name,
        "shortName": theme.name[:50],
        "displayName": theme.name,
        "dataSetElements": [{"dataElement": {"id": indicator_uid(i.code), "code": i.code}}
                            for i in indicators],
        "categoryCombo": {"id": DEFAULT_CATEGORY_COMBO},
    }  # fmt: skip
    if len(types) == 1:  # a DHIS2 data set has one period type; a theme may mix them
        result["periodType"] = types.pop()
    return result


def org_unit(region: Region) -> dict:
    ancestors = [*region_codes.ancestor_codes(region.code), region.code]
    parent = region.parent_id
    return {
        "id": region_uid(region.code),
        "code": region.code,
        "name": region.full_name,
        "shortName": region.name[:50],
        "displayName": region.full_name,
        "level": LEVEL_NUMBER[region.level],
        "path": "/" + "/".join(region_uid(code) for code in ancestors),
        "parent": {"id": region_uid(parent), "code": parent} if parent else None,
        "leaf": region.level == LEVEL_ORDER[-1],
        "openingDate": "1970-01-01T00:00:00.000",
        "featureType": "NONE",
    }


def data_element(indicator: Indicator) -> dict:
    return {
        "id": indicator_uid(indicator.code),
        "code": indicator.code,
        "name": indicator.name,
        "shortName": indicator.name[:50],
        "displayName": indicator.name,
        "description": indicator.definition,
        "valueType": VALUE_TYPES.get(indicator.value_type, "NUMBER"),
        "aggregationType": AGGREGATION_TYPES.get(indicator.aggregation, "SUM"),
        "domainType": "AGGREGATE",
        "periodType": TYPE_NAMES.get(indicator.period_type, "Yearly"),
        "zeroIsSignificant": True,
        "categoryCombo": {"id": DEFAULT_CATEGORY_COMBO},
        "optionSet": None,
        "unit": indicator.unit,
        "levels": list(indicator.levels or []),
    }


MAX_FIELD_DEPTH = 3


def field_list(text: str, default: tuple, depth_left: int = MAX_FIELD_DEPTH) -> list:
    """`fields=id,name,parent[id,code]` → ["id", "name", ("parent", ["id", "code"])]; `*`,
    `:all` and `:owner` mean every field."""
    text = (text or "").strip()
    if not text:
        return list(default)
    if depth_left < 0:
        raise QueryError(_("fields= nests at most %(n)s levels.") % {"n": MAX_FIELD_DEPTH})
    fields, depth, current = [], 0, ""
    for char in text + ",":
        if char == "," and depth == 0:
            if current.strip():
                fields.append(current.strip())
            current = ""
            continue
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth < 0:
            raise QueryError(_("fields=%(f)s has an unmatched ].") % {"f": text})
        current += char
    if depth:
        raise QueryError(_("fields=%(f)s has an unmatched [.") % {"f": text})
    result = []
    for item in fields:
        match = re.fullmatch(r"([\w:*]+)\[(.*)\]", item)
        if match:
            result.append((match[1], field_list(match[2], ("id",), depth_left - 1)))
        else:
            result.append(item)
    return result


def pick(obj: dict, fields: list) -> dict:
    if any(f in ("*", ":all", ":owner", ":identifiable", ":nameable") for f in fields):
        return obj
    picked = {}
    for item in fields:
        if isinstance(item, tuple):
            name, inner = item
            value = obj.get(name)
            if isinstance(value, dict):
                picked[name] = pick(value, inner)
            elif isinstance(value, list):
                picked[name] = [pick(v, inner) for v in value]
            elif name in obj:
                picked[name] = value
        elif item in obj:
            picked[item] = obj[item]
    return picked


def filter_q(resource: Resource, expression: str) -> Q:
    """One DHIS2 filter, e.g. `code:eq:52.03`, `name:ilike:lombok`, `id:in:[a,b]`."""
    parts = expression.split(":", 2)
    if len(parts) < 2 or parts[1] not in OPERATORS:
        raise QueryError(
            _("filter=%(f)s is not understood: write property:operator:value, e.g. "
              "name:ilike:lombok (operators: %(ops)s).")
            % {"f": expression, "ops": ", ".join(OPERATORS)}
        )  # fmt: skip
    prop, op = parts[0], parts[1]
    raw = parts[2] if len(parts) == 3 else ""
    if prop not in resource.properties:
        raise QueryError(
            _("filter on %(p)s is not supported; use one of %(props)s.")
            % {"p": prop, "props": ", ".join(resource.properties)}
        )
    field, convert = resource.properties[prop]
    negate = op.startswith("!") or op in ("ne", "neq")
    op = op.lstrip("!")
    if op in ("null",):
        q = Q(**{f"{field}__isnull": True})
    elif op == "in":
        items = [item.strip() for item in raw.strip("[]").split(",") if item.strip()]
        q = Q(**{f"{field}__in": [convert(item) for item in items]})
    else:
        value = convert(raw)
        lookup = {"eq": "exact", "ne": "exact", "neq": "exact", "like": "contains",
                  "ilike": "icontains", "startsWith": "startswith", "$like": "startswith",
                  "endsWith": "endswith", "like$": "endswith", "gt": "gt", "ge": "gte",
                  "lt": "lt", "le": "lte"}[op]  # fmt: skip
        if prop == "level":
            lookup = "exact" if lookup in ("exact",) else lookup
            if lookup in ("gt", "gte", "lt", "lte"):
                number = LEVEL_ORDER.index(value)
                levels = [lvl for i, lvl in enumerate(LEVEL_ORDER) if compare(i, lookup, number)]
                q = Q(level__in=levels)
                return ~q if negate else q
        q = Q(**{f"{field}__{lookup}": value})
    return ~q if negate else q


def compare(a: int, lookup: str, b: int) -> bool:
    return {"gt": a > b, "gte": a >= b, "lt": a < b, "lte": a <= b}[lookup]


def collection(resource: Resource, queryset, params, path: str, represent) -> dict:
    """A DHIS2 list answer: {"pager": {...}, "<plural>": [...]} (no pager with paging=false)."""
    combined = None
    for expression in params.getlist("filter"):
        q = filter_q(resource, expression)
        if combined is None:
            combined = q
        elif (params.get("rootJunction") or "AND").upper() == "OR":
            combined |= q
        else:
            combined &= q
    if combined is not None:
        queryset = queryset.filter(combined)
    fields = field_list(params.get("fields", ""), resource.default_fields)
    paging = (params.get("paging") or "true").lower() != "false"
    answer = {}
    if paging:
        try:
            page = max(1, int(params.get("page") or 1))
            size = min(MAX_PAGE_SIZE, max(1, int(params.get("pageSize") or DEFAULT_PAGE_SIZE)))
        except ValueError:
            raise QueryError(_("page and pageSize must be whole numbers.")) from None
        total = queryset.count()
        pages = max(1, math.ceil(total / size))
        pager = {"page": page, "pageCount": pages, "total": total, "pageSize": size}
        query = {k: v for k, v in params.items() if k not in ("page",)}
        if page < pages:
            pager["nextPage"] = f"{path}?{urlencode({**query, 'page': page + 1})}"
        if page > 1:
            pager["prevPage"] = f"{path}?{urlencode({**query, 'page': page - 1})}"
        answer["pager"] = pager
        # a page past the last is empty (its offset could pass the database's integer range)
        queryset = queryset[(page - 1) * size : page * size] if page <= pages else []
    answer[resource.plural] = [pick(represent(obj), fields) for obj in queryset]
    return answer


def org_units(user):
    return Region.objects.restrict(user, VIEW).order_by("code")


def data_elements(user):
    return (
        Indicator.objects.restrict(user, VIEW)
        .filter(numerator__isnull=True, denominator__isnull=True)
        .order_by("code")
    )


def data_sets(user):
    from sinergi.programs.models import Theme

    return Theme.objects.restrict(user, VIEW).prefetch_related("indicators").order_by("code")
