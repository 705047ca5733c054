"""Rules of the 'klinis' family."""
