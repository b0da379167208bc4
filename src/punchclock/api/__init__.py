"""HTTP front doors."""
