"""Sign-up: a new account with its first organization and workspace (above users and workspaces)."""
