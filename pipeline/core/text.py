"""Text folding shared by the schema, the finder and the scorer.

Kept free of any other project import so every layer can use it.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Unicode NFKC, typographic quotes and dashes to ASCII, one space between words.

    Length-changing folds (case) are left to `fold_key` so that offsets found in a
    folded text can still be mapped back to the original character by character.
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES)).strip()


def fold_key(text: str) -> str:
    """`fold` plus case folding: the form two names are compared in."""
    return fold(text).casefold()
