"""Requests, offers and introductions: intake, offers and their answers, due offers, member commands."""

from bot.features.mentoring.mentoring import Mentoring
from bot.features.mentoring.policy import Policy

__all__ = ["Mentoring", "Policy"]
