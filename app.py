"""Sikker By dashboard: the entry point. It sets up the pages and routes to them."""

from sikkerby.ui import navigation

navigation.run()
