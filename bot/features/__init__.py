"""What the bot does for people: mentoring, journeys, conversations, moderation, privacy, volunteering."""
