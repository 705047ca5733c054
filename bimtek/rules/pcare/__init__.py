"""Rules of the 'pcare' family."""
