"""`plankg serve` in a real headless Chromium: what a user does, click by click and key by
key, on the sample store; the page never asks the network for anything."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .browser import Browser
from .conftest import service

pytestmark = pytest.mark.integration
SCREENSHOTS = os.environ.get("PLANKG_SCREENSHOTS")
"""A folder to keep the screenshots in (the README's come from here)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_store):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-P", "-c", "from plankg.cli import main; main()", "serve",
                                "--store", str(sample_store), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/queries", timeout=5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"plankg serve did not start: {process.stderr.read()[-500:]}") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def browser(tmp_path):
    chromium = Browser(service("PLANKG_TEST_CHROMIUM", "Chromium"), tmp_path / "profile")
    yield chromium
    chromium.close()


def shot(browser: Browser, name: str, tmp_path: Path) -> None:
    folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    assert browser.screenshot(folder / f"{name}.png").stat().st_size > 10_000


def local_only(browser: Browser, server: str) -> None:
    assert all(u.startswith((server, "data:", "about:")) for u in browser.requests), browser.requests
    assert not browser.errors, browser.errors


def test_search_agency_task_evidence(server, browser, tmp_path):
    browser.goto(server + "/")
    with browser.navigation():
        browser.js('document.querySelector("input[name=q]").value = "so tai nguyen";'
                   'document.querySelector("form.search").submit()')
    assert "Sở Tài nguyên và Môi trường" in browser.js("document.body.innerText")
    shot(browser, "search", tmp_path)
    browser.click('a[href^="/agency/DONRE"]')
    assert browser.js("location.pathname") == "/agency/DONRE"
    assert browser.js("document.querySelectorAll('a[href^=\"/evidence\"]').length") > 0
    shot(browser, "agency", tmp_path)
    task = browser.js("document.querySelector('a[href^=\"/evidence\"]').textContent")
    browser.click('a[href^="/evidence"]')
    marked = browser.js("Array.from(document.querySelectorAll('mark.task, mark[class~=task]'))"
                        ".map(m => m.textContent).join('')")
    assert " ".join(marked.split()) and " ".join(marked.split()) in " ".join(task.split()) + " " or \
        " ".join(task.split()) in " ".join(marked.split())
    assert browser.js("getComputedStyle(document.querySelector('mark')).backgroundColor") != "rgba(0, 0, 0, 0)"
    local_only(browser, server)


def test_plan_page_and_its_lineage(server, browser, tmp_path):
    browser.goto(server + "/plan?id=202/KH-UBND")
    assert "3529/QĐ-BCT" in browser.js("document.body.innerText")
    shot(browser, "plan", tmp_path)
    browser.click('a[href^="/document?id=202"]')
    text = browser.js("document.body.innerText")
    assert "3529/QĐ-BCT" in text and "202/KH-UBND" in text
    local_only(browser, server)


def test_chain_view_is_readable(server, browser, tmp_path):
    browser.goto(server + "/network?view=chain&agency=DONRE&province=Đồng Nai")
    time.sleep(2.5)  # the frame draws its network
    shot(browser, "network", tmp_path)
    frame = browser.js("document.querySelector('iframe.network').src")
    browser.goto(frame)
    time.sleep(1.5)  # vis-network lays the levels out
    assert browser.js("!!document.querySelector('canvas')")
    nodes = browser.js("nodes.get().map(n => ({label: n.label, level: n.level, url: n.url || ''}))")
    assert nodes and not [n for n in nodes if n["label"].startswith("http")]
    assert len({n["level"] for n in nodes}) >= 3  # committee, plan, task, agency: levels top to bottom
    assert browser.js("network.getPositions()[nodes.get()[0].id] !== undefined")
    assert "UBND Đồng Nai" in {n["label"] for n in nodes}
    local_only(browser, server)


def test_query_form_and_csv_download(server, browser):
    browser.goto(server + "/queries/tasks-led-by")
    with browser.navigation():
        browser.js('document.querySelector("input[name=agency]").value = "DONRE";'
                   'document.querySelector("form.filters button").click()')
    assert browser.js("document.querySelectorAll('table.results tbody tr').length") > 0
    csv_text = browser.js("fetch(document.querySelector('a[href*=\"format=csv\"]').href).then(r => r.text())",
                          wait=True)
    assert csv_text.splitlines()[0] == "province,number,section,task,plan,task_iri"
    rows = json.loads(browser.js("fetch(document.querySelector('a[href*=\"format=json\"]').href)"
                                 ".then(r => r.text())", wait=True))
    assert len(rows) == len(csv_text.splitlines()) - 1 or len(rows) > 0
    local_only(browser, server)


def test_keyboard_alone_reaches_the_search_results(server, browser):
    browser.goto(server + "/")
    browser.press("Tab")
    assert browser.js("document.activeElement.className") == "skip"
    browser.press("Enter")
    assert browser.js("location.hash") == "#main"
    browser.goto(server + "/")
    for _ in range(12):
        browser.press("Tab")
        if browser.js("document.activeElement.name") == "q":
            break
    assert browser.js("document.activeElement.name") == "q"
    browser.type("so tai nguyen")
    with browser.navigation():
        browser.press("Enter")
    assert "/agency/DONRE" in browser.js("Array.from(document.links).map(a => a.getAttribute('href')).join(' ')")
    browser.press("Tab")  # the focused control shows a ring
    assert browser.js("getComputedStyle(document.activeElement).outlineStyle") != "none"
