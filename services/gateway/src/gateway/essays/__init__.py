"""Essay routes, their use cases and the projection of pipeline events."""
