"""Rules of the 'tarif' family."""
