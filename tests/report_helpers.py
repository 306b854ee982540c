"""Reading a report the way its reader does: the PDF through poppler's pdftotext and pdftoppm (Debian's
poppler-utils, installed by scripts/system-deps.sh), its pages as pictures through Pillow, the HTML through
lxml. Nothing here knows how sursur makes the report."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from PIL import Image

WHITE = 235  # a grey level above this counts as paper


def flat(text: str) -> str:
    """Whitespace collapsed (line breaks, non-breaking and narrow spaces), so a phrase the layout broke
    across lines still reads as one."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


@dataclass
class Pdf:
    path: Path

    @cached_property
    def pages(self) -> list[str]:
        """Each page's text, flattened; pdftotext fails (and so the test) on a PDF it cannot open."""
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(self.path), "-"], capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, f"pdftotext cannot read {self.path}: {done.stderr}"
        pages = done.stdout.split("\f")
        if pages and not pages[-1].strip():
            pages.pop()  # pdftotext ends every page, the last one too, with a form feed
        return [flat(p) for p in pages]

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def pictures(self, folder: Path, resolution: int = 50) -> list[Path]:
        """Every page as a PNG (pdftoppm -r RESOLUTION -png), in page order."""
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(self.path), str(folder / "page")],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"pdftoppm cannot render {self.path}: {done.stderr}"
        found = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rpartition("-")[2]))
        assert found, f"pdftoppm wrote no page of {self.path}"
        return found

    def contents(self, titles: list[str], page: int = 2) -> dict[str, int]:
        """The table of contents (on page `page`): each numbered title with the page number it gives.
        A title that is not listed fails the test."""
        toc = self.pages[page - 1]
        found = {}
        for n, title in enumerate(titles, start=1):
            entry = re.search(r"(?<!\d)" + re.escape(f"{n}. {title}") + r"(?: ?\.)* (\d+)(?!\d)", toc)
            assert entry, f"the contents do not list '{n}. {title}' with a page number: {toc[:1500]}"
            found[title] = int(entry.group(1))
        return found


def ink(picture: Path | Image.Image, box: tuple[float, float, float, float] = (0, 0, 1, 1)) -> float:
    """The share of the pixels in `box` (fractions of the width and height: left, top, right, bottom)
    that are not paper."""
    image = picture if isinstance(picture, Image.Image) else Image.open(picture)
    grey = _crop(image, box).convert("L")
    histogram = grey.histogram()
    return sum(histogram[:WHITE]) / (grey.width * grey.height)


def shade(picture: Path | Image.Image, box: tuple[float, float, float, float] = (0, 0, 1, 1)) -> float:
    """The share of the pixels in `box` that are pale grey or pale colour: filled areas such as a map's
    land, rather than type (dark) or paper (white)."""
    image = picture if isinstance(picture, Image.Image) else Image.open(picture)
    grey = _crop(image, box).convert("L")
    return sum(grey.histogram()[190:WHITE]) / (grey.width * grey.height)


def colour(picture: Path | Image.Image, box: tuple[float, float, float, float] = (0, 0, 1, 1)) -> float:
    """The share of the pixels in `box` that are clearly coloured (not white, grey or black)."""
    image = picture if isinstance(picture, Image.Image) else Image.open(picture)
    hsv = _crop(image, box).convert("RGB").convert("HSV")
    saturation, value = hsv.getchannel("S"), hsv.getchannel("V")
    both = Image.eval(saturation, lambda s: 255 if s > 70 else 0)
    dark_enough = Image.eval(value, lambda v: 255 if v > 40 else 0)
    coloured = Image.composite(both, Image.new("L", both.size, 0), dark_enough)
    return coloured.histogram()[255] / (coloured.width * coloured.height)


def _crop(image: Image.Image, box: tuple[float, float, float, float]) -> Image.Image:
    w, h = image.size
    return image.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
