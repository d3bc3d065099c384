import pytest
from django.urls import reverse

from sinergi.testing import PASSWORD, make_persona

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


def test_behind_a_proxy_the_clients_own_address_is_counted(client, demo, settings):
    """With SINERGI_PROXY_COUNT set, five failures of one client lock that client, not the
    proxy's address that every request arrives from."""
    settings.SINERGI_PROXY_COUNT = 1
    make_persona("viewer.lobar")
    url = reverse("accounts:login")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for number in range(5):  # five accounts guessed by one client through the proxy
        client.post(url, {"username": f"tebakan{number}", "password": "salah"},
                    HTTP_X_FORWARDED_FOR="36.68.1.7", **proxy)  # fmt: skip
    guesser = client.post(url, {"username": "viewer.lobar", "password": PASSWORD},
                          HTTP_X_FORWARDED_FOR="36.68.1.7", **proxy)  # fmt: skip
    assert guesser.status_code == 429
    other = client.post(url, {"username": "viewer.lobar", "password": PASSWORD},
                        HTTP_X_FORWARDED_FOR="forged, 36.70.2.2", **proxy)  # fmt: skip
    assert other.status_code == 302  # another client through the same proxy signs in
