"""Tasks: subdivisions of projects."""
