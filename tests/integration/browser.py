"""Headless Chromium driven over the DevTools protocol (websocket-client), for the web
application's page tests: open a page, read the DOM, press keys, take a screenshot.

Chromium resolves no host name but 127.0.0.1 (``--host-resolver-rules``) and every
request the page makes is recorded, so a test can check nothing came from the network.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import subprocess
import time
import urllib.request
from pathlib import Path

import websocket

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--remote-debugging-port=0",
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--window-size=1400,1000"]
KEYS = {"Tab": 9, "Enter": 13}


class Browser:
    """One Chromium process with one page."""

    def __init__(self, binary: str, profile: Path) -> None:
        self.process = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            target = next(t for t in json.load(answer) if t["type"] == "page")
        self.socket = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=60,
                                                  suppress_origin=True)
        self.ids = itertools.count(1)
        self.requests: list[str] = []
        self.errors: list[str] = []
        for domain in ("Page", "Runtime", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setFocusEmulationEnabled", enabled=True)  # :focus styles apply headless

    def call(self, method: str, **params):
        """Send one command and return its result, recording the events that arrive meanwhile."""
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def _event(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            self.errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.errors.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))

    def goto(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_loaded()

    def wait_loaded(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        time.sleep(0.1)
        while self.js("document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise TimeoutError("the page did not finish loading")
            time.sleep(0.1)

    def js(self, expression: str, wait: bool = False):
        """The value of a JavaScript expression in the page (awaited if ``wait``)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=wait)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def press(self, key: str) -> None:
        code = KEYS[key]
        extra = {"text": "\r"} if key == "Enter" else {}
        self.call("Input.dispatchKeyEvent", type="keyDown", key=key, code=key, windowsVirtualKeyCode=code, **extra)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=key, windowsVirtualKeyCode=code)

    def type(self, text: str) -> None:
        self.call("Input.insertText", text=text)

    def click(self, selector: str) -> None:
        """Follow a link or press a button the way a user does, then wait for the next page."""
        with self.navigation():
            self.js(f"document.querySelector({json.dumps(selector)}).click()")

    def navigation(self, timeout: float = 60):
        """A context in which the page is left for another: waits for the new one to load."""
        browser = self

        class _Navigation:
            def __enter__(self):
                self.origin = browser.js("performance.timeOrigin")

            def __exit__(self, *exc):
                if exc[0] is not None:
                    return False
                deadline = time.monotonic() + timeout
                while browser._origin() in (self.origin, None):
                    if time.monotonic() > deadline:
                        raise TimeoutError("no new page was opened")
                    time.sleep(0.05)
                browser.wait_loaded()
                return False

        return _Navigation()

    def _origin(self):
        try:
            return self.js("performance.timeOrigin")
        except RuntimeError:  # between two documents
            return None

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the process may be gone already
            self.call("Browser.close")
        self.socket.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
