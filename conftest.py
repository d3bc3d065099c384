import pytest

from sinergi.testing import load_ntb


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real NTB regions and their TP PKK teams."""
    with django_db_blocker.unblock():
        load_ntb()


@pytest.fixture
def demo(db):
    from sinergi.extraction.demo import load_meeting
    from sinergi.programs.demo import load_demo

    result = load_demo()
    load_meeting()
    return result


@pytest.fixture
def operator(db):
    """A provincial operator without an organisation: may write anywhere in NTB."""
    from sinergi.testing import make_user

    return make_user("operator.ntb", role="operator", region="52")


@pytest.fixture
def persona(db):
    """persona("operator.lotim") → the user with its role (see sinergi.testing.make_persona)."""
    from sinergi.testing import make_persona

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


@pytest.fixture(autouse=True)
def every_new_row_has_history(request):
    """Safety net for the whole suite: every domain row a test creates has a history row."""
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    request.getfixturevalue("_django_db_helper")  # the database is set up before we look
    from sinergi.core.history import tracked_models

    before = {
        model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for model in tracked_models()
    }
    yield
    for model, last in before.items():
        new = set(model.objects.filter(pk__gt=last).values_list("pk", flat=True))
        recorded = set(model.history.filter(id__in=new).values_list("id", flat=True))
        missing = sorted(new - recorded)[:5]
        assert not missing, f"{model.__name__} rows {missing} lack history"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rolled-back test data can reuse ids; start every test with an empty cache."""
    from django.core.cache import cache

    from sinergi.regions.instance import CACHE_KEY, UNSET_HOME_REGION

    cache.clear()
    # No test starts with an instance set up (NTB, as `make run`); a running server reads this
    # once per cache lifetime, so query counts measure each page's own queries.
    cache.set(CACHE_KEY, UNSET_HOME_REGION, None)
    yield


@pytest.fixture(autouse=True, scope="session")
def tasks_run_immediately():
    """Queued tasks run at once in tests (no worker process); production runs `sinergi run_huey`."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
