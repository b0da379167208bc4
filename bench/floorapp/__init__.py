"""The floor server behind bench/floor.py: wire format, database drivers, and the ASGI app."""
