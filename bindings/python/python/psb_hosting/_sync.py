"""The blocking client: each method runs the native coroutine to completion on an event loop
private to the calling thread (``_support._run``). The resources' methods are generated from the
operation table (``_resources.py``)."""

from __future__ import annotations

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
        a = AsyncClient(
            token,
            base_url,
            timeout=timeout,
            max_retries=max_retries,
            user_agent=user_agent,
            initial_backoff=initial_backoff,
            max_backoff=max_backoff,
            max_retry_after=max_retry_after,
            allow_insecure_http=allow_insecure_http,
            _native=_native,
        )
        self._async = a
        self._attach_resources(a)

    @classmethod
    def from_env(cls) -> Client:
        """From ``PSB_API_TOKEN`` (required) and ``PSB_API_URL`` (optional)."""
        return cls(_native=_async._native_from_env())

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
