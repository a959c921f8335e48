"""Statuses in and posts out: the inbox's cursors and claims, the outbox, its sender and reconciliation."""
