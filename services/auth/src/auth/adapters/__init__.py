"""Adapters: PostgreSQL repositories, password hashing, signing keys and JWT encoding."""
