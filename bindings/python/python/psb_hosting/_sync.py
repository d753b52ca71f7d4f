"""The blocking client: each method runs the native coroutine to completion on an event loop
private to the calling thread (``_support._run``). The resources' methods are generated from the
operation table (``_resources.py``)."""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    # Only for annotations: the package has no runtime dependencies.
    from typing_extensions import Self

from . import _async
from ._async import AsyncClient
from ._native import psb_uniffi as _ffi
from ._resources import _SyncResources

__all__ = ["Client"]


class Client(_SyncResources):
    """The PSB Hosting API, blocking. ``with Client(token=...) as client:``.

    ``timeout`` is per attempt in seconds; ``max_retries`` counts retries after the first
    attempt (reads and idempotent writes, on 408/429/502/503/504 and broken connections)."""

    # __init__ (the options) is generated: _SyncResources.

    def _attach(self, native: _ffi.Client) -> None:
        a = AsyncClient.__new__(AsyncClient)
        a._attach(native)
        self._async = a
        self._attach_resources(a)

    @classmethod
    def from_env(cls) -> Client:
        """From ``PSB_API_TOKEN`` (required) and ``PSB_API_URL`` (optional)."""
        client = cls.__new__(cls)
        client._attach(_async._native_from_env())
        return client

    @property
    def base_url(self) -> str:
        return self._async.base_url

    def close(self) -> None:
        """Releases the connection pool; the client cannot be used afterwards."""
        _async._close(self._async)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        # The token is never kept on the Python side, and never shown.
        return f"Client(base_url={self.base_url!r})"
