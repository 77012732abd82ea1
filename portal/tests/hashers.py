"""A password hasher for the tests: production's PBKDF2-SHA256, with one round.

The suite creates a few hundred staff users, and seed_demo three more each time
it runs; at production's million rounds each password took a third of a second.
The algorithm and the stored format are production's, which reads the rounds
from the stored hash: the app servers that tests start under production
settings accept these passwords (and would strengthen them at sign-in).
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class OneRoundPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1
