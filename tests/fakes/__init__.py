"""In-memory stand-ins for the platform, for tests that do not need HTTP."""
