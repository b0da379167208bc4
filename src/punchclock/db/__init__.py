"""Database access: schema, engine, units of work and migrations."""
