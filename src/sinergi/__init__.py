"""Sinergi: regional government and TP PKK work programs, planned and monitored together."""

__version__ = "0.1.0"
