"""Deterministic bibliographic records generated from a search query."""
