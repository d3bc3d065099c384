"""The one write path (core.writes) every channel uses: checked before and after, all or nothing."""

import pytest

from sinergi.core.writes import OutOfScope, create_checked, delete_checked, save_checked
from sinergi.organizations.models import Organization
from sinergi.programs.models import Program
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def lobar_program(demo):
    team = Organization.objects.get(slug="tp-pkk-52-01")
    return Program.objects.create(name="Posyandu Lobar", fiscal_year=2024, owner=team)


def test_a_stored_record_out_of_scope_is_not_taken_over(lobar_program):
    operator = make_persona("operator.lotim")
    lobar_program.owner = Organization.objects.get(slug="tp-pkk-52-03")  # in scope after the edit
    lobar_program.name = "Diambil"
    with pytest.raises(OutOfScope, match="Posyandu Lobar|Diambil"):
        save_checked(operator, lambda: lobar_program.save() or lobar_program, lobar_program)
    assert Program.objects.get(pk=lobar_program.pk).name == "Posyandu Lobar"
    with pytest.raises(OutOfScope):
        delete_checked(operator, lobar_program)
    assert Program.objects.filter(pk=lobar_program.pk).exists()


def test_a_new_record_out_of_scope_is_rolled_back_and_the_system_is_not_restricted(demo):
    operator = make_persona("operator.lotim")
    lobar_team = Organization.objects.get(slug="tp-pkk-52-01")
    program = Program(name="Nyasar", fiscal_year=2024, owner=lobar_team)
    with pytest.raises(OutOfScope):
        save_checked(operator, lambda: program.save() or program, program)
    assert program.pk is None and not Program.objects.filter(name="Nyasar").exists()
    own = create_checked(operator, Program, name="Sah", fiscal_year=2024,
                         owner=Organization.objects.get(slug="tp-pkk-52-03"))  # fmt: skip
    assert Program.objects.filter(pk=own.pk).exists()
    assert create_checked(None, Program, name="Sistem", fiscal_year=2024, owner=lobar_team).pk
