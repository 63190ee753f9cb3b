"""Rebuilding trust guide: content core (load, validate, link, render) and its adapter for mkdocs-macros."""
from .adapter import define_env

__all__ = ["define_env"]
