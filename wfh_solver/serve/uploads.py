"""Receiving a file: the multipart body streamed straight into the upload's private folder.

The request body is parsed as it arrives (python-multipart's push parser), so a large file
never sits in memory or in the system's shared temporary folder, and the size limit stops
the transfer as soon as it is passed. The form's CSRF field must come before the file.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import IO

from python_multipart.exceptions import ParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from wfh_solver.serve.workspace import safe_suffix

FIELD_LIMIT = 4096


class UploadRefused(Exception):
    """The body is not an acceptable upload; `status` is the HTTP answer, `key` the message."""

    def __init__(self, status: int, key: str, **params: object) -> None:
        self.status, self.key, self.params = status, key, params
        super().__init__(key)


class _Sink:
    """The parser's callbacks: small fields kept in memory, each file part written out.

    `files`: the file fields accepted, each with how many files it may carry; a part for
    another field, or one too many, refuses the form. An empty file part (a file input
    left blank, which browsers still send) is skipped."""

    def __init__(self, folder: Path, limit: int, csrf_ok: Callable[[str], bool],
                 files: dict[str, int]) -> None:
        self.folder, self.limit, self.csrf_ok, self.accepted = folder, limit, csrf_ok, files
        self.fields: dict[str, str] = {}
        self.files: dict[str, list[tuple[Path, str]]] = {}
        self.size = 0
        self._skip = False
        self._out: IO[bytes] | None = None
        self._field: str | None = None
        self._buffer = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._name = bytearray()
        self._value = bytearray()

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {"on_part_begin": self.part_begin, "on_header_field": self.header_field,
                "on_header_value": self.header_value, "on_header_end": self.header_end,
                "on_headers_finished": self.headers_finished, "on_part_data": self.part_data,
                "on_part_end": self.part_end}

    def part_begin(self) -> None:
        self._headers.clear()
        self._field, self._buffer, self._skip = None, bytearray(), False

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def header_end(self) -> None:
        self._headers[bytes(self._name).lower()] = bytes(self._value)
        self._name, self._value = bytearray(), bytearray()

    def headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = params.get(b"filename")
        if filename is None:
            self._field = name
            return
        if not filename:  # a file input left empty
            self._skip = True
            return
        taken = self.files.setdefault(name, [])
        if name not in self.accepted or len(taken) >= self.accepted[name]:
            raise UploadRefused(400, "web_bad_form")
        if not self.csrf_ok(self.fields.get("csrf", "")):
            raise UploadRefused(403, "web_csrf")
        client_name = filename.decode("utf-8", "replace")
        stem = "input" if not taken and len(self.accepted) == 1 else f"{name}-{len(taken)}"
        path = self.folder / f"{stem}{safe_suffix(client_name)}"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._out = os.fdopen(descriptor, "wb")
        taken.append((path, client_name))

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self._out is not None:
            self.size += end - start
            if self.size > self.limit:
                raise UploadRefused(413, "web_too_large", limit=self.limit // (1024 * 1024))
            self._out.write(data[start:end])
        elif self._skip:
            return
        else:
            self._buffer += data[start:end]
            if len(self._buffer) > FIELD_LIMIT:
                raise UploadRefused(400, "web_bad_form")

    def part_end(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        elif self._field is not None:
            self.fields[self._field] = self._buffer.decode("utf-8", "replace")

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


async def receive_files(content_type: str, content_length: str | None,
                        body: AsyncIterator[bytes], folder: Path, limit: int,
                        csrf_ok: Callable[[str], bool], files: dict[str, int]
                        ) -> tuple[dict[str, list[tuple[Path, str]]], dict[str, str]]:
    """Streams the form's files into `folder` (at most `limit` bytes together); returns
    each file field's (path, client's name) pairs and the other fields. Raises
    `UploadRefused` (and leaves partial files for the caller's cleanup)."""
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadRefused(400, "web_bad_form")
    if content_length is not None and content_length.isdigit() \
            and int(content_length) > limit + 64 * 1024:
        raise UploadRefused(413, "web_too_large", limit=limit // (1024 * 1024))
    sink = _Sink(folder, limit, csrf_ok, files)
    parser = MultipartParser(boundary, sink.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
    except ParseError:
        raise UploadRefused(400, "web_bad_form") from None
    finally:
        sink.close()
    if not csrf_ok(sink.fields.get("csrf", "")):
        raise UploadRefused(403, "web_csrf")
    return {k: v for k, v in sink.files.items() if v}, sink.fields


async def receive_file(content_type: str, content_length: str | None,
                       body: AsyncIterator[bytes], folder: Path, limit: int,
                       csrf_ok: Callable[[str], bool],
                       file_field: str = "file") -> tuple[Path, str, dict[str, str]]:
    """Streams the form's one file into `folder`; returns its path, the client's name and
    the other fields. Raises `UploadRefused` (and leaves a partial file for the caller's
    cleanup)."""
    files, fields = await receive_files(content_type, content_length, body, folder, limit,
                                        csrf_ok, {file_field: 1})
    sent = files.get(file_field)
    if not sent or sent[0][0].stat().st_size == 0:
        raise UploadRefused(400, "web_no_file")
    return sent[0][0], sent[0][1], fields
