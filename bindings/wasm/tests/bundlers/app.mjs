// The page's program, as a user of each bundler writes it: the package by its bare name.
import { Client, NotFoundError } from 'psb-hosting';

const out = {};
try {
  const client = new Client(window.psbOptions);
  out.username = (await client.account.get()).username;
  try {
    await client.orders.get(987654);
  } catch (e) {
    out.notFound = e instanceof NotFoundError;
  }
} catch (e) {
  out.failure = `${e}\n${e?.stack ?? ''}`;
}
window.psbResult = out;
