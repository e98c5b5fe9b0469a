"""tradex: typed trade observations from news articles, with a scorer to prove prompt quality."""
