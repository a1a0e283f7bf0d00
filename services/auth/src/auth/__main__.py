"""`python -m auth ...` is the same as `refgen-auth ...`."""

from auth.main import run

run()
