"""JSON entities as each imitated server shapes them: accounts, statuses and notifications, the instance."""
