"""Rules of the 'kode' family."""
