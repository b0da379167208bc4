"""Organizations, workspaces and who belongs to them."""
