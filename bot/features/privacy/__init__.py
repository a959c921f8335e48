"""People's control over their data: the registry of what names them, « mes données », « oublie-moi », the notice."""
