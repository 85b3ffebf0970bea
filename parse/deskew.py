"""The slant of a photographed receipt's text lines, for chaining words into lines.

Phone photos of receipts are rarely square to the camera. A few degrees of tilt put a price
printed at the right margin half a line above or below its label, and the words of one printed
line no longer chain into one OCR line. ``skew_angle`` measures the tilt from the character
blobs alone (no network): their centres, projected at each candidate angle, fall into the
sharpest row histogram when the projection runs along the printed lines. A slant of
``ROTATE_FROM`` degrees or more is taken out of the image (``straighten``: crops of such lines
read badly); a smaller one is left in (resampling blurs small print more than it helps) and
``level_box`` turns word boxes level for the line chaining (``parse.ocr.group_lines``).
"""
from __future__ import annotations

import math

import cv2
import numpy as np

from .ocr_core import character_blobs

MAX_ANGLE = 12.0  # degrees; a receipt photo tilted more than this is rare
MIN_BLOBS = 40
ROTATE_FROM = 3.0  # degrees: from here the image is rotated (crops of slanted lines read badly)


def skew_angle(grey: np.ndarray) -> float:
    """Degrees by which the printed lines rise to the right (counter-clockwise); 0.0 when the
    image has too few character blobs to tell."""
    blobs, _ = character_blobs(grey)
    if len(blobs) < MIN_BLOBS:
        return 0.0
    x, y, w, h = blobs.T.astype(np.float64)
    cx, cy = x + w / 2, y + h / 2
    bin_height = max(1.0, float(np.median(h)) / 3)

    def sharpness(angle: float) -> float:
        t = np.deg2rad(angle)
        rows = cy * np.cos(t) + cx * np.sin(t)  # distance across the lines, for lines rising at ``angle``
        counts = np.bincount(((rows - rows.min()) / bin_height).astype(np.int64))
        return float(np.dot(counts, counts))

    coarse = max(np.arange(-MAX_ANGLE, MAX_ANGLE + 1e-9, 0.5), key=sharpness)
    fine = max(np.arange(coarse - 0.5, coarse + 0.5 + 1e-9, 0.1), key=sharpness)
    return round(float(fine), 1)


def level_box(box: tuple[int, int, int, int], angle: float) -> tuple[float, float, float, float]:
    """``box`` (x0, y0, x1, y1) as it sits on lines rising at ``angle`` degrees turned level:
    its centre moved to (along the lines, across them), its size kept."""
    if not angle:
        return box
    t = math.radians(angle)
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    along, across = cx * math.cos(t) - cy * math.sin(t), cy * math.cos(t) + cx * math.sin(t)
    half_w, half_h = (x1 - x0) / 2, (y1 - y0) / 2
    return along - half_w, across - half_h, along + half_w, across + half_h


def straighten(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray | None, float]:
    """The image rotated level when its lines slant by ``ROTATE_FROM`` degrees or more (canvas
    enlarged, edges repeated), the 2x3 affine map from the input's pixels to the output's, and
    the slant left in the output; ``(grey, None, slant)`` when it is not rotated."""
    angle = skew_angle(grey)
    if abs(angle) < ROTATE_FROM:
        return grey, None, angle
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    out_w, out_h = int(np.ceil(w * cos + h * sin)), int(np.ceil(w * sin + h * cos))
    matrix[0, 2] += out_w / 2 - w / 2
    matrix[1, 2] += out_h / 2 - h / 2
    level = cv2.warpAffine(grey, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return level, matrix, 0.0
