"""Writing results: the files of a report, the exports and data dictionary, the manifest, safe cells."""
