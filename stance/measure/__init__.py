"""Measuring one article: frame hits, the stance scorer, mentions, aggregates and their statistics."""
