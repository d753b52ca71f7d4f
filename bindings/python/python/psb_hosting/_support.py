"""What every generated resource method uses: native calls with errors converted, page walks,
timeouts, and the blocking bridge (each call runs on an event loop private to the calling
thread, so the blocking client also works from threads, and inside a running event loop through
a helper thread)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
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


def _timeout_ms(timeout: float | datetime.timedelta) -> int:
    seconds = timeout.total_seconds() if isinstance(timeout, datetime.timedelta) else timeout
    return int(seconds * 1000)


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
