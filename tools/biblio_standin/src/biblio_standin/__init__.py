"""Stand-in for the OpenAlex and Crossref works APIs, for RefGen's development, tests and demo."""

__version__ = "0.1.0"
