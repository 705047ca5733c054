"""Benefit exclusions: care the JKN fund does not pay (Perpres 82/2018 Pasal 52)."""
