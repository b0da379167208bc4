"""Web app sign-ins: sessions kept in the database, and slowing down repeated failed sign-ins."""
