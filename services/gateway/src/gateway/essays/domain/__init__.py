"""Pure essay rules: statuses, request normalisation, profile completeness."""
