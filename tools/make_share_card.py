"""Draw catalogue/data/share-card.png: the picture a chat shows beside a shared link (og:image).

The catalogue's name in both languages and the plan it serves, on the app's teal; no project, no
figure (the card is the same for every link). Run once when the name or the look changes:

    python tools/make_share_card.py [--font /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1200, 630  # the size Open Graph previews use


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--font", default="/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    parser.add_argument("--regular", default="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    args = parser.parse_args()
    card = Image.new("RGB", (WIDTH, HEIGHT), "#0f766e")
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, HEIGHT - 18, WIDTH, HEIGHT), fill="#f0b429")
    big, small = ImageFont.truetype(args.font, 58), ImageFont.truetype(args.regular, 34)
    lines = [
        ("Danh mục dự án công nghiệp", big, "#ffffff"),
        ("môi trường Hà Nội", big, "#ffffff"),
        ("Hanoi Environmental Industry Project Catalogue", small, "#d7efe9"),
        ("Kế hoạch 275/KH-UBND · Plan 275/KH-UBND (2023)", small, "#d7efe9"),
    ]
    y = 150
    for text, font, colour in lines:
        draw.text((80, y), text, font=font, fill=colour)
        y += 80 if font is big else 56
        if text == "môi trường Hà Nội":
            y += 30
    card.save(ROOT / "catalogue" / "data" / "share-card.png", optimize=True)


if __name__ == "__main__":
    main()
