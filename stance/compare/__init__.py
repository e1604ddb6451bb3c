"""Comparing sources across the corpus: profiles against the rest, disagreements, figures, naming, keyness."""
