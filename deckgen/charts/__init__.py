"""Charts drawn with matplotlib (``Figure`` only), at the size of their box on the slide."""
