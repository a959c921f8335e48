"""Mentorat: a fediverse-native mentoring bot."""

from pathlib import Path

__version__ = "0.1.0"

# The templates of every message, page and reflection prompt (fr/, en/, reflections/, report/).
PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
