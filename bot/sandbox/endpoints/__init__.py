"""The sandbox's Mastodon API, one module an area: the instance, accounts, statuses."""
