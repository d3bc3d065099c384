from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import record_event
from sinergi.core.templatetags.sinergi import rupiah
from sinergi.core.utils.exports import table_response
from sinergi.core.utils.pdf import pdf_response
from sinergi.dashboards import pdf
from sinergi.dashboards.convergence import (
    LEVELS,
    REGION,
    TARGET,
    ConvergenceError,
    convergence,
    convergence_map,
    default_indicators,
    indicators_with_figures,
)
from sinergi.dashboards.profiles import region_profile as profile_context
from sinergi.dashboards.services import headline_visuals, home_body
from sinergi.indicators.choices import RollupStatusChoices
from sinergi.indicators.models import Indicator, Target
from sinergi.indicators.rollup import RollupError
from sinergi.programs.models import Program
from sinergi.programs.services import default_year
from sinergi.regions.choices import RegionLevelChoices
from sinergi.regions.instance import home_region_code
from sinergi.regions.models import Region

LEVEL_BELOW = {"province": "regency", "regency": "district", "district": "village"}


def home(request):
    """Beranda: the province at a glance, with the way into regions, programs and the 5W."""
    context = {"title": _("Home"), "body": mark_safe(home_body(request))}  # noqa: S308 - our template
    return render(request, "dashboards/home.html", context)


def region_profile(request, code):
    """A region's profile, any region, on the web and printable (the PDF has the same sections)."""
    region = get_object_or_404(Region, code=code)
    context = profile_context(region, request.user)
    context.update(headline_visuals(region, context["cards"], request.user))
    context.update(
        title=_("Profile: %(region)s") % {"region": region.full_name},
        breadcrumbs=[*context["chain"], region],
    )
    return render(request, "dashboards/region_profile.html", context)


def region_profile_pdf(request, code):
    """A region's profile: key indicators with targets and sources, charts, programs."""
    region = get_object_or_404(Region, code=code)
    record_event("export", request.user, f"profil {region.code}")
    return pdf_response(pdf.region_profile(region, request.user), f"profil-{region.code}.pdf")


def program_report_pdf(request, pk):
    """A program's report: owner, themes, collaborations, activities, agreements, sources."""
    program = get_object_or_404(Program.objects.restrict(request.user), pk=pk)
    record_event("export", request.user, f"laporan program {program.pk}")
    return pdf_response(pdf.program_report(program, request.user), f"program-{program.pk}.pdf")


def convergence_selection(request) -> dict:
    """Year, region, level, priority indicators and the theme filter from the query string, with
    the defaults: the latest program year, the province, kab/kota, the key indicators with
    targets that year."""
    region = Region.objects.filter(code=request.GET.get("region") or home_region_code()).first()
    if region is None:
        raise Http404(_("Unknown region code."))
    year_text = request.GET.get("year") or ""
    year = int(year_text) if year_text.isascii() and year_text.isdigit() else default_year()
    if not 2000 <= year <= 2100:
        raise Http404(_("Enter a year between 2000 and 2100."))
    level = request.GET.get("level") or LEVEL_BELOW.get(region.level, "")
    codes = [code for code in request.GET.getlist("indicator") if code]
    if codes:
        indicators = list(
            Indicator.objects.filter(code__in=codes).prefetch_related("themes").order_by("name")
        )
    else:
        indicators = default_indicators(region, level, year) if level in LEVELS else []
    compare = REGION if request.GET.get("compare") == REGION else TARGET
    if not codes and compare == REGION and level in LEVELS:
        indicators = indicators_with_figures(region, year)  # key indicators the region has
    return {
        "region": region,
        "year": year,
        "level": level,
        "indicators": indicators,
        "defaulted": not codes,
        "theme_only": request.GET.get("theme_only") == "1",
        "compare": compare,
    }


def build_convergence(request):
    selection = convergence_selection(request)
    try:
        result = convergence(
            selection["region"],
            selection["level"],
            selection["year"],
            selection["indicators"],
            request.user,
            theme_only=selection["theme_only"],
            compare=selection["compare"],
        )
    except (ConvergenceError, RollupError) as exc:
        raise Http404(str(exc)) from exc
    return selection, result


def convergence_page(request):
    """Where several priorities are behind at once, and which programs reach those areas."""
    selection, result = build_convergence(request)
    file_format = request.GET.get("format")
    if file_format in ("csv", "xlsx"):
        return convergence_export(request, result, file_format)
    province = Region.objects.filter(code=selection["region"].code[:2]).first()
    years = sorted(
        {selection["year"], *Program.objects.restrict(request.user).values_list(
            "fiscal_year", flat=True
        ).distinct(), *(
            int(p) for p in Target.objects.values_list("period", flat=True).distinct()
            if len(p) == 4 and p.isdigit()
        )},
        reverse=True,
    )  # fmt: skip
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "title": _("Convergence: where priorities overlap"),
        "result": result,
        "selection": selection,
        "query": query.urlencode(),
        "years": years,
        "province": province,
        "regencies": province.children.order_by("code") if province else [],
        "levels": [(lvl, RegionLevelChoices(lvl).label) for lvl in LEVELS],
        "all_indicators": Indicator.objects.order_by("name"),
        "selected_codes": {ind.code for ind in result.indicators},
        "several": sum(1 for area in result.areas if area.behind >= 2),
        "judged": any(area.judged for area in result.areas),
        "convergence_map": convergence_map(result),
        "benchmark_pairs": list(zip(result.indicators, result.benchmarks, strict=True)),
    }
    return render(request, "dashboards/convergence.html", context)


def yardstick(cell) -> str:
    """What an area's "target" column holds: its own target, or (compare=region) the figure of
    the region it is judged against, named so that nobody reads it as a target."""
    benchmark = getattr(cell, "benchmark", None)
    if benchmark is not None:
        return str(_("figure of %(region)s") % {"region": benchmark.name})
    return str(_("own target")) if cell.target is not None else ""


def convergence_export(request, result, file_format: str):
    """The ranking as shown (same rows, same order), as CSV or XLSX."""
    headers = [
        _("Rank"),
        _("Code"),
        _("Area"),
        _("Priorities behind"),
        _("Priorities judged"),
        _("Unknown (partial, no data or no target)"),
        _("Of which partial data"),
        _("Mean achievement, per cent (each capped at 100)"),
    ]
    for ind in result.indicators:
        headers += [
            f"{ind.code}: {_('value')}",
            f"{ind.code}: {_('target')}",
            f"{ind.code}: {_('judged against')}",
            f"{ind.code}: {_('achievement %')}",
            f"{ind.code}: {_('status')}",
            f"{ind.code}: {_('source')}",
        ]
    headers += [_("Programs"), _("Programs placed in the area"), _("Program names")]
    rows = []
    for area in result.areas:
        row = [
            area.rank,
            area.code,
            area.name,
            area.behind,
            area.judged,
            area.unknown,
            area.partial,
            area.mean_achievement,
        ]
        for cell in area.cells:
            if cell is None:
                row += [None, None, "", None, "", ""]
            else:
                status = str(RollupStatusChoices(cell.status).label)
                row += [
                    cell.value,
                    cell.target,
                    yardstick(cell),
                    cell.achievement_pct,
                    status,
                    cell.source_text,
                ]
        if area.programs is None:
            sign_in = str(_("sign in to see programs"))
            row += [sign_in, sign_in, ""]
        else:
            row += [
                len(area.programs),
                sum(1 for link in area.programs if link.specific),
                "; ".join(program_text(link) for link in area.programs),
            ]
        rows.append(row)
    name = f"convergence-{result.region.code}-{result.level}-{result.year}"
    record_event("export", request.user, f"{name}.{file_format}", request=request, rows=len(rows))
    return table_response(name, headers, rows, file_format)


def program_text(link) -> str:
    """A program reaching an area, for the export: name, owner, budget, how it reaches it."""
    parts = [str(link.program)]
    if link.program.owner:
        parts.append(link.program.owner.short_name)
    if link.program.budget is not None:
        parts.append(rupiah(link.program.budget))
    parts.append(link.label)
    return " — ".join(parts)


def convergence_json(request):
    """For maps: {"areas": {code: {score, behind, programs, …}}, …} (see README)."""
    _selection, result = build_convergence(request)
    return JsonResponse(
        {
            "region": result.region.code,
            "level": result.level,
            "year": result.year,
            "indicators": [ind.code for ind in result.indicators],
            "programs_visible": result.programs_visible,
            "areas": {area.code: area.as_json() for area in result.areas},
        }
    )
