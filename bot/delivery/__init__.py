"""Statuses in and posts out: the inbox's cursors and claims, the outbox and its sender."""
