"""Find the system Chromium for Playwright (Playwright's own browser download is not used)."""
from __future__ import annotations

import os
import shutil
import sys

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit and os.access(explicit, os.X_OK):
        return explicit
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


if __name__ == "__main__":
    path = chromium_path()
    print(path or "")
    sys.exit(0 if path else 1)
