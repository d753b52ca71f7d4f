"""Every operation of the API, through the blocking and the asyncio client, against one sandbox;
the sandbox's coverage then has to show that all 31 operations served a 2xx (the yardstick every
binding's suite ends with)."""

from __future__ import annotations

import asyncio
import datetime
import decimal

from conftest import Sandbox

from psb_hosting import NewOrder, NewTicket, PaymentMethod, upload

VPS_TYPES = ("PsbVps", "HighCpuPsbVps")


def assert_full_coverage(sandbox: Sandbox) -> None:
    coverage = sandbox.coverage()
    assert coverage["without_2xx"] == [], coverage
    assert coverage["covered"] == 31


def test_every_operation_sync(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        # account and catalog
        account = client.account.get()
        assert account.username == "user"
        assert isinstance(account.balance, decimal.Decimal)
        vps = client.products.list(["PsbVps", "HighCpuPsbVps"])
        assert vps and all(p.product_type in VPS_TYPES for p in vps)
        product = client.products.get(175)
        recipes = client.recipes.list()
        recipe = client.recipes.get(5)
        assert any(r.id == recipe.id for r in recipes)

        # orders
        orders = client.orders.list()
        assert any(o.id == 25284 for o in orders)
        detail = client.orders.get(25284)
        assert detail.order_data.id == 25284
        assert isinstance(detail.order_data.date_create, datetime.datetime)
        assert detail.order_data.date_create.tzinfo is not None
        new = NewOrder(
            product_id=product.id,
            payment=PaymentMethod.BALANCE,
            os=product.os[0].id,
            control_panel=product.control_panel[0].id,
            recipe_id=recipe.id,
            name="tour",
        )
        created = client.orders.create(new)
        assert created.order.product.id == product.id
        prolonged = client.orders.prolong(25284)
        assert prolonged.date_end is not None and detail.order_data.date_end is not None
        assert prolonged.date_end > detail.order_data.date_end
        toggled = client.orders.toggle_auto_prolong(25284)
        assert toggled.auto_refresh != prolonged.auto_refresh
        options = client.orders.products_for_change(25284)
        target = options.products[0]
        changed = client.orders.change_product(25284, target.id)
        assert changed.product.id == target.id
        assert client.orders.terminate(76).id == 76

        # payments
        page = client.payments.list(page_size=2)
        assert page.total >= len(page.items)

        # servers: a stop, a start and a restart, each awaited
        servers = client.servers
        servers.wait_for_status(25284, "Active", 10)
        servers.stop(25284)
        servers.wait_for_status(25284, "Stopped", datetime.timedelta(seconds=10))
        servers.start(25284)
        servers.wait_for_status(25284, "Active", 10)
        assert servers.restart(25284).wait(10).state == "Complete"
        assert any(ip.ip == "1.1.1.1" for ip in servers.ip_addresses(25284))
        assert servers.add_ptr(25284, "1.1.1.1", "nl100.example.com").ptr == "nl100.example.com"
        assert servers.update_ptr(25284, "1.1.1.1", "nl200.example.com").ptr == "nl200.example.com"
        servers.change_password(25284, "n3w-Passw0rd")
        servers.change_port(25284, 2222)
        systems = client.orders.get(25284).product_systems
        servers.reinstall(25284, systems[0].id if systems else 40)
        assert servers.assign_ipv6(25284).version == "V6"

        # tickets and chats
        tickets = list(client.tickets.iter(page_size=10))
        assert any(t.id == 51 for t in tickets)
        ticket = client.tickets.get(51)
        shot = upload(b"kernel: ok\n", file_name="boot.log")
        opened = client.tickets.create(
            NewTicket(
                title="Server is slow",
                department="Technical",
                message="Since this morning",
                order_ids=[25284],
                attachments=[shot],
            )
        )
        assert opened.department == "Technical"
        assert client.tickets.close(opened.id).status == "Closed"
        assert client.chats.messages(ticket.chat.info.id, limit=50, offset=0)
        sent = client.chats.send(ticket.chat.info.id, "and a log", [shot])
        assert len(sent.attachments) == 1 and sent.attachments[0].size == 11

    assert_full_coverage(sandbox)


def test_every_operation_async(sandbox: Sandbox) -> None:
    async def tour() -> None:
        async with sandbox.aclient() as client:
            account, vps, product, recipes, recipe = await asyncio.gather(
                client.account.get(),
                client.products.list(["PsbVps", "HighCpuPsbVps"]),
                client.products.get(175),
                client.recipes.list(),
                client.recipes.get(5),
            )
            assert account.username == "user"
            assert vps and all(p.product_type in VPS_TYPES for p in vps)
            assert any(r.id == recipe.id for r in recipes)

            orders, detail = await asyncio.gather(client.orders.list(), client.orders.get(25284))
            assert any(o.id == 25284 for o in orders)
            created = await client.orders.create(
                NewOrder(
                    product_id=product.id,
                    payment=PaymentMethod.BALANCE,
                    os=product.os[0].id,
                    control_panel=product.control_panel[0].id,
                    recipe_id=recipe.id,
                )
            )
            assert created.order.product.id == product.id
            prolonged = await client.orders.prolong(25284, period=None)
            assert prolonged.date_end is not None and detail.order_data.date_end is not None
            assert prolonged.date_end > detail.order_data.date_end
            toggled = await client.orders.toggle_auto_prolong(25284)
            assert toggled.auto_refresh != prolonged.auto_refresh
            target = (await client.orders.products_for_change(25284)).products[0]
            assert (await client.orders.change_product(25284, target.id)).product.id == target.id
            assert (await client.orders.terminate(76)).id == 76

            page = await client.payments.list(page=1, page_size=2)
            assert page.total >= len(page.items)

            s = client.servers
            await s.wait_for_status(25284, "Active", 10)
            await s.stop(25284)
            await s.wait_for_status(25284, "Stopped", 10)
            await s.start(25284)
            await s.wait_for_status(25284, "Active", 10)
            assert (await (await s.restart(25284)).wait(10)).state == "Complete"
            assert any(ip.ip == "1.1.1.1" for ip in await s.ip_addresses(25284))
            assert (await s.add_ptr(25284, "1.1.1.1", "a.example.com")).ptr == "a.example.com"
            assert (await s.update_ptr(25284, "1.1.1.1", "b.example.com")).ptr == "b.example.com"
            await s.change_password(25284, "n3w-Passw0rd")
            await s.change_port(25284, 2222)
            systems = (await client.orders.get(25284)).product_systems
            await s.reinstall(25284, systems[0].id if systems else 40)
            assert (await s.assign_ipv6(25284)).version == "V6"

            tickets = [t async for t in client.tickets.iter(page_size=10)]
            assert any(t.id == 51 for t in tickets)
            ticket = await client.tickets.get(51)
            opened = await client.tickets.create(
                NewTicket(title="Slow", department="Sales", message="Help", order_ids=[25284])
            )
            assert (await client.tickets.close(opened.id)).status == "Closed"
            assert await client.chats.messages(ticket.chat.info.id)
            sent = await client.chats.send(ticket.chat.info.id, attachments=[b"12345"])
            assert sent.attachments[0].size == 5

    asyncio.run(tour())
    assert_full_coverage(sandbox)
