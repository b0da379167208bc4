"""The web app's pages, one module per area; each exports its ROUTES."""
