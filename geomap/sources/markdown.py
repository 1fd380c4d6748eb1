"""Markdown articles as plain text: one paragraph per block, markup gone, wrapped lines joined.

The stored article text is this plain text, so every offset (mentions, evidence, popup quotes)
refers to what a reader sees, never to ``**`` or ``[link](url)`` syntax.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<[^>]*>")


def markdown_to_text(source: str) -> str:
    """Paragraphs, headings, list items and table cells, each a block, separated by blank lines."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    blocks: list[str] = []
    for token in parser.parse(source):
        if token.type == "inline":
            text = _inline_text(token.children or [])
        elif token.type in ("fence", "code_block"):
            text = token.content
        elif token.type == "html_block":
            text = _TAG.sub(" ", token.content)
        else:
            continue
        text = "\n".join(" ".join(line.split()) for line in text.strip().split("\n"))
        if text.strip():
            blocks.append(text.strip())
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _inline_text(children: list) -> str:
    parts: list[str] = []
    for child in children:
        # An image's alt text (its own children) is not article text, so it is skipped whole.
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")  # a wrapped line continues the sentence
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)
