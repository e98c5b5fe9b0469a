"""Numbers in text: the figure finder, grounding of evidence, and normalisation of records."""
