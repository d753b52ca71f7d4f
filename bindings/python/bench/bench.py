"""psb_hosting against a hand-written httpx client with pydantic v2 models, on the same calls,
against the sandbox (`psb-mock --orders 1000`):

1. account.get, sequential (blocking clients);
2. 64 concurrent account.get with asyncio (per round);
3. orders.list with 1,000+ orders (decoding into typed objects; asyncio), then the same with
   every order read (psb_hosting builds a list's records on first use).

Run: python bench/bench.py [--mock target/debug/psb-mock] (needs psb_hosting, httpx, pydantic).
Prints a table; `--markdown` prints it as Markdown."""

from __future__ import annotations

import argparse
import asyncio
import datetime
import decimal
import pathlib
import statistics
import subprocess
import time
import typing

import httpx
import pydantic

import psb_hosting

ROOT = pathlib.Path(__file__).resolve().parents[3]
TOKEN = "sandbox-token"


# --- the hand-written baseline: httpx + pydantic v2 models of the same responses ---------------


class Account(pydantic.BaseModel):
    id: int
    email: str
    username: str
    role_id: int
    balance: decimal.Decimal
    is_verified: bool
    newsletter: bool


class ProductSummary(pydantic.BaseModel):
    id: int
    title: str
    price: decimal.Decimal
    bill_id: str | None = None
    type: str
    country: str
    profit: decimal.Decimal | None = None
    status: bool | None = None


class ControlPanel(pydantic.BaseModel):
    id: int
    name: str
    price: decimal.Decimal | None = None
    content: str | None = None


class IssuedOrder(pydantic.BaseModel):
    id: int
    order_id: int
    ip: str | None = None
    port: int | None = None
    superuser: str | None = None
    password: pydantic.SecretStr | None = None
    ipv6_addr: str | None = None
    ipv6_subnet: str | None = None
    url: str | None = None
    qr: str | None = None


class Order(pydantic.BaseModel):
    id: int
    order_id: str
    user_id: int
    product: ProductSummary
    os: str | None = None
    control_panel: ControlPanel | None = None
    period: int | None = None
    domain: str | None = None
    name: str = ""
    recipe_id: int | None = None
    auto_refresh: bool
    status: str
    date_create: datetime.datetime
    date_end: datetime.datetime | None = None
    issued_order: IssuedOrder | None = None


ORDERS = pydantic.TypeAdapter(list[Order])


class HttpxClient:
    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, headers={"Authorization": TOKEN})

    def account(self) -> Account:
        r = self.http.get("/users/me")
        r.raise_for_status()
        return Account.model_validate_json(r.content)


class AsyncHttpxClient:
    def __init__(self, base_url: str) -> None:
        self.http = httpx.AsyncClient(
            base_url=base_url, headers={"Authorization": TOKEN}, limits=httpx.Limits(max_connections=100)
        )

    async def account(self) -> Account:
        r = await self.http.get("/users/me")
        r.raise_for_status()
        return Account.model_validate_json(r.content)

    async def orders(self) -> list[Order]:
        r = await self.http.get("/order")
        r.raise_for_status()
        return ORDERS.validate_json(r.content)


# --- measuring -------------------------------------------------------------------------------


def medians(runs: int, a: typing.Callable[[], None], b: typing.Callable[[], None]) -> tuple[float, float]:
    """The median times of `a` and of `b`, run alternately so that both see the same machine."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for f, out in ((a, times[0]), (b, times[1])):
            t = time.perf_counter()
            f()
            out.append(time.perf_counter() - t)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mock", default=str(ROOT / "target/debug/psb-mock"))
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = ap.parse_args()
    reps = 3 if args.quick else 9
    mock = subprocess.Popen(
        [args.mock, "--addr", "127.0.0.1:0", "--orders", "1000"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert mock.stdout is not None
        url = mock.stdout.readline().strip().removeprefix("listening on ")
        rows = run(url, reps)
    finally:
        mock.terminate()
        mock.wait()
    header = ("case", "psb_hosting", "httpx+pydantic", "speed-up")
    lines = [(c, f"{a * 1000:.1f} ms", f"{b * 1000:.1f} ms", f"{b / a:.2f}x") for c, a, b in rows]
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|---|---:|---:|---:|")
        for line in lines:
            print("| " + " | ".join(line) + " |")
    else:
        widths = [max(len(r[i]) for r in [header, *lines]) for i in range(4)]
        for r in [header, *lines]:
            print("  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))))


def run(url: str, reps: int) -> list[tuple[str, float, float]]:
    rows = []
    n = 200
    psb = psb_hosting.Client(token=TOKEN, base_url=url)
    hx = HttpxClient(url)
    psb.account.get(), hx.account()  # warm up the connections
    rows.append(
        (
            f"account.get x{n}, sequential (sync)",
            *medians(
                reps, lambda: [psb.account.get() for _ in range(n)], lambda: [hx.account() for _ in range(n)]
            ),
        )
    )

    async def both() -> None:
        apsb = psb_hosting.AsyncClient(token=TOKEN, base_url=url)
        ahx = AsyncHttpxClient(url)

        async def concurrent_psb() -> None:
            await asyncio.gather(*(apsb.account.get() for _ in range(64)))

        async def concurrent_hx() -> None:
            await asyncio.gather(*(ahx.account() for _ in range(64)))

        async def seq_psb() -> None:
            for _ in range(n):
                await apsb.account.get()

        async def seq_hx() -> None:
            for _ in range(n):
                await ahx.account()

        async def timed(
            a: typing.Callable[[], typing.Awaitable[None]],
            b: typing.Callable[[], typing.Awaitable[None]],
            runs: int = reps,
        ) -> tuple[float, float]:
            """Median times of `a` and `b`, run alternately after a warm-up (connections, pools)."""
            await a()
            await b()
            times: tuple[list[float], list[float]] = ([], [])
            for _ in range(runs):
                for f, out in ((a, times[0]), (b, times[1])):
                    t = time.perf_counter()
                    await f()
                    out.append(time.perf_counter() - t)
            return statistics.median(times[0]), statistics.median(times[1])

        rows.append((f"account.get x{n}, sequential (asyncio)", *await timed(seq_psb, seq_hx)))
        rows.append(("64 concurrent account.get (asyncio)", *await timed(concurrent_psb, concurrent_hx)))

        async def list_psb() -> None:
            orders = await apsb.orders.list()
            assert len(orders) > 1000

        async def list_hx() -> None:
            orders = await ahx.orders()
            assert len(orders) > 1000

        rows.append(("orders.list, 1,003 orders (asyncio)", *await timed(list_psb, list_hx, runs=3 * reps)))

        # psb_hosting builds a list's records on first use: the same list with every record read.
        async def list_read_psb() -> None:
            orders = await apsb.orders.list()
            assert sum(o.id > 0 and o.status is not None for o in orders) > 1000

        async def list_read_hx() -> None:
            orders = await ahx.orders()
            assert sum(o.id > 0 and o.status is not None for o in orders) > 1000

        rows.append(
            (
                "orders.list, every order read (asyncio)",
                *await timed(list_read_psb, list_read_hx, runs=3 * reps),
            )
        )
        await ahx.http.aclose()

    asyncio.run(both())
    return rows


if __name__ == "__main__":
    main()
