"""People offer to mentor through the bot; mentors keep their entry current."""
