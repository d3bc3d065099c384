from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import record_event
from sinergi.core.utils.pdf import pdf_response
from sinergi.dashboards import pdf
from sinergi.dashboards.profiles import region_profile as profile_context
from sinergi.dashboards.services import home_body
from sinergi.programs.models import Program
from sinergi.regions.models import Region


def home(request):
    """Beranda: the province at a glance, with the way into regions, programs and the 5W."""
    context = {"title": _("Home"), "body": mark_safe(home_body(request))}  # noqa: S308 - our template
    return render(request, "dashboards/home.html", context)


def region_profile(request, code):
    """A region's profile, any region, on the web and printable (the PDF has the same sections)."""
    region = get_object_or_404(Region, code=code)
    context = profile_context(region, request.user)
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
