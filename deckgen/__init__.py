"""deckgen: a YAML outline plus a shop's data in, a management-ready PowerPoint deck out."""

__version__ = "0.1.0"
