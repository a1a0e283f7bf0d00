"""RefGen auth service: users, passwords, profiles, refresh tokens and RS256 signing keys."""
