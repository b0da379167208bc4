"""Clients: who projects are for."""
