"""Files to attach (tickets, chat messages) from bytes, paths or binary file objects."""

from __future__ import annotations

import os
import typing

from ._errors import NativeError, convert
from ._native import psb_uniffi as _ffi
from ._native.psb_model import Upload

__all__ = ["Upload", "UploadSource", "upload"]

#: What an attachment can be given as: an :class:`Upload`, the content as bytes, a path (``str``
#: or ``os.PathLike``), or a binary file object opened for reading.
UploadSource = typing.Union[Upload, bytes, bytearray, memoryview, str, "os.PathLike[str]", typing.BinaryIO]


def upload(
    source: UploadSource,
    *,
    file_name: str | None = None,
    content_type: str | None = None,
) -> Upload:
    """An :class:`Upload` from bytes, a path or a binary file object. ``file_name`` defaults to
    the path's or the file object's name (``"file"`` for bytes); ``content_type`` to the one the
    SDK derives from the name's extension."""
    if isinstance(source, Upload):
        name, content = source.file_name, source.content
        content_type = content_type or source.content_type
    elif isinstance(source, (bytes, bytearray, memoryview)):
        name, content = "file", bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        try:
            native = _ffi.upload_from_path(os.fspath(source))
        except NativeError as e:
            raise convert(e) from None
        name, content = native.file_name, native.content
        content_type = content_type or (native.content_type if file_name is None else None)
    else:
        data = source.read()
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("upload() needs a file opened in binary mode ('rb')")
        name, content = os.path.basename(str(getattr(source, "name", "") or "")) or "file", bytes(data)
    name = file_name or name
    return Upload(file_name=name, content_type=content_type or _ffi.content_type_for(name), content=content)


def uploads(sources: typing.Iterable[UploadSource]) -> list[Upload]:
    return [upload(s) for s in sources]
