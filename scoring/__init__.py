"""Grading of attempts and, later, the post-Bimtek checklist: pure functions over the domain package."""
