"""Admin login throttling: per account and per address, explained in the editor's language."""

import pytest
from django.test import Client

from .editorial_support import EDITOR_PASSWORD, make_editor

LIMIT = 5


@pytest.fixture(autouse=True)
def _throttling_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT


def attempt(username, password, address="203.0.113.7", language="fr"):
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )
    signed_in = "_auth_user_id" in client.session
    return response, signed_in


def fail(username, times, address="203.0.113.7"):
    return [attempt(username, "wrong-password", address)[0].status_code for _ in range(times)]


@pytest.mark.django_db
def test_after_the_limit_even_the_right_password_is_refused_with_a_message(django_user_model):
    alice = make_editor(django_user_model)
    statuses = fail(alice.username, LIMIT)
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)  # the form again, with its error
    assert statuses[-1] == 429
    response, signed_in = attempt(alice.username, EDITOR_PASSWORD)
    assert response.status_code == 429 and not signed_in
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert "15 minutes" in response.content.decode()


@pytest.mark.django_db
def test_the_lockout_message_is_in_the_editors_language(django_user_model):
    alice = make_editor(django_user_model)
    fail(alice.username, LIMIT)
    response, _ = attempt(alice.username, EDITOR_PASSWORD, language="zh-TW")
    assert response.status_code == 429
    assert "登入失敗次數過多" in response.content.decode()


@pytest.mark.django_db
def test_the_account_is_locked_from_every_address_others_are_not(django_user_model):
    alice = make_editor(django_user_model)
    bob = make_editor(django_user_model, "bob")
    fail(alice.username, LIMIT, address="203.0.113.7")
    # Alice's account, from elsewhere: still locked (the attack is on the account).
    assert attempt(alice.username, EDITOR_PASSWORD, address="198.51.100.2")[0].status_code == 429
    # Bob, from another address: unaffected.
    assert attempt(bob.username, EDITOR_PASSWORD, address="198.51.100.3")[1]


@pytest.mark.django_db
def test_one_address_trying_many_accounts_is_locked_other_addresses_are_not(django_user_model):
    bob = make_editor(django_user_model, "bob")
    for number in range(LIMIT):
        attempt(f"guess{number}", "wrong-password", address="203.0.113.9")
    response, signed_in = attempt(bob.username, EDITOR_PASSWORD, address="203.0.113.9")
    assert response.status_code == 429 and not signed_in
    assert attempt(bob.username, EDITOR_PASSWORD, address="198.51.100.4")[1]


@pytest.mark.django_db
def test_a_successful_login_resets_the_count(django_user_model):
    alice = make_editor(django_user_model)
    fail(alice.username, LIMIT - 1)
    assert attempt(alice.username, EDITOR_PASSWORD)[1]
    # The count starts again: LIMIT - 1 more failures do not lock her out.
    fail(alice.username, LIMIT - 1)
    assert attempt(alice.username, EDITOR_PASSWORD)[1]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(django_user_model, settings):
    settings.PROXY_COUNT = 1
    bob = make_editor(django_user_model, "bob")
    proxy = "10.0.0.1"
    for number in range(LIMIT):
        Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.50").post(
            "/admin/login/", {"username": f"guess{number}", "password": "wrong"}
        )
    # Another reader behind the same proxy is not locked out with the attacker.
    client = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.60")
    client.post("/admin/login/", {"username": bob.username, "password": EDITOR_PASSWORD})
    assert "_auth_user_id" in client.session
