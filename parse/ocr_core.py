"""EasyOCR's reading pipeline in plain numpy/OpenCV, around two pluggable networks.

The networks are EasyOCR's own weights (CRAFT detector, ``english_g2`` recogniser); they run
either as torch modules or as their ONNX export under onnxruntime (``parse.onnx_models``).
Everything around them is here, so both backends give the same text for the same image:

* ``detect_maps(x)``: float32 ``[N, 3, H, W]`` (ImageNet-normalised RGB) -> ``[N, H/2, W/2, 2]``
  (character region score, affinity score).
* ``recognise(x)``: float32 ``[N, 1, 64, W]`` (grey scaled to [-1, 1]) -> logits ``[N, W/4+1, C]``.

Differences from ``easyocr.Reader.readtext()`` (see ``read_lines``):

* The detector does not run on a fixed canvas. A cheap look at the image (dark blobs of
  character size, ``estimate_text``) gives the text height and where the text is; the detector
  reads only that region, scaled so that text is about ``det_text_height`` pixels high. Big
  scans are read at a fraction of their pixels, small print is magnified. When the detector's
  own boxes show the estimate was off, it reads once more at the right scale.
* Small text (under ``min_text_height``) is recognised from an upscaled copy (bicubic), so
  the recogniser does not get a 15-pixel line stretched fourfold.
* Text lines of the same padded width are recognised in one batch (same result as one by one).
* The box post-processing works on each component's own region instead of a full-size mask
  per component (same boxes, far less work).

The post-processing code follows EasyOCR 1.7.2 (``craft_utils.getDetBoxes_core``,
``utils.group_text_box``, ``utils.get_image_list``, ``recognition.get_text``; Apache-2.0,
CRAFT parts MIT, (c) NAVER Corp.).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

DetectFn = Callable[[np.ndarray], np.ndarray]
RecogniseFn = Callable[[np.ndarray], np.ndarray]

MODEL_HEIGHT = 64  # english_g2 input height
_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32) * 255.0
_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32) * 255.0


@dataclass(frozen=True)
class ReadParams:
    """Tuning of the reading pipeline (defaults chosen on the receipts dev set)."""

    det_text_height: float = 18.0  # text height (CRAFT box, px) the detector's second pass aims at
    probe_pixels: int = 400_000  # size of the first, text-height measuring pass
    max_det_pixels: int = 4_000_000  # the detector never sees more than this many pixels
    min_text_height: float = 64.0  # smaller text is recognised from a bicubic upscaled copy (model height)
    max_upscale: float = 3.0
    rec_batch: int = 16  # text lines per recogniser call
    canvas: int = 0  # > 0: no text-height scaling, detect the whole image at this longest side (as EasyOCR)
    known_text_height: float = 0.0  # > 0: the text's height (CRAFT box, px) is known: not measured first
    only_rows: tuple[int, int] | None = None  # recognise only boxes whose middle lies between these rows
    # EasyOCR readtext() defaults
    text_threshold: float = 0.7
    low_text: float = 0.4
    link_threshold: float = 0.4
    min_size: int = 20
    slope_ths: float = 0.1
    ycenter_ths: float = 0.5
    height_ths: float = 0.5
    width_ths: float = 0.5
    add_margin: float = 0.1
    contrast_ths: float = 0.1
    adjust_contrast: float = 0.5


@dataclass(frozen=True)
class Charset:
    characters: str  # the recogniser's classes after the CTC blank
    ignore: tuple[int, ...]  # class indices never emitted (characters outside the language)


# --- detection ------------------------------------------------------------------------------


def detector_input(grey: np.ndarray, scale: float) -> np.ndarray:
    """``grey`` scaled by ``scale`` as the detector takes it: float32 ``[1, 3, H, W]``, ImageNet-
    normalised, zero-padded to multiples of 32 (also the export's and quantisation's input)."""
    h, w = grey.shape
    th, tw = max(1, int(h * scale)), max(1, int(w * scale))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    small = cv2.resize(grey, (tw, th), interpolation=interpolation) if (th, tw) != (h, w) else grey
    h32, w32 = th + (-th % 32), tw + (-tw % 32)
    x = np.zeros((1, 3, h32, w32), dtype=np.float32)
    small = small.astype(np.float32)
    for c in range(3):
        # EasyOCR pads with zeros *after* normalising
        x[0, c, :th, :tw] = (small - _MEAN[c]) / _STD[c]
    return x


def detect(detect_maps: DetectFn, grey: np.ndarray, scale: float, p: ReadParams) -> list[np.ndarray]:
    """CRAFT boxes (4x2 float arrays, clockwise from top-left) in ``grey``'s pixels."""
    maps = detect_maps(detector_input(grey, scale))[0]
    boxes = det_boxes(maps[:, :, 0], maps[:, :, 1], p.text_threshold, p.link_threshold, p.low_text)
    ratio = 2.0 / scale  # score maps are half the detector input
    return [box * ratio for box in boxes]


def det_boxes(textmap, linkmap, text_threshold, link_threshold, low_text) -> list[np.ndarray]:
    """``craft_utils.getDetBoxes_core`` with each component handled inside its own region."""
    img_h, img_w = textmap.shape
    _, text_score = cv2.threshold(textmap, low_text, 1, 0)
    _, link_score = cv2.threshold(linkmap, link_threshold, 1, 0)
    combined = np.clip(text_score + link_score, 0, 1).astype(np.uint8)
    n_labels, labels, stats, _ = cv2.connectedComponentsWithStats(combined, connectivity=4)
    link_only = np.logical_and(link_score == 1, text_score == 0)
    boxes = []
    for k in range(1, n_labels):
        size = stats[k, cv2.CC_STAT_AREA]
        if size < 10:
            continue
        x, y = stats[k, cv2.CC_STAT_LEFT], stats[k, cv2.CC_STAT_TOP]
        w, h = stats[k, cv2.CC_STAT_WIDTH], stats[k, cv2.CC_STAT_HEIGHT]
        mine = labels[y:y + h, x:x + w] == k
        if np.max(textmap[y:y + h, x:x + w][mine]) < text_threshold:
            continue
        niter = int(math.sqrt(size * min(w, h) / (w * h)) * 2)
        sx, ex, sy, ey = max(0, x - niter), min(img_w, x + w + niter + 1), max(0, y - niter), min(img_h, y + h + niter + 1)
        segmap = np.zeros((ey - sy, ex - sx), dtype=np.uint8)
        segmap[labels[sy:ey, sx:ex] == k] = 255
        segmap[link_only[sy:ey, sx:ex]] = 0
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1 + niter, 1 + niter))
        segmap = cv2.dilate(segmap, kernel)
        ys, xs = np.nonzero(segmap)
        contours = np.stack([xs + sx, ys + sy], axis=1)
        box = cv2.boxPoints(cv2.minAreaRect(contours))
        bw, bh = np.linalg.norm(box[0] - box[1]), np.linalg.norm(box[1] - box[2])
        if abs(1 - max(bw, bh) / (min(bw, bh) + 1e-5)) <= 0.1:  # align diamond shapes
            left, right = contours[:, 0].min(), contours[:, 0].max()
            top, bottom = contours[:, 1].min(), contours[:, 1].max()
            box = np.array([[left, top], [right, top], [right, bottom], [left, bottom]], dtype=np.float32)
        start = box.sum(axis=1).argmin()
        boxes.append(np.roll(box, 4 - start, 0))
    return boxes


def box_height(box: np.ndarray) -> float:
    return float(min(np.linalg.norm(box[0] - box[1]), np.linalg.norm(box[1] - box[2])))


def group_text_box(polys, p: ReadParams):
    """``easyocr.utils.group_text_box`` (sorted output)."""
    slope_ths, ycenter_ths, height_ths, width_ths, add_margin = (
        p.slope_ths, p.ycenter_ths, p.height_ths, p.width_ths, p.add_margin)
    horizontal_list, free_list, combined_list, merged_list = [], [], [], []
    for poly in polys:
        slope_up = (poly[3] - poly[1]) / np.maximum(10, (poly[2] - poly[0]))
        slope_down = (poly[5] - poly[7]) / np.maximum(10, (poly[4] - poly[6]))
        if max(abs(slope_up), abs(slope_down)) < slope_ths:
            x_max = max([poly[0], poly[2], poly[4], poly[6]])
            x_min = min([poly[0], poly[2], poly[4], poly[6]])
            y_max = max([poly[1], poly[3], poly[5], poly[7]])
            y_min = min([poly[1], poly[3], poly[5], poly[7]])
            horizontal_list.append([x_min, x_max, y_min, y_max, 0.5 * (y_min + y_max), y_max - y_min])
        else:
            height = np.linalg.norm([poly[6] - poly[0], poly[7] - poly[1]])
            width = np.linalg.norm([poly[2] - poly[0], poly[3] - poly[1]])
            margin = int(1.44 * add_margin * min(width, height))
            theta13 = abs(np.arctan((poly[1] - poly[5]) / np.maximum(10, (poly[0] - poly[4]))))
            theta24 = abs(np.arctan((poly[3] - poly[7]) / np.maximum(10, (poly[2] - poly[6]))))
            x1 = poly[0] - np.cos(theta13) * margin
            y1 = poly[1] - np.sin(theta13) * margin
            x2 = poly[2] + np.cos(theta24) * margin
            y2 = poly[3] - np.sin(theta24) * margin
            x3 = poly[4] + np.cos(theta13) * margin
            y3 = poly[5] + np.sin(theta13) * margin
            x4 = poly[6] - np.cos(theta24) * margin
            y4 = poly[7] + np.sin(theta24) * margin
            free_list.append([[x1, y1], [x2, y2], [x3, y3], [x4, y4]])
    horizontal_list = sorted(horizontal_list, key=lambda item: item[4])

    new_box: list = []
    for poly in horizontal_list:
        if len(new_box) == 0:
            b_height, b_ycenter = [poly[5]], [poly[4]]
            new_box.append(poly)
        elif abs(np.mean(b_ycenter) - poly[4]) < ycenter_ths * np.mean(b_height):
            b_height.append(poly[5])
            b_ycenter.append(poly[4])
            new_box.append(poly)
        else:
            b_height, b_ycenter = [poly[5]], [poly[4]]
            combined_list.append(new_box)
            new_box = [poly]
    combined_list.append(new_box)

    for boxes in combined_list:
        if not boxes:
            continue
        if len(boxes) == 1:
            box = boxes[0]
            margin = int(add_margin * min(box[1] - box[0], box[5]))
            merged_list.append([box[0] - margin, box[1] + margin, box[2] - margin, box[3] + margin])
            continue
        boxes = sorted(boxes, key=lambda item: item[0])
        merged_box, new_box = [], []
        for box in boxes:
            if len(new_box) == 0:
                b_height, x_max = [box[5]], box[1]
                new_box.append(box)
            elif (abs(np.mean(b_height) - box[5]) < height_ths * np.mean(b_height)) and (
                    (box[0] - x_max) < width_ths * (box[3] - box[2])):
                b_height.append(box[5])
                x_max = box[1]
                new_box.append(box)
            else:
                b_height, x_max = [box[5]], box[1]
                merged_box.append(new_box)
                new_box = [box]
        if new_box:
            merged_box.append(new_box)
        for mbox in merged_box:
            x_min = min(b[0] for b in mbox)
            x_max = max(b[1] for b in mbox)
            y_min = min(b[2] for b in mbox)
            y_max = max(b[3] for b in mbox)
            margin = int(add_margin * min(x_max - x_min, y_max - y_min))
            merged_list.append([x_min - margin, x_max + margin, y_min - margin, y_max + margin])
    return merged_list, free_list


# --- recognition ----------------------------------------------------------------------------


def _four_point_transform(image, rect):
    (tl, tr, br, bl) = rect
    max_width = max(int(np.hypot(*(br - bl))), int(np.hypot(*(tr - tl))))
    max_height = max(int(np.hypot(*(tr - br))), int(np.hypot(*(tl - bl))))
    dst = np.array([[0, 0], [max_width - 1, 0], [max_width - 1, max_height - 1], [0, max_height - 1]], dtype="float32")
    matrix = cv2.getPerspectiveTransform(rect, dst)
    return cv2.warpPerspective(image, matrix, (max_width, max_height))


def to_model_height(crop: np.ndarray):
    """``utils.compute_ratio_and_resize``: height 64 (vertical text: width 64); also the width
    EasyOCR pads it to when it reads one line at a time (``ceil(ratio) * 64``)."""
    height, width = crop.shape[:2]
    if width == 0 or height == 0:
        return None
    ratio = width / height
    if ratio < 1.0:
        ratio = 1.0 / ratio
        size = (MODEL_HEIGHT, int(MODEL_HEIGHT * ratio))
    else:
        size = (int(MODEL_HEIGHT * ratio), MODEL_HEIGHT)
    if min(size) == 0:
        return None
    # cv2 reads PIL's LANCZOS (1) as INTER_LINEAR; EasyOCR passes exactly that
    return cv2.resize(crop, size, interpolation=cv2.INTER_LINEAR), math.ceil(ratio) * MODEL_HEIGHT


def crops(horizontal_list, free_list, img):
    """``utils.get_image_list``: (4-point box, crop at model height, padded width), top to bottom."""
    out = []
    max_y, max_x = img.shape
    for box in free_list:
        resized = to_model_height(_four_point_transform(img, np.array(box, dtype="float32")))
        if resized is not None:
            out.append((box, *resized))
    for box in horizontal_list:
        x_min, x_max = max(0, box[0]), min(box[1], max_x)
        y_min, y_max = max(0, box[2]), min(box[3], max_y)
        if x_max <= x_min or y_max <= y_min:
            continue
        resized = to_model_height(img[y_min:y_max, x_min:x_max])
        if resized is not None:
            out.append(([[x_min, y_min], [x_max, y_min], [x_max, y_max], [x_min, y_max]], *resized))
    out.sort(key=lambda item: item[0][0][1])
    return out


def _contrast_grey(img):
    high, low = np.percentile(img, 90), np.percentile(img, 10)
    return (high - low) / np.maximum(10, high + low), high, low


def _adjust_contrast_grey(img, target=0.4):
    contrast, high, low = _contrast_grey(img)
    if contrast < target:
        img = img.astype(int)
        ratio = 200.0 / np.maximum(10, high - low)
        img = (img - low + 25) * ratio
        img = np.maximum(np.full(img.shape, 0), np.minimum(np.full(img.shape, 255), img)).astype(np.uint8)
    return img


def _model_input(images: list[np.ndarray], width: int) -> np.ndarray:
    """``AlignCollate(keep_ratio_with_pad=True)``: scale to [-1, 1], pad right with the last column."""
    x = np.empty((len(images), 1, MODEL_HEIGHT, width), dtype=np.float32)
    for i, img in enumerate(images):
        h, w = img.shape
        if h != MODEL_HEIGHT or w > width:  # vertical text: AlignCollate scales it to height 64
            w = min(width, math.ceil(MODEL_HEIGHT * w / h))
            img = np.asarray(_pil_resize(img, w))
        v = img.astype(np.float32) / 127.5 - 1.0
        x[i, 0, :, :w] = v
        x[i, 0, :, w:] = v[:, w - 1:w]
    return x


def _pil_resize(img: np.ndarray, width: int):
    from PIL import Image

    return Image.fromarray(np.ascontiguousarray(img, dtype=np.uint8)).resize((width, MODEL_HEIGHT), Image.BICUBIC)


def _decode(logits: np.ndarray, charset: Charset) -> list[tuple[str, float]]:
    """Softmax, drop ignored classes, greedy CTC decoding; EasyOCR's confidence."""
    e = np.exp(logits - logits.max(axis=2, keepdims=True))
    prob = e / e.sum(axis=2, keepdims=True)
    if charset.ignore:
        prob[:, :, list(charset.ignore)] = 0.0
        prob = prob / prob.sum(axis=2, keepdims=True)
    index = prob.argmax(axis=2)
    best = prob.max(axis=2)
    out = []
    for idx, p in zip(index, best):
        keep = np.insert(idx[1:] != idx[:-1], 0, True) & (idx != 0)
        text = "".join(charset.characters[i - 1] for i in idx[keep])
        probs = p[idx != 0]
        if len(probs) == 0:
            probs = np.array([0.0])
        out.append((text, float(probs.prod() ** (2.0 / np.sqrt(len(probs))))))
    return out


def recognise_crops(recognise: RecogniseFn, images: list[np.ndarray], widths: list[int], charset: Charset,
                     batch: int):
    """Each crop padded to the width EasyOCR pads it to when it reads lines one by one; crops of
    the same padded width go through the recogniser together (same result, fewer calls)."""
    results: list[tuple[str, float] | None] = [None] * len(images)
    groups: dict[int, list[int]] = {}
    for i, width in enumerate(widths):
        groups.setdefault(width, []).append(i)
    for width, members in groups.items():
        for start in range(0, len(members), batch):
            chunk = members[start:start + batch]
            logits = recognise(_model_input([images[i] for i in chunk], width))
            for i, res in zip(chunk, _decode(logits, charset)):
                results[i] = res
    return results


def recognise_all(recognise: RecogniseFn, items, charset: Charset, p: ReadParams):
    """``recognition.get_text``: a second, contrast-adjusted reading for low-confidence lines."""
    images = [crop for _, crop, _ in items]
    widths = [width for _, _, width in items]
    first = recognise_crops(recognise, images, widths, charset, p.rec_batch)
    low = [i for i, (_, conf) in enumerate(first) if conf < p.contrast_ths]
    if low:
        second = recognise_crops(recognise, [_adjust_contrast_grey(images[i], target=p.adjust_contrast) for i in low],
                                 [widths[i] for i in low], charset, p.rec_batch)
        for i, res in zip(low, second):
            if res[1] >= first[i][1]:
                first[i] = res
    return [(box, text, conf) for (box, _, _), (text, conf) in zip(items, first)]


# --- the whole reading ----------------------------------------------------------------------


def character_blobs(grey: np.ndarray) -> tuple[np.ndarray, float]:
    """Dark blobs of character size after adaptive thresholding, found on a copy at most 1000
    pixels long: rows of (x, y, width, height) in that copy's pixels, and its scale ``f``."""
    h, w = grey.shape
    f = min(1.0, 1000 / max(h, w))
    small = cv2.resize(grey, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA) if f < 1 else grey
    binary = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 12)
    binary = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, np.ones((2, 2), np.uint8))  # dot-matrix print
    _, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    x, y, bw, bh, area = (stats[1:, i] for i in range(5))
    keep = (bh >= 3) & (bh <= small.shape[0] / 8) & (bw <= 3 * bh) & (area >= 4) & (area <= 0.9 * bh * bw)
    return stats[1:, :4][keep], f


def estimate_text(grey: np.ndarray) -> tuple[float, tuple[int, int, int, int]] | None:
    """A cheap look before the detector: how high is the text (in CRAFT box pixels) and where
    is it. The character blobs' median height, and the box around them all. ``None``: too few blobs."""
    blobs, f = character_blobs(grey)
    if len(blobs) < 10:
        return None
    x, y, bw, bh = blobs.T
    height = float(np.median(bh)) / f * CRAFT_PER_BLOB
    region = (int(x.min() / f), int(y.min() / f),
              int(math.ceil((x + bw).max() / f)), int(math.ceil((y + bh).max() / f)))
    return height, region


CRAFT_PER_BLOB = 1.3  # CRAFT box height / median blob height (receipts dev set: 1.14-1.67)


def read_lines(grey: np.ndarray, detect_maps: DetectFn, recognise: RecogniseFn, charset: Charset,
               p: ReadParams = ReadParams()):
    """OCR a greyscale uint8 image; returns ``(points, text, confidence)`` like ``readtext``,
    points in ``grey``'s pixels."""
    h, w = grey.shape
    estimate = None if p.canvas or p.known_text_height else estimate_text(grey)
    if p.known_text_height:
        text_h, (x0, y0, x1, y1) = p.known_text_height, (0, 0, w, h)
    elif estimate is None:  # no text-like blobs: read it whole at a moderate size
        text_h, (x0, y0, x1, y1) = None, (0, 0, w, h)
    else:
        text_h, (x0, y0, x1, y1) = estimate
        pad = 2 * text_h
        x0, y0 = max(0, int(x0 - pad)), max(0, int(y0 - pad))
        x1, y1 = min(w, int(x1 + pad)), min(h, int(y1 + pad))
    region = grey[y0:y1, x0:x1]
    area = (x1 - x0) * (y1 - y0)
    cap = min(1.0, math.sqrt(p.max_det_pixels / area))  # memory bound
    # small print is magnified, at most twice
    scale = min(cap, 2.0, p.det_text_height / text_h) if text_h else min(cap, math.sqrt(p.probe_pixels / area))
    if p.canvas:
        scale = min(1.0, p.canvas / max(h, w))
    boxes = detect(detect_maps, region, scale, p)
    if boxes and not p.canvas and not p.known_text_height:
        measured = float(np.median([box_height(b) for b in boxes]))  # in grey pixels
        wanted = min(cap, 2.0, p.det_text_height / measured)
        if not 0.7 < wanted / scale < 1.5:  # the estimate was off: read again at the right size
            scale = wanted
            boxes = detect(detect_maps, region, scale, p) or boxes
    if not boxes and not p.canvas and scale < cap:  # nothing at the estimated size: read it as EasyOCR would
        boxes = detect(detect_maps, region, cap, p)
    if not boxes:
        return []
    boxes = [b + (x0, y0) for b in boxes]
    if p.only_rows is not None:
        boxes = [b for b in boxes if p.only_rows[0] <= float(np.mean(np.asarray(b)[:, 1])) <= p.only_rows[1]]
        if not boxes:
            return []
    text_h = float(np.median([box_height(b) for b in boxes]))

    # small text: read from an upscaled copy (boxes and EasyOCR's pixel thresholds scale with it)
    up = min(p.max_upscale, max(1.0, p.min_text_height / max(text_h, 1.0)))
    image = grey
    if up > 1.0:
        image = cv2.resize(grey, (round(w * up), round(h * up)), interpolation=cv2.INTER_CUBIC)
        boxes = [b * up for b in boxes]
    polys = [np.array(b).astype(np.int32).reshape(-1) for b in boxes]
    horizontal, free = group_text_box(polys, p)
    if p.min_size:
        horizontal = [b for b in horizontal if max(b[1] - b[0], b[3] - b[2]) > p.min_size]
        free = [b for b in free if max(_spread([c[0] for c in b]), _spread([c[1] for c in b])) > p.min_size]
    results = recognise_all(recognise, crops(horizontal, free, image), charset, p)
    if up > 1.0:
        results = [([[x / up, y / up] for x, y in box], text, conf) for box, text, conf in results]
    return results


def _spread(values):
    return max(values) - min(values)
