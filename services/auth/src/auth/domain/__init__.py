"""Pure auth domain: rules, models, token and throttling policies (no I/O, no frameworks)."""
