"""`make demo`: one essay end to end in one process, on embedded defaults."""
