"""The HTML index page LoopOS AI serves at `/`: its services and where to find them."""

from __future__ import annotations

from html import escape

SERVICES = (
    ("POST", "/chat", "Conversational assistant (DeepChat message format)"),
    ("POST", "/loopos_ai_decision", "Pick one of the options for an item, with reasoning"),
    ("POST", "/loopos_ai_c2c_descriptor", "Marketplace listing from photos and item details"),
    ("POST", "/loopos_ai_c2c_validation", "Validate a posting, a brand or a product"),
    ("POST", "/loopos_ai_value_estimation", "Resale, recycling and repair value ranges"),
    ("POST", "/loopos_ai_id_validator", "Read and check an identity document"),
    ("POST", "/loopos_ai_translator", "Translate key/value texts into one or more locales"),
    ("POST", "/loopos_ai_protocol_generator", "Inspection protocol for a category or product"),
    ("POST", "/loopos_ai_brands", "Common brands of a category"),
    ("GET", "/health", "Health check"),
    ("GET", "/openapi.json", "OpenAPI document"),
    ("POST", "/graphql", "The same services as GraphQL mutations"),
)


def page(provider: str) -> str:
    rows = "\n".join(
        f"<tr><td>{method}</td><td><code>{escape(path)}</code></td><td>{escape(text)}</td></tr>"
        for method, path, text in SERVICES
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>LoopOS AI</title></head><body>\n<h1>LoopOS AI services</h1>\n"
        f"<p>AI provider: <strong>{escape(provider)}</strong></p>\n"
        f"<table>\n<tr><th>Method</th><th>Path</th><th>Service</th></tr>\n{rows}\n</table>\n"
        "</body></html>\n"
    )
