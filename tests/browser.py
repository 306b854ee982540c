"""Serving the app on a free local port, and driving Debian's Chromium with Playwright."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import uvicorn

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's services, which this offline machine refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app):
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"  # CI keeps this folder


def shot(page, name: str) -> None:
    """A full-page screenshot into artifacts/screenshots/NAME.png, to look at after the run."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@contextmanager
def case_site(folder: Path):
    """The observatory on the built-in Medellín case, placed (as `make run` serves it): (url, store)."""
    from sursur.services.cases import load_case  # noqa: PLC0415
    from sursur.services.places import geocode_actors  # noqa: PLC0415
    from sursur.store import Store  # noqa: PLC0415
    from sursur.web.app import create_app  # noqa: PLC0415

    store = Store(str(folder / "sursur.db"), create=True)
    load_case(store, "medellin")
    geocode_actors(store)
    with serving(create_app(store)) as url:
        yield url, store
    store.close()
