"""Reading and validating ``outline.yaml``."""
