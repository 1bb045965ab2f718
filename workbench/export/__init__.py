"""Exports of the claims table: CSV, JSON lines, Parquet (and ClaimReview JSON-LD)."""
