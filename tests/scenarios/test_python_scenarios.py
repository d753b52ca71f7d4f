"""Python's runner of the shared behaviour scenarios (tests/scenarios/cases.json, format in
tests/README.md): each scenario against a fresh sandbox, with the blocking client and with the
asyncio one. Methods are found by the table's names; arguments are converted by the table's
types (spec/surface.json)."""

from __future__ import annotations

import asyncio
import enum
import inspect
import json
import pathlib
import re
import threading
import time
import typing

import pytest
from conftest import FAST, TOKEN, Sandbox, start_sandbox

import psb_hosting

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "tests/scenarios/cases.json").read_text())["scenarios"]
TABLE = json.loads((ROOT / "spec/surface.json").read_text())
METHODS = {f"{r['name']}.{m['name']}": m for r in TABLE["resources"] for m in r["methods"]} | {
    f"{h['name']}.{m['name']}": m for h in TABLE["handles"] for m in h["methods"]
}


@pytest.fixture(scope="module")
def sandbox() -> typing.Iterator[Sandbox]:
    with start_sandbox() as s:
        yield s


class Loop:
    """Runs the asyncio client's coroutines on a loop of its own, so that one runner serves both."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    def run(self, awaitable: typing.Awaitable[typing.Any]) -> typing.Any:
        async def wrap() -> typing.Any:
            return await awaitable

        return asyncio.run_coroutine_threadsafe(wrap(), self.loop).result()

    def collect(self, it: typing.AsyncIterator[typing.Any]) -> list[typing.Any]:
        async def wrap() -> list[typing.Any]:
            return [x async for x in it]

        return typing.cast(list[typing.Any], asyncio.run_coroutine_threadsafe(wrap(), self.loop).result())

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)


def enum_member(cls: type[enum.Enum], name: str) -> enum.Enum:
    """A closed enum's member by its English name (`Balance` is `PaymentMethod.BALANCE`)."""
    for member in cls:
        if member.name.replace("_", "").lower() == name.lower():
            return member
    raise AssertionError(f"{cls.__name__} has no {name}")


def convert(ty: str, value: typing.Any) -> typing.Any:
    """A scenario's JSON value as the Python argument of table type `ty`."""
    ty = ty.removesuffix("?")
    if value is None:
        return None
    if ty.startswith("list<"):
        return [convert(ty[5:-1], v) for v in value]
    cls = getattr(psb_hosting, ty, None)
    if isinstance(cls, type) and issubclass(cls, str) and issubclass(cls, enum.Enum):
        return value  # a vocabulary takes its English name as a string too, and checks it
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return enum_member(cls, value)
    if isinstance(cls, type) and isinstance(value, dict):
        # A record: its fields by the constructor's annotations.
        params = inspect.signature(cls).parameters
        out = {}
        for k, v in value.items():
            hint = params[k].annotation
            hint = getattr(psb_hosting, hint, hint) if isinstance(hint, str) else hint
            out[k] = enum_member(hint, v) if isinstance(hint, type) and issubclass(hint, enum.Enum) else v
        return cls(**out)
    return value


def arguments(method: dict[str, typing.Any], args: dict[str, typing.Any]) -> dict[str, typing.Any]:
    types = {}
    for p in method["params"]:
        for f in p.get("fields") or [p]:  # a query record's fields are keyword arguments
            types[f["name"]] = f["type"]
    unknown = set(args) - set(types)
    assert not unknown, f"{method['name']} has no argument {unknown}"
    return {k: convert(types[k], v) for k, v in args.items()}


def plain(v: typing.Any) -> typing.Any:
    if isinstance(v, str) and isinstance(v, enum.Enum):
        return v.value  # a vocabulary: its English name
    if isinstance(v, enum.Enum):
        return v.name
    if isinstance(v, str):
        return str(v)
    return v


def walk(v: typing.Any, path: list[str]) -> typing.Any:
    """The value at `path` (field names, indexes, `#` for a length, `*` for each item)."""
    if not path:
        return plain(v)
    head, rest = path[0], path[1:]
    if head == "#":
        return len(v)
    if head == "*":
        return [walk(x, rest) for x in v]
    if re.fullmatch(r"-?\d+", head):
        return walk(v[int(head)], rest)
    return walk(v[head] if isinstance(v, dict) else getattr(v, head), rest)


class Run:
    def __init__(self, sandbox: Sandbox, scenario: dict[str, typing.Any], asynchronous: bool) -> None:
        self.sandbox = sandbox
        self.saved: dict[str, typing.Any] = {}
        self.loop = Loop() if asynchronous else None
        options = {**FAST, "token": TOKEN, **scenario.get("client", {})}
        cls = psb_hosting.AsyncClient if asynchronous else psb_hosting.Client
        self.client = cls(base_url=sandbox.url, **options)

    def ref(self, name: str) -> typing.Any:
        saved, *path = name.split(".")
        return walk(self.saved[saved], path)

    def check(self, what: str, actual: typing.Any, want: typing.Any) -> None:
        if isinstance(want, dict):
            if "$" in want:
                want = self.ref(want["$"]) + want["plus"] if "plus" in want else self.ref(want["$"])
            elif "at_least" in want:
                assert actual >= want["at_least"], f"{what}: {actual!r} < {want['at_least']!r}"
                return
            elif "not_empty" in want:
                assert actual, f"{what} is empty"
                return
        assert actual == want, f"{what}: {actual!r}, expected {want!r}"

    def call(self, step: dict[str, typing.Any]) -> typing.Any:
        owner, name = step["call"].rsplit(".", 1)
        if owner.startswith("$"):
            target = self.saved[owner[1:]]
            table = METHODS[f"{type(target).__name__.removeprefix('Async')}.{name}"]
        else:
            target = getattr(self.client, owner)
            table = METHODS[step["call"]]
        result = getattr(target, name)(**arguments(table, step.get("args", {})))
        if self.loop is None:
            return list(result) if table["kind"] == "iter" else result
        return self.loop.collect(result) if table["kind"] == "iter" else self.loop.run(result)

    def step(self, step: dict[str, typing.Any]) -> None:
        if "fault" in step:
            f = step["fault"]
            self.sandbox.fault(f["operation_id"], f["count"], f["fault"])
        elif "sent" in step:
            self.check(f"requests of {step['sent']}", self.sandbox.attempts(step["sent"]), step["times"])
        else:
            started = time.monotonic()
            try:
                result = self.call(step)
            except psb_hosting.PsbError as e:
                if "raises" not in step:
                    raise
                self.raised(step["raises"], e)
            else:
                assert "raises" not in step, f"{step['call']} returned {result!r}"
                for path, want in step.get("expect", {}).items():
                    self.check(f"{step['call']} {path}", walk(result, path.split(".")), want)
                if "save" in step:
                    self.saved[step["save"]] = result
            took = time.monotonic() - started
            assert took >= step.get("took_at_least", 0), f"{step['call']} took {took:.3f}s"
            assert took <= step.get("took_at_most", 1e9), f"{step['call']} took {took:.3f}s"

    def raised(self, want: dict[str, typing.Any], e: psb_hosting.PsbError) -> None:
        assert e.kind == want["kind"], f"{e.kind}: {e}, expected {want['kind']}"
        # Each kind is its own class, so an `except` clause can catch it.
        assert isinstance(e, getattr(psb_hosting, f"{want['kind']}Error")), type(e)
        for key in ("status", "detail", "retry_after", "operation"):
            if key in want:
                self.check(key, getattr(e, key), want[key])
        for text in want.get("message_has", []):
            assert text in str(e), f"{text!r} not in {str(e)!r}"
        for text in want.get("message_lacks", []):
            assert text not in str(e) + repr(e), f"{text!r} in {str(e)!r}"


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("scenario", CASES, ids=[s["name"] for s in CASES])
def test_scenario(sandbox: Sandbox, scenario: dict[str, typing.Any], asynchronous: bool) -> None:
    sandbox.reset()
    run = Run(sandbox, scenario, asynchronous)
    try:
        for step in scenario["steps"]:
            run.step(step)
    finally:
        if run.loop is not None:
            run.loop.close()
