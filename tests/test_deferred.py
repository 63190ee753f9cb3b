"""Deferred start-up work: `requests` and the git commands run only when used, and still work then."""
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


GIT_SCRIPT = """
import subprocess
from mkdocs.config import load_config
config = load_config("mkdocs.yml")
config.plugins.on_startup(command="build", dirty=False)
ran = []
check_output = subprocess.check_output
subprocess.check_output = lambda cmd, **kw: ran.append(cmd) or check_output(cmd, **kw)
config = config.plugins.on_config(config)
print(len(ran))
plugin = config.plugins["macros"]
print(plugin.env.from_string("{{ git.commit }}").render(**plugin.variables))
print(len(ran) > 0)
"""


def test_mkdocs_macros_runs_git_only_when_a_page_reads_its_git_variable() -> None:
    result = subprocess.run([sys.executable, "-c", GIT_SCRIPT], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", head.stdout.strip(), "True"]
