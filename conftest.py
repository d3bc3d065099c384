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
    """A provincial operator without an organisation: may write anywhere in NTB."""
    from sinergi.core.testing import make_user

    return make_user("operator.ntb", role="operator", region="52")


@pytest.fixture
def persona(db):
    """persona("operator.lotim") → the user with its role (see core.testing.PERSONAS)."""
    from sinergi.core.testing import make_persona

    return make_persona


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client


@pytest.fixture
def reader_client(client, persona):
    """Signed in as the provincial coordinator: reads everything in NTB."""
    client.force_login(persona("koordinator.ntb"))
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; the production hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
