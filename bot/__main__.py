"""`python -m bot` is `mentorat`."""

from bot.app.cli import entry

entry()
