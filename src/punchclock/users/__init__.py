"""Users: identity, credentials and profile."""
