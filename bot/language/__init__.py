"""Reading and writing: understanding, contracts, answers, messages, weaving."""
