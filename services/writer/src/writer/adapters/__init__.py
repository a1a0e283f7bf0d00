"""Adapters: the only code that talks to the LLM."""
