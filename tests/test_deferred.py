"""Deferred imports: loading the site's config no longer imports `requests`, yet it still works."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = """
import sys
from mkdocs.config import load_config
load_config("mkdocs.yml")  # validates the Markdown extensions, then loads the plugins
import mkdocs_macros.util as util
print("urllib3" in sys.modules)
print(callable(util.requests.get), "urllib3" in sys.modules)
"""


def test_mkdocs_macros_gets_requests_only_when_it_uses_it() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]
