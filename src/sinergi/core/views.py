"""Generic views every app's pages are declared on: a few lines per concrete view."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from sinergi.core.forms import bootstrapify


class ObjectListView(SingleTableMixin, FilterView):
    """A filtered, sortable, paginated table of one model."""

    template_name = "core/object_list.html"
    paginate_by = 50
    title = ""
    add_url_name = None

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        bootstrapify(filterset.form)
        return filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural.capitalize()
        if self.add_url_name:
            context["add_url"] = reverse(self.add_url_name)
        return context


class ObjectDetailView(DetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", str(self.object))
        return context


class ObjectEditMixin(LoginRequiredMixin):
    """Create or edit one object in a transaction, with a translated confirmation."""

    template_name = "core/object_edit.html"

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
        messages.success(self.request, _("Saved: %(object)s") % {"object": self.object})
        return response

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
    pass


class ObjectUpdateView(ObjectEditMixin, UpdateView):
    pass
