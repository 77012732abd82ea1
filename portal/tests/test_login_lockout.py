"""Admin sign-in lockout: keyed on user name and address together."""

import pytest
from django.contrib.auth import get_user_model

from portal.tests.staff_login import give_app, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff(db):
    User = get_user_model()
    for name in ("bientap", "duyetbai"):
        give_app(
            User.objects.create_user(name, password="dung-mat-khau-1", is_staff=True)
        )


def attempt(client, username, password, address):
    # With the right code from the staff member's app: only the password is wrong.
    code = totp_code(get_user_model().objects.get(username=username))
    return client.post(
        LOGIN,
        {
            "username": username,
            "password": password,
            "otp_token": code,
            "next": "/admin/",
        },
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_that_user_at_that_address(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "bientap", "sai", "10.0.0.5").status_code == 200
    assert attempt(client, "bientap", "sai", "10.0.0.5").status_code == 429
    locked = attempt(client, "bientap", "dung-mat-khau-1", "10.0.0.5")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()


def test_the_lock_does_not_reach_colleagues_or_other_addresses(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "bientap", "sai", "10.0.0.5")
    # A colleague behind the same office proxy signs in.
    assert attempt(client, "duyetbai", "dung-mat-khau-1", "10.0.0.5").status_code == 302
    client.logout()
    # The same person from home signs in too.
    assert (
        attempt(client, "bientap", "dung-mat-khau-1", "203.0.113.8").status_code == 302
    )


def test_a_good_password_resets_the_count(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "bientap", "sai", "10.0.0.5")
    assert attempt(client, "bientap", "dung-mat-khau-1", "10.0.0.5").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "bientap", "sai", "10.0.0.5")
    assert attempt(client, "bientap", "dung-mat-khau-1", "10.0.0.5").status_code == 302
