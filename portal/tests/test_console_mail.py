"""On a developer's machine, e-mails print readably on the console of `make run`."""

import io

from django.core.mail import EmailMessage

from portal.console_mail import EmailBackend


def test_a_vietnamese_mail_prints_as_text():
    stream = io.StringIO()
    mail = EmailMessage(
        "Bài viết chờ duyệt: “Đại hội Đảng bộ phường Định Công”",
        "Chào anh/chị,\nBài viết đã được gửi duyệt.\n",
        "Cổng thông tin <khong-tra-loi@localhost>",
        ["duyetbai@hoangmai.vn"],
    )
    sent = EmailBackend(stream=stream).send_messages([mail])
    printed = stream.getvalue()
    assert sent == 1
    assert "Subject: Bài viết chờ duyệt: “Đại hội Đảng bộ phường Định Công”" in printed
    assert "From: Cổng thông tin <khong-tra-loi@localhost>" in printed
    assert "To: duyetbai@hoangmai.vn" in printed
    assert "Bài viết đã được gửi duyệt." in printed
    assert "=?utf-8?" not in printed
