// Every operation of the API through the package, against one sandbox; the sandbox's coverage
// then has to show all 31 operations served a 2xx (the yardstick of every binding's suite).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from 'psb-hosting';
import { coverage, reset, TOKEN, URL_ } from './helpers.mjs';

test('every operation is served a 2xx', async () => {
  await reset();
  const client = new Client({ token: TOKEN, baseUrl: URL_ });

  // account and catalog
  const account = await client.account.get();
  assert.equal(account.username, 'user');
  assert.equal(typeof account.balance, 'number');
  const vps = await client.products.list({ types: ['PsbVps', 'HighCpuPsbVps'] });
  assert.ok(vps.length > 0 && vps.every((p) => p.type.toLowerCase().includes('vps')));
  const product = await client.products.get(175);
  const recipes = await client.recipes.list();
  const recipe = await client.recipes.get(5);
  assert.ok(recipes.some((r) => r.id === recipe.id));

  // orders
  const orders = await client.orders.list();
  assert.ok(orders.some((o) => o.id === 25284));
  const detail = await client.orders.get(25284);
  assert.equal(detail.order_data.id, 25284);
  const created = await client.orders.create({
    product_id: product.id,
    payment: 'Balance',
    os: product.os[0].id,
    control_panel: product.control_panel[0].id,
    recipe_id: recipe.id,
    name: 'tour',
  });
  assert.equal(created.order.product.id, product.id);
  const prolonged = await client.orders.prolong(25284);
  assert.ok(Date.parse(prolonged.date_end) > Date.parse(detail.order_data.date_end));
  const toggled = await client.orders.toggleAutoProlong(25284);
  assert.notEqual(toggled.auto_refresh, prolonged.auto_refresh);
  const options = await client.orders.productsForChange(25284);
  const target = options.products[0];
  assert.ok(target, 'a product to change to');
  const changed = await client.orders.changeProduct(25284, target.id);
  assert.equal(changed.product.id, target.id);
  const terminated = await client.orders.terminate(76);
  assert.equal(terminated.id, 76);

  // payments
  const page = await client.payments.list({ page_size: 2 });
  assert.ok(page.total >= page.items.length);

  // servers: a stop, a start and a restart, each awaited
  const servers = client.servers;
  await servers.waitForStatus(25284, 'Active', { timeout: 10_000 });
  await servers.stop(25284);
  await servers.waitForStatus(25284, 'Stopped', { timeout: 10_000 });
  await servers.start(25284);
  await servers.waitForStatus(25284, 'Active', { timeout: 10_000 });
  const restart = await servers.restart(25284);
  assert.equal((await restart.wait({ timeout: 10_000 })).state, 'Complete');
  const ips = await servers.ipAddresses(25284);
  assert.ok(ips.some((ip) => ip.ip === '1.1.1.1'));
  const added = await servers.addPtr(25284, '1.1.1.1', 'nl100.example.com');
  assert.equal(added.ptr, 'nl100.example.com');
  const updated = await servers.updatePtr(25284, '1.1.1.1', 'nl200.example.com');
  assert.equal(updated.ptr, 'nl200.example.com');
  await servers.changePassword(25284, 'n3w-Passw0rd');
  await servers.changePort(25284, 2222);
  const os = (await client.orders.get(25284)).product_systems?.[0]?.id ?? 40;
  await servers.reinstall(25284, os);
  const v6 = await servers.assignIpv6(25284);
  assert.equal(v6.type, 'V6');

  // tickets and chats
  const tickets = [];
  for await (const t of client.tickets.iter({ page_size: 10 })) tickets.push(t);
  assert.ok(tickets.some((t) => t.id === 51));
  const ticket = await client.tickets.get(51);
  const log = {
    file_name: 'boot.log',
    content_type: 'text/plain',
    content: new TextEncoder().encode('kernel: ok\n'),
  };
  const newTicket = await client.tickets.create({
    title: 'Server is slow',
    department: 'Technical',
    message: 'Since this morning',
    order_ids: [25284],
    attachments: [log],
  });
  assert.equal(newTicket.type, 'Technical');
  const closed = await client.tickets.close(newTicket.id);
  assert.equal(closed.status, 'Closed');
  const messages = await client.chats.messages(ticket.chat.info.id, { limit: 50, offset: 0 });
  assert.ok(messages.length > 0);
  const sent = await client.chats.send(ticket.chat.info.id, { text: 'and a log', attachments: [log] });
  assert.equal(sent.attachments.length, 1);
  assert.equal(sent.attachments[0].size, 11);

  const c = await coverage();
  assert.deepEqual(c.without_2xx, [], `operations without a 2xx: ${JSON.stringify(c)}`);
  assert.equal(c.covered, 31);
});
