"""The one home of the Markdown and page syntax that the core reads from source files.

Every scan of Markdown source (front matter, headings, macro calls, links, the spans that are not
prose) uses these patterns, so a change to the syntax is made in one place.
"""
from __future__ import annotations

import re

FRONT_MATTER = re.compile(r"""(?xs)
    \A---[ \t]*\n      # opening line
    (.*?\n)?           # the YAML (group 1), maybe empty
    ---[ \t]*\n        # closing line
""")

# Editors' notes: Jinja comments, with the markers set in mkdocs.yml (`j2_comment_*`).
EDITOR_NOTE = re.compile(r"(?s)\{\#!.*?!\#\}")

FENCE = re.compile(r"""(?x)
    ^[ \t]*(```|~~~)    # a code fence opens or closes
""")

FENCED_BLOCK = re.compile(r"""(?xms)
    ^[ \t]*(```|~~~) .*? ^[ \t]*\1[ \t]*$   # a whole code block, fences included
""")

_JINJA = r"\{\{.*?\}\} | \{%.*?%\}"  # a macro call or a Jinja block
JINJA = re.compile(f"(?xs){_JINJA}")

RAW_BLOCK = re.compile(r"""(?xs)
    \{%-?\s*raw\s*-?%\} .*? \{%-?\s*endraw\s*-?%\}   # text that Jinja leaves as written
""")

HEADING = re.compile(r"""(?x)
    ^(\#{1,6})[ \t]+             # the marks: level 1 to 6 (group 1)
    (.+?)[ \t]*                  # the heading text (group 2)
    (?:\{[^}]*\#([\w-]+)[^}]*\})? # an attribute list with its stable anchor, `{#why}` (group 3)
    [ \t]*$
""")

# The first characters a heading or a fence can have; lines starting otherwise are neither.
BLOCK_MARKS = ("#", "`", "~", " ", "\t")

MACRO_CALL = re.compile(r"""(?x)
    \{\{\s*([A-Za-z_]\w*)\s*\(          # `{{ name(` (group 1)
    (?:\s*(['"])([^'"]*)\2)?            # its first argument, when it is quoted text (group 3)
""")

ANCHOR_ATTR = re.compile(r"""(?x)
    \{[^}]*\#([\w-]+)    # an id set by an attribute list, `{#id}` or `{: #id .class}`
""")

LINK = re.compile(r"""(?x)
    (!?)                       # an image when `!` (group 1)
    \[([^\]]*)\]               # the text (group 2)
    \(([^)\s]+)                # the target (group 3)
    (?:\s+"[^"]*")?\)          # an optional title
""")

IMG_WITHOUT_ALT = re.compile(r"""(?xi)
    <img\b(?![^>]*\balt="[^"]+")[^>]*>   # an HTML image without alt text
""")

SCHEME = re.compile(r"(?i)^\s*([a-z][a-z0-9+.-]*):")  # a link's scheme, `https:` or `mailto:`

HTML_LINK = re.compile(r"""(?xi)
    \b(?:href|src|action|formaction)\s*=\s*["']?\s*([^"'\s>]*)   # an address in raw HTML (group 1)
""")

NEW_WINDOW = re.compile(r"""(?xi)
    \btarget\s*=   # an attribute that opens a link elsewhere, in HTML or an attribute list
""")

ADMONITION = re.compile(r"""(?x)
    ^[ \t]*(!!!|\?\?\?\+?)       # an admonition or a collapsible block opens
""")

LIST_MARK = re.compile(r"""(?x)
    ^[ \t]*(?:[-+*]|\d+\.)[ \t]+  # a list item's mark
""")

TERM_HREF = re.compile(r"""(?x)
    (?:^|/)glossary/([a-z0-9-]+)\.md(?:\#|$)   # a hand-written link to a term page (group 1)
""")

# Spans that the rendered page keeps out of plain text: macros, code, links, images, footnotes,
# HTML tags, attribute lists and emphasis marks.
NOT_PROSE = re.compile(r"""(?xs)
      """ + _JINJA + r"""          # macro calls and Jinja blocks
    | `[^`]*`                      # inline code
    | !?\[[^\]]*\]\([^)]*\)        # links and images
    | \[\^[^\]]*\]                 # footnote references
    | <[^>]*>                      # HTML tags
    | \{[:\#.][^}]*\}              # attribute lists
    | [*_|]{1,3}                   # emphasis marks and table bars
""")

# Macro calls and links, kept whole when a line is split into pieces (the capture keeps them).
WHOLE_PIECES = re.compile(r"""(?x)
    ( \{\{.*?\}\}                  # a macro call
    | !?\[[^\]]*\]\([^)]*\) )      # a link or an image
""")
