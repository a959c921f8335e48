"""The instance: the one Mastodon.py gateway, typed events, errors, rate limits, streaming."""
