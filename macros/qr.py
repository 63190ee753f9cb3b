"""QR codes as inline SVG, made at build time (no network)."""
from __future__ import annotations

import io

import segno


def qr_svg(url: str, label: str) -> str:
    """A compact, accessible SVG QR code encoding `url`."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", xmldecl=False, svgns=False, nl=False, scale=3, border=2,
        title=label, svgclass="qr", lineclass=None, dark="#000", light="#fff")
    return out.getvalue().decode("utf-8").replace("<svg ", '<svg role="img" ', 1)
