"""HTTP calls to the auth service."""
