"""Attachments arrive whole, from bytes, paths (str and pathlib), binary file objects and
Upload records, with their names and content types."""

from __future__ import annotations

import asyncio
import io
import pathlib

import pytest
from conftest import Sandbox

from psb_hosting import InvalidArgumentError, NewTicket, NotFoundError, Upload, upload


def test_every_byte_value_survives(sandbox: Sandbox) -> None:
    blob = bytes(i % 256 for i in range(70_000))
    sent = sandbox.client().chats.send(51, attachments=[upload(blob, file_name="blob.bin")])
    assert sent.text is None
    a = sent.attachments[0]
    assert (a.name, a.size, a.content_type) == ("blob.bin", 70_000, "application/octet-stream")
    assert sandbox.attachment(a.id) == blob


def test_a_ticket_with_files_from_paths_file_objects_and_bytes(
    sandbox: Sandbox, tmp_path: pathlib.Path
) -> None:
    png = tmp_path / "screen shot.png"
    png.write_bytes(b"\x89PNG\x00\x01\x02")
    log = tmp_path / "дамп.log"
    log.write_text("line 1\nline 2\n")
    with open(png, "rb") as f:
        from_file = upload(f, file_name="again.png")
    ticket = NewTicket(
        title="Files",
        department="Technical",
        message="see attached",
        attachments=[upload(png), upload(str(log)), from_file, upload(bytearray(b"{}"), file_name="x.json")],
    )
    client = sandbox.client()
    created = client.tickets.create(ticket)
    messages = client.chats.messages(created.chat.info.id)
    first = next(m for m in messages if m.text == "see attached")
    files = sorted((a.name, a.size, a.content_type) for a in first.attachments)
    assert files == [
        ("again.png", 7, "image/png"),
        ("screen shot.png", 7, "image/png"),
        ("x.json", 2, "application/json"),
        ("дамп.log", 14, "text/plain"),
    ]
    png_id = next(a.id for a in first.attachments if a.name == "screen shot.png")
    assert sandbox.attachment(png_id) == png.read_bytes()


def test_chat_send_takes_every_kind_of_source(sandbox: Sandbox, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"hello")
    record = Upload(file_name="r.bin", content_type="application/x-custom", content=b"\x00\x01")
    sources = [b"raw", path, str(path), io.BytesIO(b"stream"), record]

    async def run() -> None:
        async with sandbox.aclient() as client:
            sent = await client.chats.send(51, "files", sources)
            got = [(a.name, a.size, a.content_type) for a in sent.attachments]
            assert got == [
                ("file", 3, "application/octet-stream"),
                ("notes.txt", 5, "text/plain"),
                ("notes.txt", 5, "text/plain"),
                ("file", 6, "application/octet-stream"),
                ("r.bin", 2, "application/x-custom"),
            ]

    asyncio.run(run())


def test_bad_sources_are_refused_before_sending(sandbox: Sandbox, tmp_path: pathlib.Path) -> None:
    with pytest.raises(InvalidArgumentError, match="cannot read"):
        upload(tmp_path / "missing.txt")
    with pytest.raises(TypeError):
        upload(io.StringIO("text mode"))  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        sandbox.client().chats.send(51, attachments=[upload(b"x", content_type="not a type")])
    assert sandbox.attempts("chats_create_chat_message") == 0
    with pytest.raises(NotFoundError):
        sandbox.client().chats.send(999999, "nobody's chat")
