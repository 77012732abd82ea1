"""Two-factor sign-in for staff: a code from an authenticator app, or a backup code.

With settings.STAFF_TWO_FACTOR on (always in production):

- the admin's login page asks for the user name, the password and a code: the six
  digits of the staff member's authenticator app (TOTP, django-otp) or one of their
  one-time backup codes (login.py);
- a staff member without an app yet is led, once their password is right, to the
  enrolment page: a QR code and the key as text, a first code to confirm, then ten
  backup codes shown once (enrolment.py). Until then they are not signed in at all;
- a wrong code counts as a failed sign-in for django-axes, like a wrong password,
  and the lockout applies to codes and enrolment as it does to passwords. It is
  keyed on the user name and the address together (django-otp's own throttle,
  kept per device, is off), so someone who knows a password cannot keep its
  owner's right codes refused from elsewhere;
- a session that has not passed the second factor (one opened before the
  requirement, or by another way in) counts as anonymous everywhere
  (policy.TwoFactorMiddleware): no admin page, action, import, export, preview or
  upload.

The admin site (sites.py) serves these pages; superusers reset a lost phone from
the users' list (admin.py) or with `manage.py reset_two_factor`.
"""
