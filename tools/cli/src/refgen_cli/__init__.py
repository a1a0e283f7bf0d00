"""refgen: the command-line client of the RefGen API."""
