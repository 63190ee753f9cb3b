"""MkDocs-only hooks (`hooks:` in mkdocs.yml), for what no portable extension can reach.

mkdocs-macros runs git at every build for a variable this site does not use; see `deferred.py`.

Material's search parses each page's whole HTML, then drops the sections marked NOT_SEARCHED: the
glossary's letter lists, the clinicians' directory and term pages' link lists. Handing it the page
without them gives the same index for less work. Zensical has its own search, so it needs none of this.
"""
from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from macros.deferred import defer_git_info  # a hook file is loaded on its own, not as part of the package
from macros.search import searchable


def on_startup(command: str, dirty: bool) -> None:  # before any plugin's on_config
    defer_git_info()


@event_priority(-100)  # after the search plugin has made its index
def on_config(config: Any) -> None:
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is None:  # search switched off
        return
    add = index.add_entry_from_context

    def add_searchable(page: Any) -> None:
        full = page.content
        page.content = searchable(full)
        try:
            add(page)
        finally:
            page.content = full

    index.add_entry_from_context = add_searchable
