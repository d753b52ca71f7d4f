// Attachments from Uint8Array, ArrayBuffer, Blob and File arrive whole, with their names and
// content types.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { Client } from 'psb-hosting';
import { download, reset, TOKEN, URL_ } from './helpers.mjs';

const client = () => new Client({ token: TOKEN, baseUrl: URL_ });
beforeEach(reset);

test('every byte value survives, from a Uint8Array', async () => {
  const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => i % 256);
  const sent = await client().chats.send(51, { attachments: [{ file_name: 'blob.bin', content: bytes }] });
  assert.equal(sent.text, undefined);
  const a = sent.attachments[0];
  assert.deepEqual([a.name, a.size, a.content_type], ['blob.bin', 70_000, 'application/octet-stream']);
  assert.deepEqual(await download(a.id), bytes);
});

test('a ticket with a File, a Blob and an ArrayBuffer', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
  const files = [
    new File([png], 'screen shot.png', { type: 'image/png' }),
    { file_name: 'дамп.log', content: new Blob(['line 1\nline 2\n']) },
    {
      file_name: 'data.json',
      content_type: 'application/json',
      content: new TextEncoder().encode('{"a":1}').buffer,
    },
    new File(['no type given'], 'notes.txt'),
  ];
  const c = client();
  const created = await c.tickets.create({
    title: 'Files',
    department: 'Technical',
    message: 'see attached',
    attachments: files,
  });
  const messages = await c.chats.messages(created.chat.info.id);
  const first = messages.find((m) => m.text === 'see attached');
  const got = first.attachments.map((a) => [a.name, a.size, a.content_type]).sort();
  assert.deepEqual(got, [
    ['data.json', 7, 'application/json'],
    ['notes.txt', 13, 'text/plain'],
    ['screen shot.png', 7, 'image/png'],
    ['дамп.log', 14, 'text/plain'],
  ]);
  const pngId = first.attachments.find((a) => a.name.endsWith('.png')).id;
  assert.deepEqual(await download(pngId), png);
});
