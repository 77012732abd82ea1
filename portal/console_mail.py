"""The e-mail backend of a developer's machine: each message printed readably.

Django's console backend prints the raw message, where a Vietnamese subject is
MIME-encoded (=?utf-8?b?...?=) and the body may be base64; this one prints who
sends, to whom, the subject and the body as text.
"""

from django.core.mail.backends import console


class EmailBackend(console.EmailBackend):
    """Django's console backend, printing headers decoded and the body as text."""

    def write_message(self, message):
        headers = [
            ("From", message.from_email),
            ("To", ", ".join(message.to)),
            ("Cc", ", ".join(message.cc)),
            ("Reply-To", ", ".join(message.reply_to)),
            ("Subject", message.subject),
        ]
        lines = [f"{name}: {value}" for name, value in headers if value]
        lines += ["", message.body.rstrip("\n")]
        for content, mimetype in getattr(message, "alternatives", []):
            lines.append(f"[also as {mimetype}, {len(content)} characters]")
        for attachment in message.attachments:
            name = getattr(attachment, "filename", None) or attachment
            lines.append(f"[attached: {name}]")
        self.stream.write("\n".join(lines) + "\n")
