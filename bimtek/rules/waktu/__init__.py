"""Rules of the 'waktu' family."""
