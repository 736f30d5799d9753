"""extractor: Bulgarian municipal child-protection programmes to structured, validated data."""

__version__ = "0.2.0"
