"""EasyOCR's own networks, run by torch or by onnxruntime, behind the two functions
``parse.ocr_core`` needs (``detect_maps``, ``recognise``).

ONNX models are exported once from the same ``.pth`` weights (CRAFT detector, ``english_g2``
recogniser), checked against torch's outputs on the same inputs, and cached in
``[ocr] cache_dir``; later starts load them without importing torch at all. The cache is keyed
by the weights files and the export code's version, so new weights mean a new export.

    python -m parse.onnx_models [--cache-dir DIR] [--model-dir DIR]   # export now (install step)
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from .ocr_core import MODEL_HEIGHT, Charset

log = logging.getLogger(__name__)

EXPORT_VERSION = 1  # bump when the export or the verification changes
DETECTOR_WEIGHTS = "craft_mlt_25k.pth"
RECOGNISER_WEIGHTS = "english_g2.pth"
DETECTOR_ONNX = "craft_mlt_25k.onnx"
RECOGNISER_ONNX = "english_g2.onnx"
META = "meta.json"
OPSET = 17
# largest difference from torch allowed at export (measured: about 1e-7 and 2e-5)
DETECTOR_TOLERANCE = 1e-3
RECOGNISER_TOLERANCE = 1e-2

_torchvision_schemas = None  # keeps the schema library alive (see import_easyocr)


class ExportError(RuntimeError):
    """The ONNX models could not be made or did not match torch."""


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
        reader = easyocr.Reader(["en"], gpu=gpu, model_storage_directory=model_dir, user_network_directory=network_dir,
                                download_enabled=False, verbose=False, quantize=False)
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

    def __init__(self, cache_dir: str, threads: int = 0):
        import onnxruntime as ort

        meta = json.loads((Path(cache_dir) / META).read_text())
        self.charset = Charset(meta["characters"], tuple(meta["ignore"]))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or cpu_count()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        providers = ["CPUExecutionProvider"]
        self._detector = ort.InferenceSession(str(Path(cache_dir) / DETECTOR_ONNX), options, providers=providers)
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


def ensure_exported(cache_dir: str, model_dir: str, network_dir: str) -> bool:
    """Export the ONNX models into ``cache_dir`` unless a valid export is there; True if it
    exported. Several processes may start at once: one exports, the others wait for it."""
    os.makedirs(cache_dir, exist_ok=True)
    if cached(cache_dir, model_dir):
        return False
    with open(Path(cache_dir) / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if cached(cache_dir, model_dir):
                return False
            export(cache_dir, model_dir, network_dir)
            return True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def export(cache_dir: str, model_dir: str, network_dir: str) -> dict:
    """Export both networks from the ``.pth`` weights and check them against torch."""
    started = time.monotonic()
    nets = TorchNets(model_dir, network_dir, gpu=False)
    torch = nets._torch
    detector = _DetectorOnly(nets.detector).eval()
    recogniser = _RecogniserOnly(nets.recognizer).eval()
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=cache_dir))
    try:
        with warnings_quiet():
            torch.onnx.export(detector, (torch.zeros(1, 3, 320, 256),), str(tmp / DETECTOR_ONNX), dynamo=False,
                              input_names=["image"], output_names=["maps"], opset_version=OPSET,
                              dynamic_axes={"image": {0: "n", 2: "h", 3: "w"}, "maps": {0: "n", 1: "h2", 2: "w2"}})
            torch.onnx.export(recogniser, (torch.zeros(2, 1, MODEL_HEIGHT, 256),), str(tmp / RECOGNISER_ONNX),
                              dynamo=False, input_names=["image"], output_names=["logits"], opset_version=OPSET,
                              dynamic_axes={"image": {0: "n", 3: "w"}, "logits": {0: "n", 1: "t"}})
        diffs = _verify(tmp, nets)
        meta = {"key": weights_key(model_dir), "export_version": EXPORT_VERSION, "torch": torch.__version__,
                "opset": OPSET, "characters": nets.charset.characters, "ignore": list(nets.charset.ignore),
                "max_abs_diff": diffs}
        (tmp / META).write_text(json.dumps(meta, indent=1))
        for name in (DETECTOR_ONNX, RECOGNISER_ONNX, META):  # meta.json last: it marks a whole export
            os.replace(tmp / name, Path(cache_dir) / name)
    except Exception as err:
        raise ExportError(f"ONNX export failed: {err}") from err
    finally:
        for leftover in tmp.iterdir():
            leftover.unlink()
        tmp.rmdir()
    log.info("OCR models exported to ONNX in %s (%.0fs, max diff detector %.1e, recogniser %.1e)",
             cache_dir, time.monotonic() - started, diffs["detector"], diffs["recogniser"])
    return meta


def _verify(folder: Path, nets: TorchNets) -> dict[str, float]:
    """Same inputs through torch and onnxruntime: a synthetic text image for the detector
    (other size than the export's), a batch of text-like strips for the recogniser."""
    import onnxruntime as ort

    rng = np.random.default_rng(0)
    page = np.full((480, 352), 235, dtype=np.uint8)
    for row in range(40, 440, 36):  # dark bars of varying length look like lines of text to CRAFT
        for x in range(20, 20 + int(rng.integers(80, 300)), 12):
            page[row:row + 16, x:x + 8] = rng.integers(0, 60)
    from .ocr_core import _detector_input

    det_in = _detector_input(page, 1.0)
    strips = rng.integers(0, 255, size=(3, 1, MODEL_HEIGHT, 192)).astype(np.float32) / 127.5 - 1
    diffs = {}
    for name, file, x, torch_fn, tolerance in (
            ("detector", DETECTOR_ONNX, det_in, nets.detect_maps, DETECTOR_TOLERANCE),
            ("recogniser", RECOGNISER_ONNX, strips, nets.recognise, RECOGNISER_TOLERANCE)):
        session = ort.InferenceSession(str(folder / file), providers=["CPUExecutionProvider"])
        got = session.run(None, {"image": x})[0]
        want = torch_fn(x)
        if got.shape != want.shape:
            raise ExportError(f"{name}: onnx output shape {got.shape} != torch {want.shape}")
        diffs[name] = float(np.abs(got - want).max())
        if not diffs[name] <= tolerance:
            raise ExportError(f"{name}: onnx differs from torch by {diffs[name]:.2e} (> {tolerance:.0e})")
    return diffs


def _mean_pool_module():
    """``AdaptiveAvgPool2d((None, 1))`` as a plain mean, which ONNX exports with a dynamic width."""
    import torch

    class MeanOverHeight(torch.nn.Module):
        def forward(self, x):
            return x.mean(3, keepdim=True)

    return MeanOverHeight()


def _DetectorOnly(craft):
    import torch

    class DetectorOnly(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.craft = craft

        def forward(self, x):
            return self.craft(x)[0]

    return DetectorOnly()


def _RecogniserOnly(model):
    import copy

    import torch

    model = copy.deepcopy(model)
    model.AdaptiveAvgPool = _mean_pool_module()

    class RecogniserOnly(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, x):
            return self.model(x, None)

    return RecogniserOnly()


@contextlib.contextmanager
def warnings_quiet():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and RNN notes
        yield


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Export EasyOCR's weights to ONNX (the OCR cache).")
    parser.add_argument("--cache-dir", default="var/ocr-cache")
    parser.add_argument("--model-dir", default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    model_dir = args.model_dir or default_model_dir()
    network_dir = tempfile.mkdtemp(prefix="receiptd-easyocr-")
    if not ensure_exported(args.cache_dir, model_dir, network_dir):
        print(f"{args.cache_dir}: already exported for these weights")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
