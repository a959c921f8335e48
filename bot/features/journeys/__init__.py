"""The mentoring journey, from the introduction to the closing."""
