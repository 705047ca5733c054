"""Rules of the 'bukti' family."""
