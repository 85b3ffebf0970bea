"""Receipt-like images and documents made in the tests (real files, real encoders)."""
from __future__ import annotations

import io

import pillow_heif
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

pillow_heif.register_heif_opener()

US_RECEIPT = [
    "CORNER MARKET",
    "1200 Main Street",
    "Springfield, IL 62701",
    "03/14/2025 10:22 AM",
    "MILK 1 GAL         3.49",
    "WHOLE WHEAT BREAD  2.99",
    "BANANAS            1.27",
    "SUBTOTAL           7.75",
    "TAX                0.62",
    "TOTAL              8.37",
    "VISA               8.37",
    "THANK YOU",
]


def font(size: int = 28):
    for name in ("DejaVuSansMono.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def receipt_image(lines=US_RECEIPT, *, width: int = 760, size: int = 28) -> Image.Image:
    line_height = int(size * 1.6)
    image = Image.new("RGB", (width, line_height * (len(lines) + 4)), "white")
    draw = ImageDraw.Draw(image)
    for index, text in enumerate(lines):
        draw.text((40, line_height * (index + 2)), text, fill="black", font=font(size))
    return image


def encode(image: Image.Image, format: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, **params)
    return buffer.getvalue()


def text_pdf(lines=US_RECEIPT) -> bytes:
    """An e-receipt PDF with a real text layer."""
    pdf = FPDF(format=(80, 200))
    pdf.set_margins(4, 4)
    pdf.add_page()
    pdf.set_font("Courier", size=8)
    for text in lines:
        pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scanned_pdf(image: Image.Image) -> bytes:
    """A PDF that is only a picture (no text layer), as a scanner app makes."""
    return encode(image.convert("RGB"), "PDF", resolution=150)
