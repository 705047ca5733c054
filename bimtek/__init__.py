"""Bimtek Klaim BPJS: the domain of claims, reference data, rules, content and accounting (no UI)."""
