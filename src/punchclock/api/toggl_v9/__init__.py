"""The Toggl Track API v9 front door: wire schemas, mappers and handlers."""
