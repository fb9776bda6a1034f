"""Sikker By: data, mål og visninger for Københavns Sikker By-strategi."""
