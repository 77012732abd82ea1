"""Two-factor sign-in for staff: password, then a code from their phone."""

import datetime
import re
from base64 import b32decode

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from news.models import Article
from portal.tests.images import jpeg_bytes
from portal.tests.screens import keep
from portal.tests.staff_login import give_app, login_verified, totp_code
from portal.tests.test_settings import django_check
from publishing.workflow import APPROVER_GROUP, EDITOR_GROUP
from two_factor.checks import check_two_factor
from two_factor.devices import new_backup_codes, normalize, verify

pytestmark = pytest.mark.django_db


def login_url():
    return reverse("admin:login") + "?next=" + reverse("admin:index")


def sign_in(client, username, code="", password="pw", address="10.1.2.3"):  # noqa: S107
    return client.post(
        login_url(),
        {
            "username": username,
            "password": password,
            "otp_token": code,
            "next": reverse("admin:index"),
        },
        REMOTE_ADDR=address,
    )


def reaches_admin(client):
    return client.get(reverse("admin:index")).status_code == 200


def errors(response):
    return " ".join(
        re.findall(r'class="errornote"[^>]*>\s*(.*?)\s*</p>', response.text, re.S)
    )


def key_on_page(response):
    """The setup key as the enrolment page shows it, for typing into an app."""
    shown = re.search(r'class="two-factor-key"[^>]*>([A-Z2-7 ]+)<', response.text)
    return b32decode(shown.group(1).replace(" ", ""))


def code_for_key(key):
    """The code an authenticator app given key shows now."""
    return f"{totp(key):06d}"


def test_the_login_page_asks_for_the_code_in_vietnamese(client):
    page = client.get(login_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="otp_token"' in text and 'autocomplete="one-time-code"' in text
    assert "Mã xác thực" in text and "mã dự phòng" in text


def test_a_password_alone_does_not_reach_the_admin(client, make_staff):
    make_staff("bientap", EDITOR_GROUP)
    response = sign_in(client, "bientap")
    assert response.status_code == 200
    assert "Vui lòng nhập mã xác thực" in errors(response)
    assert not reaches_admin(client)
    # The password alone has not signed anyone in, even for other pages.
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused_and_changes_nothing(client, make_staff):
    user = make_staff("bientap", EDITOR_GROUP)
    right = totp_code(user)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = sign_in(client, "bientap", wrong)
    assert response.status_code == 200
    assert "Mã xác thực không đúng hoặc đã hết hạn" in errors(response)
    assert not reaches_admin(client)
    assert "_auth_user_id" not in client.session
    assert not Article.objects.exists()
    # Counted as a failed sign-in, like a wrong password.
    assert AccessAttempt.objects.get(username="bientap").failures_since_start == 1


def test_the_right_code_signs_in(client, make_staff):
    user = make_staff("bientap", EDITOR_GROUP)
    code = totp_code(user)
    response = sign_in(client, "bientap", code)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert reaches_admin(client)
    # The same code cannot be used twice.
    client.post(reverse("admin:logout"))
    assert not reaches_admin(client)
    again = sign_in(client, "bientap", code)
    assert again.status_code == 200 and not reaches_admin(client)


def test_codes_typed_with_spaces_are_accepted(client, make_staff):
    user = make_staff("bientap", EDITOR_GROUP)
    code = totp_code(user)
    assert sign_in(client, "bientap", f" {code[:3]} {code[3:]} ").status_code == 302


def test_wrong_codes_from_elsewhere_do_not_keep_the_owner_out(
    client, make_staff, settings
):
    """Someone who knows the password, at another address, cannot block its owner."""
    user = make_staff("bientap", EDITOR_GROUP)
    # One instant: a throttle kept per account would still be holding the owner.
    with time_machine.travel(timezone.now(), tick=False):
        wrong = f"{(int(totp_code(user)) + 1) % 1_000_000:06d}"
        for _ in range(settings.AXES_FAILURE_LIMIT):
            intruder = sign_in(client, "bientap", wrong, address="198.51.100.66")
        assert intruder.status_code == 429  # the intruder's address is locked out
        owner = sign_in(Client(), "bientap", totp_code(user), address="10.1.2.3")
        assert owner.status_code == 302, errors(owner)


def test_a_backup_code_works_once(client, make_staff):
    user = make_staff("bientap", EDITOR_GROUP)
    codes = new_backup_codes(user)
    assert len(codes) == 10 and len(set(codes)) == 10
    # Typed in capitals, as printed with its dash or not: accepted.
    assert sign_in(client, "bientap", codes[0].upper()).status_code == 302
    assert reaches_admin(client)
    client.post(reverse("admin:logout"))
    assert not reaches_admin(client)

    again = sign_in(client, "bientap", codes[0])
    assert again.status_code == 200
    assert "Mã dự phòng không đúng hoặc đã được dùng" in errors(again)
    assert not reaches_admin(client)
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_first_sign_in_leads_to_enrolment_then_backup_codes(client, make_staff):
    user = make_staff("bientap", EDITOR_GROUP, app=False)
    response = sign_in(client, "bientap")
    assert response.status_code == 302
    enrol_url = reverse("admin:two_factor_enrol")
    assert response["Location"] == enrol_url
    # Not signed in until the app is confirmed.
    assert not reaches_admin(client)

    page = client.get(enrol_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "Mã QR thiết lập" in text
    assert "Google Authenticator" in text and "bientap" in text
    assert "no-store" in page["Cache-Control"]
    key = key_on_page(page)
    assert len(key) == 20
    assert not TOTPDevice.objects.filter(user=user).exists()

    wrong = client.post(enrol_url, {"otp_token": "12345"})
    assert "Mã xác nhận không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()

    done = client.post(enrol_url, {"otp_token": code_for_key(key)})
    assert done.status_code == 200
    text = done.content.decode()
    assert "Đã bật xác thực hai lớp" in text
    codes = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", text)
    assert len(codes) == 10
    assert "no-store" in done["Cache-Control"]
    assert reaches_admin(client)
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.bin_key == key
    # The enrolment page is gone once used.
    assert client.get(enrol_url).status_code == 302

    # Next time: password and the app's code, or a backup code.
    client.post(reverse("admin:logout"))
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    assert sign_in(client, "bientap", code_for_key(key)).status_code == 302
    client.post(reverse("admin:logout"))
    assert sign_in(client, "bientap", codes[3]).status_code == 302
    assert reaches_admin(client)


def test_the_enrolment_page_expires(client, make_staff):
    make_staff("bientap", EDITOR_GROUP, app=False)
    sign_in(client, "bientap")
    enrol_url = reverse("admin:two_factor_enrol")
    key = key_on_page(client.get(enrol_url))
    later = timezone.now() + datetime.timedelta(minutes=11)
    with time_machine.travel(later):
        response = client.post(enrol_url, {"otp_token": code_for_key(key)}, follow=True)
    assert "Phiên thiết lập xác thực hai lớp đã hết hạn" in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert not reaches_admin(client)


def test_without_a_password_there_is_no_enrolment(client, make_staff):
    make_staff("bientap", EDITOR_GROUP, app=False)
    response = sign_in(client, "bientap", password="sai")
    assert response.status_code == 200
    assert client.get(reverse("admin:two_factor_enrol")).status_code == 302


def test_an_unverified_session_reaches_nothing(client, make_staff, make_article):
    """A session with the password alone (force_login) is as good as anonymous."""
    user = make_staff("duyetbai", APPROVER_GROUP)
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(user)
    for url in [
        reverse("admin:index"),
        reverse("admin:news_article_changelist"),
        reverse("admin:news_article_change", args=[article.pk]),
        reverse("admin:news_article_import"),
        reverse("admin:news_article_export"),
        reverse("admin:campaigns_figure_import"),
        reverse("admin:two_factor"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url
    # List actions are refused too.
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk], "index": 0},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    # The editor's image upload and the draft preview.
    upload = client.post(
        reverse("editor_image_upload"),
        {"upload": SimpleUploadedFile("a.jpg", jpeg_bytes((40, 30)), "image/jpeg")},
    )
    assert upload.status_code == 403
    assert client.get(reverse("article_preview", args=[article.pk])).status_code == 404
    # The same session, once verified, reaches them.
    login_verified(client, user)
    assert reaches_admin(client)
    assert client.get(reverse("article_preview", args=[article.pk])).status_code == 200


def test_wrong_codes_lock_out_like_wrong_passwords(client, make_staff, settings):
    user = make_staff("bientap", EDITOR_GROUP)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "bientap", "99999999").status_code == 200
    locked = sign_in(client, "bientap", "99999999")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # Now even the right password and code are refused from this address.
    assert sign_in(client, "bientap", totp_code(user)).status_code == 429
    assert not reaches_admin(client)
    # A colleague at the same address is not affected.
    colleague = make_staff("duyetbai", APPROVER_GROUP)
    assert sign_in(client, "duyetbai", totp_code(colleague)).status_code == 302


def test_wrong_enrolment_codes_lock_out_too(client, make_staff, settings):
    make_staff("bientap", EDITOR_GROUP, app=False)
    sign_in(client, "bientap")
    enrol_url = reverse("admin:two_factor_enrol")
    key = key_on_page(client.get(enrol_url))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(enrol_url, {"otp_token": "000000"}, REMOTE_ADDR="10.1.2.3")
    locked = client.post(enrol_url, {"otp_token": "000000"}, REMOTE_ADDR="10.1.2.3")
    assert locked.status_code == 429
    late = client.post(
        enrol_url, {"otp_token": code_for_key(key)}, REMOTE_ADDR="10.1.2.3"
    )
    assert late.status_code == 302
    assert not TOTPDevice.objects.exists()
    assert sign_in(client, "bientap").status_code == 429


def test_a_superuser_resets_a_lost_phone(admin_client, editor_client, editor):
    new_backup_codes(editor)
    assert reaches_admin(editor_client)
    users = reverse("admin:auth_user_changelist")
    page = admin_client.get(users).content.decode()
    assert "Đặt lại xác thực hai lớp" in page and "xác thực hai lớp" in page
    response = admin_client.post(
        users,
        {"action": "reset_two_factor", "_selected_action": [editor.pk], "index": 0},
        follow=True,
    )
    assert "Đã đặt lại xác thực hai lớp của: bientap" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    # The editor's open session loses the admin at once…
    assert not reaches_admin(editor_client)
    # …and their next sign-in sets up the new phone.
    editor_client.post(reverse("admin:logout"))
    response = sign_in(editor_client, "bientap", address="10.9.9.9")
    assert response["Location"] == reverse("admin:two_factor_enrol")
    # The admin's own app still works.
    assert reaches_admin(admin_client)


def test_only_superusers_see_devices_and_reset(approver_client, approver, editor):
    users = reverse("admin:auth_user_changelist")
    assert approver_client.get(users).status_code == 403
    approver.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    page = approver_client.get(users)
    assert page.status_code == 200 and "reset_two_factor" not in page.text
    approver_client.post(
        users,
        {"action": "reset_two_factor", "_selected_action": [editor.pk], "index": 0},
    )
    assert TOTPDevice.objects.filter(user=editor).exists()
    devices = reverse("admin:otp_totp_totpdevice_changelist")
    assert approver_client.get(devices).status_code == 403


def test_the_device_lists_are_in_vietnamese_and_hide_keys(admin_client, editor):
    device = give_app(editor)
    new_backup_codes(editor)
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "Xác thực hai lớp: ứng dụng trên điện thoại" in index
    assert "Xác thực hai lớp: mã dự phòng" in index
    listing = admin_client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    text = listing.content.decode()
    assert "Ứng dụng xác thực" in text and "bientap" in text
    assert "Cán bộ" in text and "Dùng lần cuối" in text
    detail = admin_client.get(
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    ).content.decode()
    assert device.key not in detail and "Thiết lập lúc" in detail
    backups = admin_client.get(
        reverse("admin:otp_static_staticdevice_changelist")
    ).content.decode()
    assert "Số mã còn lại" in backups
    for token in StaticToken.objects.values_list("token", flat=True):
        assert token not in backups
    assert admin_client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    # Deleting a device is a reset too.
    admin_client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_staff_see_their_second_factor_and_make_new_backup_codes(editor_client, editor):
    old = new_backup_codes(editor)
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:two_factor") in index
    page = editor_client.get(reverse("admin:two_factor")).content.decode()
    assert "Còn 10 trên 10 mã" in page
    response = editor_client.post(reverse("admin:two_factor"), {"new_backup_codes": ""})
    codes = re.findall(r"<li><code>([a-z2-7-]{9})</code></li>", response.text)
    assert len(codes) == 10 and not set(codes) & set(old)
    assert "no-store" in response["Cache-Control"]
    assert verify(editor, normalize(codes[0]))[0] is not None
    assert verify(editor, normalize(old[0]))[0] is None


def test_the_operator_resets_from_the_command_line(make_staff, capsys):
    user = make_staff("admin2")
    new_backup_codes(user)
    call_command("reset_two_factor", "admin2")
    assert "Đã đặt lại xác thực hai lớp" in capsys.readouterr().out
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()


def test_the_requirement_can_be_off_in_development(client, make_staff, settings):
    settings.STAFF_TWO_FACTOR = False
    make_staff("bientap", EDITOR_GROUP, app=False)
    page = client.get(login_url()).content.decode()
    assert 'name="otp_token"' not in page
    assert sign_in(client, "bientap").status_code == 302
    assert reaches_admin(client)
    assert check_two_factor()[0].id == "portal.W001"


def test_the_deploy_check_passes_with_the_requirement_on():
    assert check_two_factor() == []


@pytest.mark.parametrize("value", ["false", "off"])
def test_production_refuses_to_start_with_the_requirement_off(value):
    result = django_check(DJANGO_STAFF_TWO_FACTOR=value)
    assert result.returncode != 0
    assert "DJANGO_STAFF_TWO_FACTOR cannot be turned off in production" in (
        result.stderr
    )


def test_production_has_the_requirement_on():
    result = django_check(DJANGO_STAFF_TWO_FACTOR="true")
    assert result.returncode == 0, result.stderr


def test_seeding_tells_how_to_sign_in(capsys, settings):
    call_command("seed_demo")
    assert "xác thực hai lớp" in capsys.readouterr().out.lower()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_first_sign_in_in_a_browser(browser, live_server, make_staff):
    make_staff("bientap", EDITOR_GROUP, app=False)
    base = live_server.url
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        problems = []
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.goto(base + login_url())
        page.fill("#id_username", "bientap")
        page.fill("#id_password", "pw")
        page.click("input[type=submit]")
        page.wait_for_url(base + reverse("admin:two_factor_enrol"))
        assert page.locator(".two-factor-qr svg").is_visible()
        keep(page, "two-factor-enrol-phone")
        key = b32decode(page.inner_text(".two-factor-key").replace(" ", ""))
        page.fill("#id_otp_token", code_for_key(key))
        page.click("#enrol-form input[type=submit]")
        page.wait_for_selector(".two-factor-code-list")
        assert page.locator(".two-factor-code-list li").count() == 10
        keep(page, "two-factor-codes-phone")
        page.click("text=Đã lưu mã, tiếp tục")
        page.wait_for_url(base + reverse("admin:index"))
        assert page.locator("#user-tools").is_visible()
        assert problems == []
    finally:
        context.close()
