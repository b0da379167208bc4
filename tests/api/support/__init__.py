"""Helpers shared by the API tests, one module per kind of thing they make.

The verb says how: `create_*` goes through the API and expects a 200 (it returns the JSON),
`post_*`/`list_*` return the raw response, and `insert_*`, `join_workspace` and `update_*`
write the database directly, past every rule of the API.
"""
