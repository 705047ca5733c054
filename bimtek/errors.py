"""User-safe errors: their str() is a message in Bahasa Indonesia that a page may show as it is."""

from __future__ import annotations


class BimtekError(Exception):
    """Base of every error a user may see."""


class ContentError(BimtekError):
    """One error for every problem found in content, each as `file: location: message`."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class InputError(BimtekError):
    """Bad user input (an uploaded claim or batch): one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class StorageError(BimtekError):
    """The store is misconfigured, unreachable or too busy: one message saying what to do."""
