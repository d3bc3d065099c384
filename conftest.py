import pytest

from sinergi.core.testing import load_ntb


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real NTB regions and their TP PKK teams."""
    with django_db_blocker.unblock():
        load_ntb()


@pytest.fixture
def demo(db):
    from sinergi.programs.demo import load_demo

    return load_demo()


@pytest.fixture
def operator(db):
    from sinergi.core.testing import make_user

    return make_user("operator.lotim")


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client
