"""What a caller sees across their workspaces, in one read (GET /me?with_related_data)."""
