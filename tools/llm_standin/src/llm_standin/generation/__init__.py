"""Placeholder content: markdown prose, source lists and JSON that follows a schema."""
