"""The dashboard's throughput under gunicorn (2 workers, 20 clients on loopback) beside /healthz's,
in the same run: phases of a few seconds each, alternating, bounded in time and count."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
CLIENTS = 20
MAX_REQUESTS = 20_000  # per phase, whatever the speed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _session_cookie() -> str:
    browser = Client()
    browser.force_login(get_user_model().objects.get(username="bench"))
    return f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"


class Server:
    def __init__(self, log: Path):
        self.port = _free_port()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "LOG_LEVEL": "WARNING"}
        command = [str(GUNICORN), "horeport.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
                   "--timeout", "60", "--no-control-socket"]  # fmt: skip
        self.log = log.open("w")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz", "")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz; see {log}")

    def get(self, path: str, cookie: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def requests_per_second(server: Server, path: str, cookie: str, seconds: float) -> float:
    """CLIENTS threads asking for `path` for `seconds`; every answer must be 200."""
    done, failures, lock = [0], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        while time.monotonic() < deadline and done[0] < MAX_REQUESTS:
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failures.append(response.status)
                    return
            except (OSError, http.client.HTTPException) as error:
                failures.append(repr(error))
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                continue
            with lock:
                done[0] += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{path}: {failures[:3]}")
    return done[0] / (time.monotonic() - started)


def dashboard_throughput(path: str, *, runs: int, seconds: float, log: Path) -> tuple[float, float]:
    """Medians of the seconds per request (1 / throughput) of the dashboard and of /healthz."""
    cookie = _session_cookie()
    server = Server(log)
    try:
        assert server.get(path, cookie)[0] == 200, f"{path} did not answer 200 under gunicorn"
        dashboard, health = [], []
        for run in range(runs):
            pair = [(path, dashboard), ("/healthz", health)]
            for url, rates in pair if run % 2 == 0 else reversed(pair):
                rates.append(requests_per_second(server, url, cookie, seconds))
    finally:
        server.stop()
    dashboard.sort(), health.sort()
    return 1 / dashboard[len(dashboard) // 2], 1 / health[len(health) // 2]
