"""EasyOCR's own networks at run time, by torch or by onnxruntime, behind the two functions
``parse.ocr_core`` needs (``detect_maps``, ``recognise``), and the layout of the ONNX cache.

The ONNX models are made once from the same ``.pth`` weights by ``parse.onnx_export`` (an
install step; the engine runs it only when the cache in ``[ocr] cache_dir`` is missing or
stale: ``ready``); later starts load them without importing torch or the export code. The
cache is keyed by the weights files and the export's version, so new weights mean a new export.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np

from .ocr_core import Charset

EXPORT_VERSION = 1  # bump when the export or the verification changes
DETECTOR_WEIGHTS = "craft_mlt_25k.pth"
RECOGNISER_WEIGHTS = "english_g2.pth"
DETECTOR_ONNX = "craft_mlt_25k.onnx"
DETECTOR_INT8 = "craft_mlt_25k.int8.onnx"
RECOGNISER_ONNX = "english_g2.onnx"
META = "meta.json"
INT8_RECIPE = 2  # bump when the quantisation changes: caches made by another recipe are redone

_torchvision_schemas = None  # keeps the schema library alive (see import_easyocr)


def import_easyocr():
    """Import EasyOCR beside the CPU build of torch.

    PyPI's torchvision is a CUDA build; beside a CPU torch its compiled ops do not load and
    its fake-kernel registrations for ``nms``/``qnms`` fail on import. EasyOCR uses only
    torchvision's pure-Python parts, so defining the two schemas is enough.
    """
    global _torchvision_schemas
    import torch

    try:
        import torchvision  # noqa: F401
    except RuntimeError as err:
        if "torchvision::nms" not in str(err):
            raise
        for name in [m for m in sys.modules if m == "torchvision" or m.startswith("torchvision.")]:
            del sys.modules[name]
        _torchvision_schemas = torch.library.Library("torchvision", "DEF")
        for op in ("nms", "qnms"):
            _torchvision_schemas.define(f"{op}(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
        import torchvision  # noqa: F401
    import easyocr

    return easyocr


def default_model_dir() -> str:
    import easyocr_en_models

    return str(easyocr_en_models.model_dir())


def weights_key(model_dir: str) -> str:
    """Names, sizes and the first and last MiB of both weight files, and the export version."""
    digest = hashlib.sha256(f"v{EXPORT_VERSION}".encode())
    for name in (DETECTOR_WEIGHTS, RECOGNISER_WEIGHTS):
        path = Path(model_dir) / name
        size = path.stat().st_size
        digest.update(f"|{name}|{size}|".encode())
        with path.open("rb") as f:
            digest.update(f.read(1 << 20))
            f.seek(max(0, size - (1 << 20)))
            digest.update(f.read())
    return digest.hexdigest()


# --- torch ----------------------------------------------------------------------------------


class TorchNets:
    """EasyOCR's float (not quantised) networks on torch, on the GPU when ``gpu`` and CUDA."""

    kind = "torch"

    def __init__(self, model_dir: str, network_dir: str, gpu: bool = False, threads: int = 0):
        easyocr = import_easyocr()
        import torch

        if threads:
            torch.set_num_threads(threads)
        self._torch = torch
        with warnings_quiet():  # EasyOCR runs torch's deprecated dynamic quantisation on the (conv-only) detector
            reader = easyocr.Reader(["en"], gpu=gpu, model_storage_directory=model_dir,
                                    user_network_directory=network_dir, download_enabled=False, verbose=False,
                                    quantize=False)
        self.device = reader.device
        self.detector = reader.detector.eval()
        self.recognizer = reader.recognizer.eval()  # EasyOCR sets eval() only when it predicts
        self.charset = charset_of(reader)

    def detect_maps(self, x: np.ndarray) -> np.ndarray:
        with self._torch.no_grad():
            y, _ = self.detector(self._torch.from_numpy(x).to(self.device))
        return y.float().cpu().numpy()

    def recognise(self, x: np.ndarray) -> np.ndarray:
        torch = self._torch
        with torch.no_grad():
            text = torch.zeros((x.shape[0], 1), dtype=torch.long, device=self.device)  # unused by the model
            y = self.recognizer(torch.from_numpy(x).to(self.device), text)
        return y.float().cpu().numpy()


def charset_of(reader) -> Charset:
    ignore_char = set(reader.character) - set(reader.lang_char)  # as Reader.recognize()
    return Charset(reader.character, tuple(sorted(reader.character.index(c) + 1 for c in ignore_char)))


# --- onnxruntime ----------------------------------------------------------------------------


class OnnxNets:
    """The exported networks on onnxruntime's CPU provider (no torch import)."""

    kind = "onnx"

    def __init__(self, cache_dir: str, threads: int = 0, int8: bool = True):
        import onnxruntime as ort

        meta = json.loads((Path(cache_dir) / META).read_text())
        self.int8 = int8 and (Path(cache_dir) / DETECTOR_INT8).is_file()
        self.charset = Charset(meta["characters"], tuple(meta["ignore"]))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or cpu_count()
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False  # shapes change per image: an arena only grows
        options.enable_mem_pattern = False
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        providers = ["CPUExecutionProvider"]
        detector = DETECTOR_INT8 if self.int8 else DETECTOR_ONNX
        self._detector = ort.InferenceSession(str(Path(cache_dir) / detector), options, providers=providers)
        self._recogniser = ort.InferenceSession(str(Path(cache_dir) / RECOGNISER_ONNX), options, providers=providers)

    def detect_maps(self, x: np.ndarray) -> np.ndarray:
        return self._detector.run(None, {"image": x})[0]

    def recognise(self, x: np.ndarray) -> np.ndarray:
        return self._recogniser.run(None, {"image": x})[0]


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def cached(cache_dir: str, model_dir: str) -> bool:
    meta = Path(cache_dir) / META
    if not meta.is_file():
        return False
    try:
        data = json.loads(meta.read_text())
    except (OSError, ValueError):
        return False
    return (data.get("key") == weights_key(model_dir) and (Path(cache_dir) / DETECTOR_ONNX).is_file()
            and (Path(cache_dir) / RECOGNISER_ONNX).is_file())


def int8_tried(cache_dir: str) -> bool:
    """Quantisation was tried with this recipe (whatever came of it)."""
    return json.loads((Path(cache_dir) / META).read_text()).get("int8", {}).get("recipe") == INT8_RECIPE


def ready(cache_dir: str, model_dir: str, int8: bool = True) -> bool:
    """The cache holds a valid export of these weights and, with ``int8``, this recipe's attempt
    at an int8 detector: nothing to make (``parse.onnx_export.ensure_exported``)."""
    return cached(cache_dir, model_dir) and (not int8 or int8_tried(cache_dir))


@contextlib.contextmanager
def warnings_quiet():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecation notes of torch's exporter and quantisation
        yield
