"""Walks and concurrency as Python has them: lazy iterators, more than one page of chat
messages, the blocking client in a loop and in threads (list and iter themselves are shared
scenarios, tests/scenarios/cases.json)."""

from __future__ import annotations

import asyncio

from conftest import Sandbox


def test_iter_is_lazy(sandbox: Sandbox) -> None:
    it = sandbox.client().payments.iter(page_size=1)
    next(it)
    assert sandbox.attempts("payment_get_all") == 1
    next(it)
    assert sandbox.attempts("payment_get_all") == 2


def test_many_chat_messages_are_walked_100_at_a_time(sandbox: Sandbox) -> None:
    client = sandbox.client()
    for i in range(120):
        client.chats.send(51, f"message {i}")
    messages = list(client.chats.iter_messages(51))
    assert len(messages) >= 121
    assert [m.text for m in messages[-120:]] == [f"message {i}" for i in range(120)]
    assert len({m.id for m in messages}) == len(messages)


def test_sync_client_inside_a_running_loop(sandbox: Sandbox) -> None:
    """The blocking client also works when called from a coroutine (a helper thread runs it)."""

    async def run() -> str:
        return sandbox.client().account.get().username

    assert asyncio.run(run()) == "user"


def test_the_blocking_client_from_many_threads(sandbox: Sandbox) -> None:
    """One blocking client shared by threads: each thread runs its calls on its own loop."""
    import concurrent.futures

    client = sandbox.client()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        names = list(pool.map(lambda _: client.account.get().username, range(32)))
    assert names == ["user"] * 32


def test_many_concurrent_async_calls(sandbox: Sandbox) -> None:
    async def run() -> None:
        async with sandbox.aclient() as client:
            accounts = await asyncio.gather(*(client.account.get() for _ in range(64)))
            assert {a.username for a in accounts} == {"user"}

    asyncio.run(run())


def test_stopping_early_leaves_nothing_behind(sandbox: Sandbox) -> None:
    import gc
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _payment in sandbox.client().payments.iter(page_size=1):
            break
        gc.collect()
    assert sandbox.attempts("payment_get_all") == 1
