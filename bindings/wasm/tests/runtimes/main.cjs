// The CommonJS entry in the Node versions `engines` claims (the oldest has no require(esm)):
// `node main.cjs`, with PSB_SANDBOX_URL set. main.mjs runs the whole smoke test in the same Node.
const { Client, NotFoundError, PsbError } = require('psb-hosting');

if (!require.resolve('psb-hosting').endsWith('node.cjs')) throw new Error('require did not pick node.cjs');
const client = new Client({ token: 'sandbox-token', baseUrl: process.env.PSB_SANDBOX_URL });
client.account
  .get()
  .then((me) => {
    if (typeof me.username !== 'string') throw new Error(`account.get gave ${JSON.stringify(me)}`);
    return client.orders.get(987654).then(
      () => {
        throw new Error('orders.get(987654) did not fail');
      },
      (e) => {
        if (!(e instanceof NotFoundError && e instanceof PsbError)) throw e;
        console.log(`require: ${me.username}, NotFoundError as expected`);
      },
    );
  })
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
