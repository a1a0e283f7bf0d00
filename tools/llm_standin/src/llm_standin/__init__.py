"""OpenAI-compatible stand-in LLM server for RefGen's development, tests, demo and benchmarks."""

__version__ = "0.1.0"
