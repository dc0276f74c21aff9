"""Gold data and scoring for evidence.extract (see README.md)."""
