"""The asyncio client: configuration in, resources out. The resources' methods are generated
from the operation table (``_resources.py``); each is a coroutine over the native one."""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    # Only for annotations: the package has no runtime dependencies.
    from typing_extensions import Self

from ._errors import NativeError, convert
from ._native import psb_uniffi as _ffi
from ._resources import RESOURCE_NAMES, _AsyncResources

__all__ = ["AsyncClient"]

DEFAULT_BASE_URL = "https://backend.psb.hosting"


def _native_from_env() -> _ffi.Client:
    try:
        return _ffi.Client.from_env()
    except NativeError as e:
        raise convert(e) from None


class AsyncClient(_AsyncResources):
    """The PSB Hosting API, with coroutines. ``async with AsyncClient(token=...) as client:``.

    ``timeout`` is per attempt in seconds; ``max_retries`` counts retries after the first
    attempt (reads and idempotent writes, on 408/429/502/503/504 and broken connections)."""

    # __init__ (the options) is generated: _AsyncResources.

    def _attach(self, native: _ffi.Client) -> None:
        self._native: _ffi.Client | None = native
        self._base_url = native.base_url()
        self._attach_resources(native)

    @classmethod
    def from_env(cls) -> AsyncClient:
        """From ``PSB_API_TOKEN`` (required) and ``PSB_API_URL`` (optional)."""
        client = cls.__new__(cls)
        client._attach(_native_from_env())
        return client

    @property
    def base_url(self) -> str:
        return self._base_url

    async def aclose(self) -> None:
        """Releases the connection pool; the client cannot be used afterwards."""
        _close(self)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        # The token is never kept on the Python side, and never shown.
        return f"{type(self).__name__}(base_url={self._base_url!r})"


class _Closed:
    def __getattr__(self, name: str) -> typing.NoReturn:
        from ._errors import InvalidArgumentError

        raise InvalidArgumentError("InvalidArgument: the client is closed", detail="the client is closed")


def _close(client: typing.Any) -> None:
    client._native = None
    for name in RESOURCE_NAMES:
        getattr(client, name)._n = _Closed()
