"""Reports over time entries."""
