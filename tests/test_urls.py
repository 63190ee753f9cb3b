import itertools
import posixpath

from macros.urls import page_url, public_url, relative_url, source_link


def test_page_url_directory_and_file_forms() -> None:
    assert page_url("index.md") == ""
    assert page_url("steps/index.md") == "steps/"
    assert page_url("steps/setbacks.md") == "steps/setbacks/"
    assert page_url("steps/setbacks.md", directory=False) == "steps/setbacks.html"
    assert page_url("index.md", directory=False) == "index.html"


def test_public_url_is_the_web_address_with_any_anchor() -> None:
    base = "https://guide.test/"
    assert public_url(base, "index.md") == base
    assert public_url(base, "steps/setbacks.md#plan") == base + "steps/setbacks/#plan"


def test_relative_url_between_pages() -> None:
    assert relative_url("", "references/") == "references/"
    assert relative_url("steps/setbacks/", "references/#porges2011") == "../../references/#porges2011"
    assert relative_url("steps/setbacks/", "steps/") == "../"
    assert relative_url("steps/", "steps/support/") == "support/"
    assert relative_url("glossary/grounding/", "") == "../../"
    assert relative_url("", "") == "./"
    assert relative_url("steps/setbacks.html", "glossary/grounding.html") == "../glossary/grounding.html"


def test_source_link_between_markdown_files() -> None:
    assert source_link("index.md", "glossary/grounding.md") == "glossary/grounding.md"
    assert source_link("steps/setbacks.md", "glossary/grounding.md#x") == "../glossary/grounding.md#x"
    assert source_link("glossary/a.md", "glossary/b.md") == "b.md"


def test_relative_paths_agree_with_posixpath() -> None:
    paths = ["a", "a/b", "a/b/c", "b", "b/a", "a/c", "x", "a/x", "a/b/x"]
    for here, there in itertools.product(paths, paths):
        expected = posixpath.relpath(f"/{there}.md", posixpath.dirname(f"/{here}.md"))
        assert source_link(f"{here}.md", f"{there}.md") == expected, (here, there)
