"""Write a TrueType copy of each WOFF2 font given (for matplotlib, which cannot read WOFF2).

    python scripts/fonts_ttf.py static/vendor/inter/*.woff2

fontTools with brotli decompresses WOFF2 to the same glyphs and tables; the TTF is written beside it.
"""

import sys
from pathlib import Path

from fontTools.ttLib import TTFont


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        font = TTFont(path)
        font.flavor = None  # plain sfnt: TrueType outlines as they are
        font.save(path.with_suffix(".ttf"))


if __name__ == "__main__":
    main(sys.argv[1:])
