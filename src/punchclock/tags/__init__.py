"""Tags: workspace-scoped labels on time entries."""
