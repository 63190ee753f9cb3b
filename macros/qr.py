"""QR codes as inline SVG, made at build time (no network), cached on disk between builds."""
from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

import segno

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "qr"  # like Material's own .cache folder


def _make(url: str, label: str) -> str:
    out = io.BytesIO()
    # A fixed mask skips segno's search for the best one (most of its time); any mask decodes.
    segno.make(url, error="m", micro=False, mask=0).save(
        out, kind="svg", xmldecl=False, svgns=False, nl=False, scale=3, border=2,
        title=label, svgclass="qr", lineclass=None, dark="#000", light="#fff")
    return out.getvalue().decode("utf-8").replace("<svg ", '<svg role="img" ', 1)


@lru_cache(maxsize=4096)  # a page's footer and the clinicians' directory show the same code
def qr_svg(url: str, label: str) -> str:
    """A compact, accessible SVG QR code encoding `url`."""
    key = hashlib.sha256(f"{segno.__version__}\n{url}\n{label}".encode()).hexdigest()[:32]
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
