"""Security headers on every response, and the read-only rule.

The pages use no scripts at all and only the local stylesheet, so the
Content-Security-Policy can forbid scripts and inline styles outright.
"""
from __future__ import annotations

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_security_headers(response: Response) -> Response:
    """Set the headers of ``HEADERS`` unless a view already chose a value."""
    chosen = {name.lower() for name, _ in response.headers}
    response.headers.extend([(name, value) for name, value in HEADERS.items() if name.lower() not in chosen])
    return response


def init_app(app: Flask) -> None:
    """Install the headers on ``app``."""
    app.after_request(add_security_headers)
