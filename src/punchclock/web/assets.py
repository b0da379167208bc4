"""Static files shipped in the package, served under content-hashed names.

A name such as `app.3f2a9c1d.css` changes whenever the file does, so browsers may keep every
file for a year (`immutable`) and still never run yesterday's script against today's page.
"""

from __future__ import annotations

import hashlib
import mimetypes
from importlib import resources

from litestar import Response, get
from litestar.exceptions import NotFoundException

STATIC_PREFIX = "/static"
CACHE_FOREVER = "public, max-age=31536000, immutable"
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


class Asset:
    """One static file: its bytes, its media type and its hashed name."""

    __slots__ = ("body", "hashed_name", "media_type")

    def __init__(self, name: str, body: bytes) -> None:
        self.body = body
        stem, dot, suffix = name.rpartition(".")
        digest = hashlib.sha256(body).hexdigest()[:12]
        self.hashed_name = f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"
        ext = "." + suffix if dot else ""
        self.media_type = _TYPES.get(ext) or mimetypes.guess_type(name)[0] or "text/plain"


class Assets:
    """Every file under web/static, read once when the app is built."""

    def __init__(self) -> None:
        root = resources.files("punchclock.web") / "static"
        self.by_name: dict[str, Asset] = {}
        self._walk(root, "")
        self.by_hashed_name = {asset.hashed_name: asset for asset in self.by_name.values()}

    def _walk(self, folder: resources.abc.Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            name = prefix + entry.name
            if entry.is_dir():
                self._walk(entry, name + "/")
            elif not entry.name.endswith(".LICENSE"):
                self.by_name[name] = Asset(name, entry.read_bytes())

    def url(self, name: str) -> str:
        """The cache-forever URL of a static file (KeyError for an unknown name)."""
        return f"{STATIC_PREFIX}/{self.by_name[name].hashed_name}"


@get(f"{STATIC_PREFIX}/{{path:path}}", include_in_schema=False, sync_to_thread=False)
def static_file(path: str, assets: Assets) -> Response[bytes]:
    """A static file by its hashed name; 404 for anything else."""
    asset = assets.by_hashed_name.get(path.lstrip("/"))
    if asset is None:
        raise NotFoundException()
    return Response(
        asset.body,
        media_type=asset.media_type,
        headers={"Cache-Control": CACHE_FOREVER, "X-Content-Type-Options": "nosniff"},
    )
