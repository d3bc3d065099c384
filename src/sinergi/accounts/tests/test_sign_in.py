import pytest
from django.urls import reverse

from sinergi.core.testing import PASSWORD, make_persona

pytestmark = pytest.mark.django_db


def test_sign_in_locks_after_repeated_failures_and_says_so_in_indonesian(client, demo):
    make_persona("operator.lotim")
    url = reverse("accounts:login")
    statuses = [
        client.post(url, {"username": "operator.lotim", "password": "salah-sekali"}).status_code
        for _ in range(5)
    ]
    locked = client.post(url, {"username": "operator.lotim", "password": PASSWORD})
    assert statuses == [200, 200, 200, 200, 429]  # ordinary form errors, then the lock
    assert locked.status_code == 429
    assert "Terlalu banyak" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_good_sign_in_works_and_resets_the_count(client, demo):
    make_persona("viewer.lobar")
    url = reverse("accounts:login")
    for _ in range(3):
        client.post(url, {"username": "viewer.lobar", "password": "salah"})
    response = client.post(url, {"username": "viewer.lobar", "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_every_page_carries_a_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy


def test_lock_holds_across_addresses_and_across_usernames(client, demo):
    make_persona("operator.lotim")
    make_persona("viewer.lobar")
    url = reverse("accounts:login")
    for number in range(5):  # one account guessed from five addresses
        client.post(url, {"username": "operator.lotim", "password": "salah"},
                    REMOTE_ADDR=f"10.0.0.{number + 1}")  # fmt: skip
    locked = client.post(
        url, {"username": "operator.lotim", "password": PASSWORD}, REMOTE_ADDR="10.0.0.99"
    )
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    page = locked.content.decode().replace("\xa0", " ")
    assert "1 jam" in page and "PT1H" not in page
    for number in range(5):  # five accounts guessed from one address
        client.post(url, {"username": f"tebakan{number}", "password": "salah"},
                    REMOTE_ADDR="10.9.9.9")  # fmt: skip
    other = client.post(
        url, {"username": "viewer.lobar", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 429 and "_auth_user_id" not in client.session
    fine = client.post(url, {"username": "viewer.lobar", "password": PASSWORD})
    assert fine.status_code == 302
