"""Search: accent-blind normalisation and the in-memory index with its ranking."""
