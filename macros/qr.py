"""QR codes as inline SVG, made at build time (no network), cached on disk between builds."""
from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "qr"  # like Material's own .cache folder
# How the codes are made and drawn; part of the cache key, so changing them makes fresh codes.
# Bump FORMAT when `_make` changes what it writes.
FORMAT = 2
# A fixed mask skips segno's search for the best one (most of its time); any mask decodes.
MAKE = dict(error="m", micro=False, mask=0)
DRAW = dict(kind="svg", xmldecl=False, svgns=False, nl=False, scale=3, border=2, svgclass="qr",
            lineclass=None, dark="#000", light="#fff")


def _make(url: str, label: str) -> str:
    import segno  # only on a cache miss: most builds never need it

    code = segno.make(url, **MAKE)
    out = io.BytesIO()
    code.save(out, title=label, **DRAW)
    size = code.symbol_size(scale=DRAW["scale"], border=DRAW["border"])[0]
    # The viewBox lets the same drawing scale, inline or as an image file.
    return out.getvalue().decode("utf-8").replace("<svg ", f'<svg role="img" viewBox="0 0 {size} {size}" ', 1)


@lru_cache(maxsize=4096)  # a page's footer and the clinicians' directory show the same code
def qr_svg(url: str, label: str) -> str:
    """A compact, accessible SVG QR code encoding `url`."""
    key = hashlib.sha256(f"{FORMAT}\n{MAKE}\n{DRAW}\n{url}\n{label}".encode()).hexdigest()[:32]
    path = CACHE / f"{key}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        svg = _make(url, label)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_text(svg, encoding="utf-8")
    except OSError:
        pass  # a read-only checkout still builds; it just makes the codes again next time
    return svg
