"""Claim workbench: extract factual claims, store them, match them to evidence, review them."""
__version__ = "0.1.0"
