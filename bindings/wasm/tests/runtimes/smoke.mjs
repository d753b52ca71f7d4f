// What `cargo xtask test` runs in Deno, Bun and workerd (through the worker beside this file):
// the package imported by its bare name, with no configuration, doing what a user's first
// program does. Throws on the first thing that is not so; returns a line of what it saw.
import { Client, NotFoundError, PsbError } from 'psb-hosting';

export async function smoke(baseUrl) {
  const client = new Client({ token: 'sandbox-token', baseUrl });
  const me = await client.account.get();
  if (typeof me.username !== 'string') throw new Error(`account.get gave ${JSON.stringify(me)}`);
  const orders = await client.orders.list();
  if (!(orders.length > 0)) throw new Error('orders.list gave no orders');
  // The caller's frame, by its function's name: a stack shows where the call was made.
  async function placeOfTheCall() {
    return client.orders.get(987654);
  }
  try {
    await placeOfTheCall();
    throw new Error('orders.get(987654) did not fail');
  } catch (e) {
    if (!(e instanceof NotFoundError && e instanceof PsbError && e.status === 404)) throw e;
    if (!String(e.stack).includes('placeOfTheCall')) throw new Error(`the stack shows no caller: ${e.stack}`);
  }
  const stubbed = new Client({
    token: 'sandbox-token',
    baseUrl,
    maxRetries: 0,
    fetch: async () => new Response('not json', { status: 200 }),
  });
  try {
    await stubbed.account.get();
    throw new Error('a stub answering "not json" did not fail');
  } catch (e) {
    if (!(e instanceof PsbError && e.kind === 'Decode')) throw e;
  }
  return `${me.username}: ${orders.length} orders, NotFoundError and a stubbed fetch as expected`;
}
