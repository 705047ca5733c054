"""Rules of the 'peserta' family."""
