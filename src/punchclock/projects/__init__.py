"""Projects: what time is tracked against."""
