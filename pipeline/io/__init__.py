"""Reading and writing: articles, JSON Lines with atomic writes, the gold corpus."""
