"""Toggl v9 wire types and the mappers between them and the domain."""
