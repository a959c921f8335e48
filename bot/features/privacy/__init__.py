"""People's control over their data."""
