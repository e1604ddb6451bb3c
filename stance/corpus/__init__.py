"""The corpus: reading files and manifests, page furniture, and the typed records of articles and sentences."""
