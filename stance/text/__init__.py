"""Text: normalising (script, width, spaces), splitting sentences, segmenting words."""
