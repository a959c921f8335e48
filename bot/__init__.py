"""Mentorat: a fediverse-native mentoring bot."""

__version__ = "0.1.0"
