"""A small Mastodon-compatible server on loopback, imitating Mastodon, GoToSocial or Akkoma, for the demo and tests."""

from bot.sandbox.api import LoggedRequest
from bot.sandbox.client import PersonaClient, PersonaError
from bot.sandbox.faults import Faults
from bot.sandbox.flavours import FLAVOURS
from bot.sandbox.records import ApiError
from bot.sandbox.server import Sandbox

__all__ = ["ApiError", "FLAVOURS", "Faults", "LoggedRequest", "PersonaClient", "PersonaError", "Sandbox"]
