"""Moderators' tools, the programme's figures and the report."""
