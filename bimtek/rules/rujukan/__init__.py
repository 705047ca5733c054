"""Rules of the 'rujukan' family."""
