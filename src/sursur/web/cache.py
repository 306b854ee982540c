"""A cache of whole answers (pages and API JSON), kept per data revision.

The observatory is read far more than it is written. A GET answer depends on the URL, the reader's
language and scheme (cookies, Accept-Language) and the data; the data's state is one number that every
write transaction raises (store_revision), so an answer cached under an older number is never served:
a write by the CLI, an import or another process is seen at the next request. Downloads (files) and
errors are not cached. The cache sits outside the gzip middleware: it keeps the compressed body for the
clients that accept gzip and the plain one for the others, so a page is compressed once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRIES = 512
MAX_BODY = 2_000_000  # bytes: a larger answer is sent, not kept


class ResponseCache:
    def __init__(self, app: ASGIApp, store, max_entries: int = MAX_ENTRIES):
        self.app, self.store, self.max_entries = app, store, max_entries
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def _key(self, scope: Scope, headers: dict, revision: int) -> tuple:
        return (revision, scope["path"], scope.get("query_string", b""), headers.get(b"accept-language", b""),
                headers.get(b"cookie", b""), b"gzip" in headers.get(b"accept-encoding", b""))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.store is None or scope["type"] != "http" or scope["method"] != "GET"
                or scope["path"].startswith("/static/")):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if b"authorization" in headers or b"sursur_session=" in headers.get(b"cookie", b""):
            await self.app(scope, receive, send)  # what a signed-in user sees is theirs: never cached
            return
        key = self._key(scope, headers, self.store.data_revision())
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
                self.hits += 1
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": list(headers)})
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        start: Message | None = None
        chunks: list[bytes] = []
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = {"status": message["status"], "headers": [tuple(h) for h in message.get("headers") or []]}
                headers = dict(start["headers"])
                keep = (message["status"] == 200 and b"content-disposition" not in headers
                        and b"set-cookie" not in headers)  # a cookie is one visitor's: never replayed to another
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > MAX_BODY:
                    keep = False
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start is not None:
            with self.lock:
                self.entries[key] = (start["status"], start["headers"], b"".join(chunks))
                while len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
