"""Rebuilding trust guide: content core (load, validate, link, render) and its MkDocs adapter."""
from .adapter import define_env, on_post_build, on_pre_page_macros

__all__ = ["define_env", "on_post_build", "on_pre_page_macros"]
