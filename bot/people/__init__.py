"""Who someone is: the roster, profiles, how people are named and whether they may be contacted."""
