"""`make bench`: how fast the pipeline and the renderer are, measured in one run."""
