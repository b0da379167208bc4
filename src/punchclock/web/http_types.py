"""Litestar's request and response types with their parameters filled in, for annotations."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response

AnyRequest = Request[Any, Any, Any]
AnyResponse = Response[Any]
