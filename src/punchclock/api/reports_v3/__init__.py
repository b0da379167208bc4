"""The Toggl Reports API v3 front door."""
