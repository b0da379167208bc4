"""Punchclock: a self-hosted time tracker that speaks the Toggl Track API v9."""

__all__ = ["__version__"]

__version__ = "0.1.0"
