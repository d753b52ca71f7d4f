"""The suite runs against the real sandbox: the built `psb-mock` binary on a free loopback port,
one per session, reset before each test. `PSB_MOCK_BIN` names the binary (default: the
workspace's target/debug/psb-mock)."""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import subprocess
import typing
import urllib.request

import pytest

import psb_hosting

ROOT = pathlib.Path(__file__).resolve().parents[3]
TOKEN = "sandbox-token"
OTHER_TOKEN = "sandbox-token-2"
# Retries as in production, with millisecond backoffs so the fault tests run fast.
FAST = dict(initial_backoff=0.005, max_backoff=0.02, max_retry_after=2.0)


class Sandbox:
    def __init__(self, url: str) -> None:
        self.url = url

    def _request(self, method: str, path: str, body: typing.Any = None) -> typing.Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            req.add_header("content-type", "application/json")
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read() or b"null")

    def reset(self) -> None:
        self._request("POST", "/__sandbox/reset")

    def fault(self, operation_id: str, count: int, fault: dict[str, typing.Any]) -> None:
        """Queues `fault` for the next `count` requests of `operation_id`."""
        self._request(
            "POST", "/__sandbox/faults", {"operation_id": operation_id, "count": count, "fault": fault}
        )

    def vocabulary(self, replace: dict[str, str]) -> None:
        """Makes the API answer with other values in place of the known ones of `replace`."""
        self._request("POST", "/__sandbox/vocabulary", {"replace": replace})

    def coverage(self) -> typing.Any:
        return self._request("GET", "/__sandbox/coverage")

    def requests(self, operation_id: str) -> list[typing.Any]:
        """The requests of `operation_id` the sandbox saw since the last reset, oldest first."""
        r = self._request("GET", f"/__sandbox/requests?operation_id={operation_id}&limit=1000")
        return list(r["requests"])

    def attempts(self, operation_id: str) -> int:
        """How many requests of `operation_id` the sandbox saw since the last reset."""
        return len(self.requests(operation_id))

    def attachment(self, url_or_id: str | int) -> bytes:
        path = str(url_or_id)
        if not path.startswith("http"):
            path = f"{self.url}/__sandbox/attachments/{path}"
        with urllib.request.urlopen(path, timeout=10) as r:
            return typing.cast(bytes, r.read())

    def client(self, token: str | None = TOKEN, **kw: typing.Any) -> psb_hosting.Client:
        return psb_hosting.Client(token=token, base_url=self.url, **{**FAST, **kw})

    def aclient(self, token: str | None = TOKEN, **kw: typing.Any) -> psb_hosting.AsyncClient:
        return psb_hosting.AsyncClient(token=token, base_url=self.url, **{**FAST, **kw})


@contextlib.contextmanager
def start_sandbox() -> typing.Iterator[Sandbox]:
    """The built sandbox on a free loopback port, stopped on leaving (also used by the shared
    scenarios' runner, tests/scenarios/test_python_scenarios.py)."""
    binary = os.environ.get("PSB_MOCK_BIN") or str(ROOT / "target" / "debug" / "psb-mock")
    proc = subprocess.Popen(
        [binary, "--addr", "127.0.0.1:0", "--transition-ms", "200"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("listening on "), f"psb-mock said {line!r}"
        yield Sandbox(line.removeprefix("listening on "))
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="session")
def _sandbox_process() -> typing.Iterator[Sandbox]:
    with start_sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def sandbox(_sandbox_process: Sandbox) -> Sandbox:
    _sandbox_process.reset()
    return _sandbox_process
