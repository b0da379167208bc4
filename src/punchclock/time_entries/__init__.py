"""Time entries: the timer, its rules and its storage."""
