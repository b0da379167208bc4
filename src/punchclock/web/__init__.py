"""The web app: server-rendered pages over the domain services (it never calls the JSON API)."""
