"""The `punchclock` command line."""
