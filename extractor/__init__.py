"""extractor: Bulgarian municipal child-protection programmes to structured, validated data."""

__version__ = "0.3.0"
