"""Generic views every app's pages are declared on: a few lines per concrete view."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from sinergi.core.forms import bootstrapify
from sinergi.core.models import record_event
from sinergi.core.permissions import CHANGE, VIEW, can_add
from sinergi.core.utils.exports import table_response
from sinergi.core.writes import OutOfScope, save_checked


class ObjectListView(SingleTableMixin, FilterView):
    """A filtered, sortable, paginated table of one model."""

    template_name = "core/object_list.html"
    paginate_by = 50
    title = ""
    add_url_name = None
    add_label = None

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, VIEW)

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("export")
        if file_format in ("csv", "xlsx"):
            return self.export(file_format)
        return super().get(request, *args, **kwargs)

    def export(self, file_format: str):
        """Every row of the list as filtered and sorted on screen (not only the page shown),
        within the user's scope, as CSV or XLSX."""
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else (
            self.get_queryset() if not filterset.is_bound else self.get_queryset().none()
        )  # fmt: skip
        table = self.get_table_class()(queryset)
        RequestConfig(self.request, paginate=False).configure(table)
        values = list(table.as_values())
        name = slugify(str(self.title or self.model._meta.verbose_name_plural))
        record_event("export", self.request.user, f"{name}.{file_format}: {len(values) - 1} rows")
        return table_response(name, values[0], values[1:], file_format)

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        bootstrapify(filterset.form)
        return filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural.capitalize()
        model = self.model or self.queryset.model  # views declared by their queryset alone
        if self.add_url_name and can_add(self.request.user, model):
            context["add_url"] = reverse(self.add_url_name)
            context["add_label"] = self.add_label
        return context


class ObjectDetailView(DetailView):
    """A detail page; objects outside the user's view scope answer 404."""

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, VIEW)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", str(self.object))
        return context


class ObjectEditMixin(LoginRequiredMixin):
    """Create or edit one object in a transaction, with a translated confirmation."""

    template_name = "core/object_edit.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        """Save through the gate (`core.writes`): rolled back if the object left the user's
        scope (or was never in it)."""
        try:
            self.object = save_checked(self.request.user, form.save, form.instance)
        except OutOfScope as refused:
            form.add_error(None, str(refused))
            self.object = form.instance
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(object)s") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_cancel_url(self) -> str:
        if getattr(self, "object", None) and self.object.pk:
            return self.object.get_absolute_url()
        return reverse(self.cancel_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.model._meta
        if getattr(self, "object", None) and self.object.pk:
            context["title"] = _("Edit %(object)s") % {"object": self.object}
        else:
            context["title"] = capfirst(_("New %(model)s") % {"model": meta.verbose_name})
        context["cancel_url"] = self.get_cancel_url()
        return context


class ObjectCreateView(ObjectEditMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_add(request.user, self.model):
            raise PermissionDenied(_("Your role does not allow adding this."))
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        self.object = None
        return super().form_invalid(form)


class ObjectUpdateView(ObjectEditMixin, UpdateView):
    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, CHANGE)
