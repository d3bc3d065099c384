import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergi.core.models import DomainModel, ScopedModel
from sinergi.core.permissions import Scope
from sinergi.core.utils.regional import ambiguous, decimal_reading, number_text, parse_decimal
from sinergi.indicators import periods
from sinergi.indicators.choices import (
    APPROVAL_STATE_COLORS,
    AggregationChoices,
    ApprovalStateChoices,
    DataValueStatusChoices,
    DirectionChoices,
    PeriodAggregationChoices,
    PeriodTypeChoices,
    SourceKindChoices,
    TargetKindChoices,
    ValueTypeChoices,
)
from sinergi.indicators.querysets import DataValueQuerySet, IndicatorQuerySet

VALUE = {"max_digits": 20, "decimal_places": 4}
LEVEL_WORD = re.compile(r"[^\W_]+")
NO_LEVEL = ("belum", "belum ada", "tidak ada", "none", "tidak")  # words for level 0
COUNT_AGGREGATIONS = {AggregationChoices.COUNT_YES, AggregationChoices.COUNT_AT_OR_ABOVE}


def validate_period_id(value: str) -> None:
    try:
        periods.parse(value)
    except periods.PeriodError as exc:
        raise ValidationError(str(exc)) from exc


class Indicator(ScopedModel):
    """A figure reported for regions and periods, raw or the ratio of two indicators."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=250)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    value_type = models.CharField(
        _("value type"), max_length=20, choices=ValueTypeChoices.choices, default="number"
    )
    levels = models.JSONField(
        _("levels"),
        default=list,
        blank=True,
        help_text=_(
            "For ordered levels: names from lowest to highest, e.g. Pratama, Madya, Utama."
        ),
    )
    numerator = models.ForeignKey(
        "self",
        verbose_name=_("numerator"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("denominator"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    aggregation = models.CharField(
        _("aggregation across regions"),
        max_length=20,
        choices=AggregationChoices.choices,
        default=AggregationChoices.SUM,
    )
    weight = models.ForeignKey(
        "self",
        verbose_name=_("weight indicator"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For a weighted average: the indicator whose values weigh each child."),
    )
    count_input = models.ForeignKey(
        "self",
        verbose_name=_("counted indicator"),
        related_name="counted_by",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For counts: the village-level indicator counted (default: this one)."),
    )
    count_threshold = models.PositiveSmallIntegerField(
        _("count at or above"),
        default=1,
        help_text=_("Level number counted from (1 = the lowest level; yes = 1)."),
    )
    period_aggregation = models.CharField(
        _("aggregation across periods"),
        max_length=10,
        choices=PeriodAggregationChoices.choices,
        default=PeriodAggregationChoices.LAST,
    )
    period_type = models.CharField(
        _("period type"), max_length=10, choices=PeriodTypeChoices.choices, default="year"
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=DirectionChoices.choices, default="higher"
    )
    themes = models.ManyToManyField(
        "programs.Theme", verbose_name=_("themes"), related_name="indicators", blank=True
    )
    owner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("owner"),
        related_name="indicators",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    is_key = models.BooleanField(
        _("key indicator"), default=False, help_text=_("Shown on the home page.")
    )
    definition = models.TextField(_("definition"), blank=True)
    source = models.TextField(_("source"), blank=True)
    method = models.TextField(_("method"), blank=True)

    objects = IndicatorQuerySet.as_manager()
    scope = Scope(reference=True)
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator_detail", args=[self.code])

    @property
    def is_ratio(self) -> bool:
        return bool(self.numerator_id and self.denominator_id)

    @property
    def counts_villages(self) -> bool:
        return self.aggregation in COUNT_AGGREGATIONS

    @property
    def counted_from(self) -> "Indicator | None":
        """The other indicator whose village values this one counts (Destana formed counts the
        villages at or above a Destana level): at village level this one is derived from it, so
        it is not entered there."""
        if self.counts_villages and self.count_input_id and self.count_input_id != self.pk:
            return self.count_input
        return None

    def levels_text(self) -> str:
        """The accepted levels, for a message: "0 (none), Pratama, Madya, Utama"."""
        return ", ".join(
            ["0 (%s)" % _("none"), *(str(name) for name in self.levels or [])]  # noqa: UP031
        )

    def level_number(self, text: str) -> int | None:
        """The level `text` names, case-insensitively: its name ("Madya"), the name after words
        of the indicator's own name or code ("Destana Madya", "tingkat madya"), or a word for none
        ("belum", "tidak ada"); None when it names no level."""
        words = LEVEL_WORD.findall(str(text).lower())
        if not words:
            return None
        names = {" ".join(LEVEL_WORD.findall(name.lower())): i
                 for i, name in enumerate(self.levels or [], start=1)}  # fmt: skip
        names.update(dict.fromkeys(NO_LEVEL, 0))
        found = names.get(" ".join(words))
        if found is None:
            own = set(LEVEL_WORD.findall(f"{self.name} {self.code.replace('_', ' ')}".lower()))
            found = names.get(" ".join(word for word in words if word not in own))
        return found

    def clean(self) -> None:
        errors = {}
        if bool(self.numerator_id) != bool(self.denominator_id):
            errors["denominator"] = _("A ratio needs both a numerator and a denominator.")
        if self.value_type == ValueTypeChoices.LEVEL:
            names = [" ".join(LEVEL_WORD.findall(str(n).lower())) for n in self.levels or []]
            if len(names) < 2:
                errors["levels"] = _("An ordered level needs at least two level names.")
            elif (
                not all(names)
                or len(set(names)) < len(names)
                or set(names) & set(NO_LEVEL)
                or any(name.isdigit() for name in names)
            ):
                errors["levels"] = _(
                    "Level names must be different words, not numbers or words for none."
                )
        if self.aggregation == AggregationChoices.WEIGHTED_AVERAGE and not self.weight_id:
            errors["weight"] = _("A weighted average needs a weight indicator.")
        if errors:
            raise ValidationError(errors)

    def check_value(self, value) -> Decimal:
        """The value as stored, or ValidationError saying what this indicator accepts."""
        if type(value) is Decimal:  # e.g. checked once already: only the rules below again
            number = value
        elif (
            self.value_type == ValueTypeChoices.LEVEL
            and isinstance(value, str)
            and parse_decimal(value) is None
        ):
            number = self.level_number(value)
            if number is None:
                raise ValidationError(
                    _("“%(text)s” is not a level of %(indicator)s: choose one of %(levels)s.")
                    % {"text": value.strip(), "indicator": self.name, "levels": self.levels_text()},
                    code="invalid",
                )
            number = Decimal(number)
        elif isinstance(value, str) and ambiguous(value):
            raise ValidationError(
                _("“%(text)s” may mean %(thousands)s or %(decimal)s: write it without the "
                  "thousands separator (%(thousands)s) or with a decimal comma (%(comma)s).")
                % {
                    "text": value.strip(),
                    "thousands": number_text(value, whole=True),
                    "decimal": decimal_reading(value),
                    "comma": decimal_reading(value).replace(".", ","),
                },
                code="ambiguous",
            )  # fmt: skip
        else:
            number = parse_decimal(value)  # "12,5", "1.234,5" as well as "12.5"
            if number is None:
                try:
                    number = Decimal(str(value).strip())  # e.g. "1E+3" from a spreadsheet
                except (ArithmeticError, ValueError):
                    number = None
        if number is None or not number.is_finite():
            raise ValidationError(_("Enter a number."), code="invalid")
        if abs(number) >= 10 ** (VALUE["max_digits"] - VALUE["decimal_places"]):
            raise ValidationError(_("The number is too large."), code="invalid")
        if self.value_type == ValueTypeChoices.YES_NO and number not in (0, 1):
            raise ValidationError(_("Enter 1 for yes or 0 for no."), code="invalid")
        if self.value_type == ValueTypeChoices.LEVEL and (
            number != number.to_integral_value() or not 0 <= number <= len(self.levels)
        ):
            raise ValidationError(
                _("Enter a level of %(indicator)s: %(levels)s (or its number, 0 to %(n)s).")
                % {"indicator": self.name, "levels": self.levels_text(), "n": len(self.levels)},
                code="invalid",
            )
        if self.value_type == ValueTypeChoices.PERCENTAGE and not 0 <= number <= 100:
            raise ValidationError(_("A percentage lies between 0 and 100."), code="invalid")
        if number < 0:
            raise ValidationError(_("The value cannot be negative."), code="invalid")
        return number

    def level_label(self, value) -> str:
        """An ordered level's value as people read it: its name, 0 (none) as 0, no value a dash."""
        if value is None or value == "":
            return "—"
        return self.level_name(value) if value else "0"

    def level_name(self, value) -> str:
        if value is None or self.value_type != ValueTypeChoices.LEVEL:
            return ""
        index = int(value)
        return self.levels[index - 1] if 1 <= index <= len(self.levels) else "—"


class Target(DomainModel):
    """A target or baseline for an indicator, a region at any level and a period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), related_name="targets", on_delete=models.CASCADE
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="targets", on_delete=models.PROTECT
    )
    period = models.CharField(_("period"), max_length=7, validators=[validate_period_id])
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=TargetKindChoices.choices,
        default=TargetKindChoices.TARGET,
    )
    value = models.DecimalField(_("value"), **VALUE)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    scope = Scope(region="region_id", writers=("admin",))

    class Meta:
        ordering = ["indicator", "region", "period"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period", "kind"], name="one_target_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.indicator.code} {self.region_id} {self.period}"


class DataValue(ScopedModel):
    """A value reported for an indicator, a region at any level and a period."""

    # No index of its own: the unique (indicator, region, period) index starts with it.
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        related_name="values",
        on_delete=models.PROTECT,
        db_index=False,
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="data_values",
        on_delete=models.PROTECT,
    )
    period = models.CharField(_("period"), max_length=7, validators=[validate_period_id])
    value = models.DecimalField(_("value"), **VALUE)
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DataValueStatusChoices.choices,
        default=DataValueStatusChoices.SUBMITTED,
    )
    source_kind = models.CharField(
        _("provenance"), max_length=10, choices=SourceKindChoices.choices, default="entry"
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Address or title of the document, import or meeting."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = DataValueQuerySet.as_manager()
    scope = Scope(region="region_id")
    # History is read by record (id), date, user and region; other indexes would only slow the
    # writing of every value.
    history = HistoricalRecords(no_db_index=["indicator", "created_by", "updated_by"])

    class Meta:
        ordering = ["indicator", "period", "region"]
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period"], name="one_value_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.region_id} {self.period} = {self.value}"


class Aggregate(ScopedModel):
    """Maintained summary of one indicator, region and period, updated in the same transaction as
    every write of a value at or below the region. `reported` copies the region's own DataValue,
    `computed` aggregates the children's `value`, `value` is reported if present, else computed.
    Only regions with children have summaries: a village's figures are its values (villages.py)."""

    # Summaries are derived: written only from values and regions that exist, and deleted with
    # them (on_delete), so the database does not check the hundreds of thousands of rows a large
    # import writes (db_constraint). No index on indicator: the unique index starts with it.
    indicator = models.ForeignKey(
        Indicator,
        related_name="aggregates",
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
    )
    region = models.ForeignKey(
        "regions.Region", related_name="aggregates", on_delete=models.CASCADE, db_constraint=False
    )
    period = models.CharField(max_length=7)
    reported = models.DecimalField(null=True, **VALUE)
    computed = models.DecimalField(null=True, **VALUE)
    value = models.DecimalField(null=True, **VALUE)
    children_reporting = models.PositiveIntegerField(default=0)
    children_total = models.PositiveIntegerField(default=0)

    scope = Scope(region="region_id")

    class Meta:
        verbose_name = _("aggregate")
        verbose_name_plural = _("aggregates")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "region"], name="one_aggregate_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.region_id} {self.period} = {self.value}"


class Approval(DomainModel):
    """The state of the data of one indicator, region and period: submitted by an operator,
    approved (locked, for the region and everything below it) or returned by a coordinator."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), related_name="approvals", on_delete=models.CASCADE
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="approvals",
        on_delete=models.PROTECT,
    )
    period = models.CharField(_("period"), max_length=7, validators=[validate_period_id])
    state = models.CharField(_("state"), max_length=10, choices=ApprovalStateChoices.choices)
    comment = models.TextField(_("comment"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField(_("at"), auto_now=True)

    scope = Scope(region="region_id")

    class Meta:
        ordering = ["indicator", "period", "region"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period"], name="one_approval_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.region_id} {self.period}: {self.get_state_display()}"

    @property
    def state_color(self) -> str:
        return APPROVAL_STATE_COLORS.get(self.state, "secondary")


class EditWindow(DomainModel):
    """When values of an indicator and period may be entered or changed (administrators: always)."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        related_name="edit_windows",
        on_delete=models.CASCADE,
    )
    period = models.CharField(_("period"), max_length=7, validators=[validate_period_id])
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"))

    scope = Scope(reference=True)

    class Meta:
        ordering = ["indicator", "period"]
        verbose_name = _("edit window")
        verbose_name_plural = _("edit windows")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_window_per_period"),
            models.CheckConstraint(
                condition=models.Q(closes__gte=models.F("opens")),
                name="window_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.opens} – {self.closes}"
