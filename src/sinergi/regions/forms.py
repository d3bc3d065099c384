"""Form fields that take regions by Kemendagri code, with suggestions by name (htmx datalist)."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import BootstrapModelForm
from sinergi.core.lookups import LookupField, SuggestInput
from sinergi.core.permissions import VIEW
from sinergi.regions import codes
from sinergi.regions.models import Region, RegionGroup, members_outside, outside_message

REGION_HINT = _("Code or name, e.g. 52.03 or Lombok Timur")


class RegionSuggestInput(SuggestInput):
    """A text input for codes or names; typing offers matching regions (/search/regions/)."""

    def __init__(self, attrs=None, separator=""):
        super().__init__(
            url=reverse_lazy("search:regions"),
            placeholder=REGION_HINT,
            separator=separator,
            attrs=attrs,
        )


class RegionLookupField(LookupField):
    """A region typed by code or name, for filters and forms."""

    def __init__(self, action: str = VIEW, **kwargs):
        kwargs.setdefault("queryset", Region.objects.select_related("parent"))
        kwargs.setdefault("url", reverse_lazy("search:regions"))
        kwargs.setdefault("placeholder", REGION_HINT)
        kwargs.setdefault(
            "error_messages",
            {
                "none": _(
                    "No region is named or coded “%(text)s”. Type a Kemendagri code such as "
                    "52.03 or part of a name such as Lombok Timur, and pick a suggestion."
                )
            },
        )
        super().__init__(action=action, **kwargs)


def region_by_name(queryset, text: str):
    """The one region of `queryset` that `text` names (not a code), else a form error."""
    found = list(queryset.lookup(text)[:6])
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(
            _("“%(text)s” names several regions: %(found)s. Type the code of the one you mean.")
            % {"text": text[:80], "found": "; ".join(f"{r.full_name} ({r.code})" for r in found)},
            code="invalid_choice",
        )
    raise ValidationError(
        _("No region you may choose is named “%(text)s”. Type a Kemendagri code such as 52.03, or "
          "part of the name and pick a suggestion.") % {"text": text[:80]},
        code="invalid_choice",
    )  # fmt: skip


class RegionCodeField(forms.ModelChoiceField):
    """A region by Kemendagri code or by name ("Lombok Timur", "Kec. Sakra")."""

    widget = RegionSuggestInput

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Unknown region code. Type a Kemendagri code such as 52.03.")},
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value or "").strip()
        if text and not text[0].isdigit():
            return region_by_name(self.queryset, text)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Region):
            return value.code
        return value


class RegionCodesField(forms.ModelMultipleChoiceField):
    """Several regions as comma-separated codes: '52.71, 52.03, 52.07'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("help_text", _("Kemendagri codes or names separated by commas."))
        kwargs.setdefault("widget", RegionSuggestInput(separator=","))
        super().__init__(**kwargs)

    def clean(self, value):
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        value = list(value or [])
        if not value:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return self.queryset.none()
        named = [region_by_name(self.queryset, text) for text in value if not text[0].isdigit()]
        value = [text for text in value if text[0].isdigit()] + [r.code for r in named]
        regions = self.queryset.filter(code__in=value)
        unknown = [code for code in value if code not in {r.code for r in regions}]
        if unknown:
            raise ValidationError(
                _("Unknown region code(s): %(codes)s. Use Kemendagri codes such as 52.03.")
                % {"codes": ", ".join(unknown)},
                code="invalid_choice",
            )
        return regions

    def prepare_value(self, value):
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        codes = [getattr(item, "code", item) for item in value]
        return ", ".join(str(code) for code in codes)

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != self.prepare_value(data)


class RegionGroupForm(BootstrapModelForm):
    """A region group with its members as codes; members must lie within the owner region, which
    must be one where the user may manage groups."""

    owner_region = RegionCodeField(label=_("Owner region"))
    regions = RegionCodesField(label=_("Members"), required=False)

    class Meta:
        model = RegionGroup
        fields = ["name", "slug", "year", "purpose", "owner_region", "regions", "description",
                  "source"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_region"].help_text = RegionGroup._meta.get_field(
            "owner_region"
        ).help_text
        self.restrict_regions("owner_region", "change" if self.instance.pk else "add")

    def clean(self):
        cleaned = super().clean()
        owner, members = cleaned.get("owner_region"), cleaned.get("regions")
        if owner is not None and members is not None:
            outside = members_outside(owner.code, members)
            if outside:
                self.add_error("regions", outside_message(owner, outside))
        return cleaned

    def save(self, commit=True):
        group = super().save(commit=False)
        group.save()
        group.set_members(self.cleaned_data.get("regions") or [])
        return group


class RegionGroupRowForm(BootstrapModelForm):
    """One row of a region-group import: `group,year,purpose,region` adds the region to the group
    (named by its name or slug within the year), creating the group on its first row.

    A new group's owner region is the widest region among the user's roles that may manage groups
    and contains the row's region (the province for administrators)."""

    group = forms.CharField(label=_("Group"), max_length=150)
    region = RegionCodeField(label=_("Region"))

    class Meta:
        model = RegionGroup
        fields = ["year", "purpose"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["group"] = self.instance.name

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region")
        if region is None:
            return cleaned
        owner = self.instance.owner_region if self.instance.pk else None
        owner = owner or default_owner(self.user, region)
        if owner is None:
            self.add_error(
                "region",
                _("%(region)s is outside the regions where your role may manage region groups.")
                % {"region": region},
            )
            return cleaned
        if members_outside(owner.code, [region]):
            self.add_error("region", outside_message(owner, [region]))
        self.owner = owner
        return cleaned

    def has_changed(self):
        if not self.instance.pk:
            return True
        region = self.cleaned_data.get("region")
        member = region is not None and self.instance.regions.filter(pk=region.pk).exists()
        return not member or self.instance.purpose != self.cleaned_data.get("purpose")

    def save(self, commit=True):
        """Find the group again when saving: an earlier row of the same file may have made it."""
        data = self.cleaned_data
        name = data["group"]
        group = find_group(name, data["year"])
        if group is None:
            group = RegionGroup(name=name, year=data["year"], owner_region=self.owner)
        elif not self.instance.pk:
            self.instance = group
        group.purpose = data["purpose"]
        group.save()
        group.regions.add(data["region"])
        return group


def find_group(name: str, year) -> RegionGroup | None:
    """The group of `year` whose name or slug is `name`."""
    if not str(year or "").strip().isdigit():
        return None
    name = (name or "").strip()
    groups = RegionGroup.objects.filter(year=year)
    return groups.filter(name=name).first() or groups.filter(slug=slugify(name)).first()


def default_owner(user, region) -> Region | None:
    """The widest region containing `region` where `user` may add region groups (None: none)."""
    from sinergi.core.permissions import regions_for

    candidates = Region.objects.filter(code__in=[*codes.ancestor_codes(region.code), region.code])
    q = regions_for(user, RegionGroup, "add") if user is not None else None
    if q is not None:
        candidates = candidates.filter(q)
    return candidates.order_by("code").first()
