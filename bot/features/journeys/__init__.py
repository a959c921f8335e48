"""The mentoring journey, from the introduction to the closing."""

from bot.features.journeys.journeys import JourneyPolicy, Journeys, Rhythm

__all__ = ["JourneyPolicy", "Journeys", "Rhythm"]
