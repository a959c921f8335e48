"""Requests, offers and introductions."""
