"""Ashyq Derek: open data on Kazakhstan's employment policy, from PDF legal acts to a static site."""

__version__ = "0.1.0"
