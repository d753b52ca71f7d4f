"""What every generated resource method uses: native calls with errors converted, page walks,
timeouts, and the blocking bridge (each call runs on an event loop private to the calling
thread, so the blocking client also works from threads, and inside a running event loop through
a helper thread)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import math
import threading
import typing

from ._errors import NativeError, convert

T = typing.TypeVar("T")


async def _call(coro: typing.Awaitable[T]) -> T:
    try:
        return await coro
    except NativeError as e:
        raise convert(e) from None


async def _walk(stream: typing.Any) -> typing.AsyncIterator[typing.Any]:
    """A native page stream as an async iterator."""
    while True:
        item = await _call(stream.next())
        if item is None:
            return
        yield item


@typing.overload
def _ms(name: str, value: float | datetime.timedelta) -> int: ...
@typing.overload
def _ms(name: str, value: float | datetime.timedelta | None) -> int | None: ...
def _ms(name: str, value: float | datetime.timedelta | None) -> int | None:
    """A duration in seconds (a number or a timedelta) as the native milliseconds. The core
    checks the range; a NaN or an infinity has no millisecond count and is refused here."""
    if value is None:
        return None
    seconds = value.total_seconds() if isinstance(value, datetime.timedelta) else float(value)
    if not math.isfinite(seconds):
        raise _invalid(f"{name} must be a number of seconds, not {value!r}")
    return int(seconds * 1000)


def _invalid(detail: str) -> Exception:
    from ._errors import InvalidArgumentError

    return InvalidArgumentError(f"InvalidArgument: {detail}", detail=detail)


def _new_client(config: typing.Any) -> typing.Any:
    """The native client of a configuration, its refusal as the SDK's error."""
    from ._native import psb_uniffi

    try:
        return psb_uniffi.Client(config)
    except NativeError as e:
        raise convert(e) from None


_local = threading.local()
_helper: concurrent.futures.ThreadPoolExecutor | None = None
_helper_lock = threading.Lock()


class _ThreadLoop:
    """The calling thread's private event loop, closed when the thread ends."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def __del__(self) -> None:
        try:
            self.loop.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass


def _run(coro: typing.Coroutine[typing.Any, typing.Any, T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        holder: _ThreadLoop | None = getattr(_local, "holder", None)
        if holder is None:
            holder = _local.holder = _ThreadLoop()
        return holder.loop.run_until_complete(coro)
    # Called from a coroutine (a notebook, an async framework): block on a helper thread.
    global _helper
    with _helper_lock:
        if _helper is None:
            _helper = concurrent.futures.ThreadPoolExecutor(4, thread_name_prefix="psb-sync")
    done: concurrent.futures.Future[T] = _helper.submit(_run, coro)
    return done.result()


def _walk_sync(stream: typing.Any) -> typing.Iterator[typing.Any]:
    """A native page stream as an iterator (each item fetched by a blocking `next`; no async
    generator is left behind when the caller stops early)."""
    while True:
        item = _run(_call(stream.next()))
        if item is None:
            return
        yield item
