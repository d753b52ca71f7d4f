"""The asyncio client: configuration in, resources out. The resources' methods are generated
from the operation table (``_resources.py``); each is a coroutine over the native one."""

from __future__ import annotations

import typing

from typing_extensions import Self

from ._errors import NativeError, convert
from ._native import psb_uniffi as _ffi
from ._resources import RESOURCE_NAMES, _AsyncResources

__all__ = ["AsyncClient"]

DEFAULT_BASE_URL = "https://backend.psb.hosting"


def _ms(seconds: float | None) -> int | None:
    return None if seconds is None else int(seconds * 1000)


def _native_client(
    token: str | None,
    base_url: str | None,
    timeout: float | None,
    max_retries: int | None,
    user_agent: str | None,
    initial_backoff: float | None,
    max_backoff: float | None,
    max_retry_after: float | None,
    allow_insecure_http: bool | None,
) -> _ffi.Client:
    config = _ffi.ClientConfig(
        token=token,
        base_url=base_url,
        timeout_ms=_ms(timeout),
        max_retries=max_retries,
        user_agent=user_agent,
        initial_backoff_ms=_ms(initial_backoff),
        max_backoff_ms=_ms(max_backoff),
        max_retry_after_ms=_ms(max_retry_after),
        allow_insecure_http=allow_insecure_http,
    )
    try:
        return _ffi.Client(config)
    except NativeError as e:
        raise convert(e) from None


def _native_from_env() -> _ffi.Client:
    try:
        return _ffi.Client.from_env()
    except NativeError as e:
        raise convert(e) from None


class AsyncClient(_AsyncResources):
    """The PSB Hosting API, with coroutines. ``async with AsyncClient(token=...) as client:``.

    ``timeout`` is per attempt in seconds; ``max_retries`` counts retries after the first
    attempt (reads and idempotent writes, on 408/429/502/503/504 and broken connections)."""

    def __init__(
        self,
        token: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        user_agent: str | None = None,
        initial_backoff: float | None = None,
        max_backoff: float | None = None,
        max_retry_after: float | None = None,
        allow_insecure_http: bool | None = None,
        _native: _ffi.Client | None = None,
    ) -> None:
        native = _native or _native_client(
            token,
            base_url,
            timeout,
            max_retries,
            user_agent,
            initial_backoff,
            max_backoff,
            max_retry_after,
            allow_insecure_http,
        )
        self._attach(native)

    def _attach(self, native: _ffi.Client) -> None:
        self._native: _ffi.Client | None = native
        self._base_url = native.base_url()
        self._attach_resources(native)

    @classmethod
    def from_env(cls) -> AsyncClient:
        """From ``PSB_API_TOKEN`` (required) and ``PSB_API_URL`` (optional)."""
        return cls(_native=_native_from_env())

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
