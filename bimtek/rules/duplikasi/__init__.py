"""Rules of the 'duplikasi' family."""
