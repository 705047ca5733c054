"""Rules of the 'dokumen' family."""
