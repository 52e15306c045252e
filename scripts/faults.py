"""`make faults`: restart the database under load and check that the application holds.

On a throwaway PostgreSQL cluster of its own (initdb in a temporary folder, its own port; never
the shared server), serve the application with gunicorn as in production (DEBUG=0), sign in a few
clients and let them ask for pages on loopback, a bounded number of requests at a bounded rate.
Then stop the database, keep it down for a while, and start it again, and check that:

- while it is down every page answers 503 (the Norwegian "Midlertidig utilgjengelig" page) and
  /healthz answers 503: never a 500, never a dropped connection;
- once it is back every page answers 200 again within RECOVERY_LIMIT seconds, with the same
  sign-ins (no one is sent back to the login page) and the same gunicorn processes.

Two scenarios: a new connection per request (CONN_MAX_AGE=0) with a clean stop (`pg_ctl stop -m
fast`), and kept connections (CONN_MAX_AGE=60, checked before reuse) with a crash-like stop
(`-m immediate`). Prints the results as Markdown (for docs/reliability.md) and exits non-zero
when a check fails.
"""

from __future__ import annotations

import argparse
import datetime
import http.cookiejar
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DATABASE = "horeport_faults"
PASSWORD = "feilsikker-demo-2016"
# Signed-in pages that read the database in different ways, and the two public ones.
PAGES = ["/", "/malekart/", "/boliger/", "/avvik/", "/klagesaker/", "/rapporter/arkiv/"]
PUBLIC = ["/healthz", "/logg-inn/"]
CLIENTS = 4  # threads, each with its own sign-in
PAUSE = 0.05  # seconds between one client's requests: at most about 80 requests a second in all
TIMEOUT = 15  # seconds for one request
MAX_REQUESTS = 20_000  # a hard bound on the whole run, whatever happens
WARM_UP, OUTAGE, STEADY, RECOVERY_LIMIT = 6.0, 8.0, 6.0, 30.0  # seconds


# -- the throwaway cluster --------------------------------------------------------------------


class Cluster:
    """A PostgreSQL cluster in a temporary folder, on a free port, removed afterwards."""

    def __init__(self):
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        if not versions:
            sys.exit("make faults needs PostgreSQL's server programs (apt-get install postgresql).")
        self.bin = versions[-1]
        self.folder = Path(tempfile.mkdtemp(prefix="horeport-faults-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0  # initdb refuses root: run the cluster as postgres
        if self.as_root:
            shutil.chown(self.folder, "postgres")

    def run(self, program: str, *args: str, check=True) -> subprocess.CompletedProcess:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def create(self):
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", DATABASE)

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "postgres.log"), "-w", "-o", options, "start")

    def stop(self, mode="fast"):
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def version(self) -> str:
        return self.run("postgres", "--version").stdout.strip()

    def remove(self):
        if self.data.exists():
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the application ----------------------------------------------------------------------------


def app_environment(cluster: Cluster, conn_max_age: int) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DATABASE_URL": cluster.url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",  # plain HTTP on loopback
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": str(conn_max_age),
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


class App:
    """gunicorn serving horeport, as in the README's production section."""

    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.log = log
        command = [str(GUNICORN), "horeport.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
                   "--timeout", "30", "--graceful-timeout", "5", "--no-control-socket"]  # fmt: skip
        with open(log, "w") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(self.base + "/healthz", timeout=2).status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn did not answer /healthz; see {log}")

    def processes(self) -> set[int]:
        """The master and its workers: the same set before and after means nothing restarted."""
        children = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.add(int(stat.parent.name))
        return {self.process.pid, *children}

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


# -- the load -------------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to record (to the login page: a lost sign-in)


@dataclass
class Answer:
    at: float
    path: str
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    seconds: float
    norwegian_outage_page: bool = False  # a 503 that is the "Midlertidig utilgjengelig" page


@dataclass
class Load:
    base: str
    answers: list[Answer] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def sign_in(self, username: str) -> urllib.request.OpenerDirector:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        page = opener.open(self.base + "/logg-inn/", timeout=TIMEOUT).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
        request = urllib.request.Request(self.base + "/logg-inn/", data=form.encode(),
                                         headers={"Referer": self.base + "/logg-inn/"})  # fmt: skip
        try:
            opener.open(request, timeout=TIMEOUT)
        except urllib.error.HTTPError as answer:
            if answer.code != 302:
                raise
        return opener

    def client(self, signed_in, offset: int):
        anonymous = urllib.request.build_opener(NoRedirect)  # the sign-in page sends a signed-in user on
        paths = PAGES + PUBLIC
        n = offset
        while not self.stopping.is_set():
            with self.lock:
                if len(self.answers) >= MAX_REQUESTS:
                    return
            path = paths[n % len(paths)]
            opener = anonymous if path in PUBLIC else signed_in
            n += 1
            started = time.monotonic()
            body = b""
            try:
                with opener.open(self.base + path, timeout=TIMEOUT) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as answer:
                body = answer.read()
                status = answer.code
            except OSError:
                status = 0
            outage_page = status == 503 and b"Midlertidig utilgjengelig" in body
            with self.lock:
                self.answers.append(Answer(started, path, status, time.monotonic() - started, outage_page))
            time.sleep(PAUSE)

    def start(self, usernames):
        openers = [self.sign_in(usernames[i % len(usernames)]) for i in range(CLIENTS)]
        self.threads = [threading.Thread(target=self.client, args=(opener, i), daemon=True)
                        for i, opener in enumerate(openers)]  # fmt: skip
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=TIMEOUT + 5)

    def since(self, start: float) -> list[Answer]:
        with self.lock:
            return [a for a in self.answers if a.at >= start]


# -- one scenario -----------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    answers: list[Answer]

    def count(self, status) -> int:
        return sum(1 for a in self.answers if a.status == status)

    def row(self) -> str:
        others = sorted({a.status for a in self.answers} - {200, 503, 500})
        other = ", ".join(f"{s or 'none'}: {self.count(s)}" for s in others) or "0"
        times = sorted(a.seconds for a in self.answers) or [0.0]
        return (f"| {self.name} | {len(self.answers)} | {self.count(200)} | {self.count(503)} | {self.count(500)} "
                f"| {other} | {statistics.median(times) * 1000:.0f} | {times[-1] * 1000:.0f} |")  # fmt: skip


@dataclass
class Result:
    title: str
    phases: list[Phase]
    recovered_after: float | None
    same_processes: bool
    failures: list[str]


def scenario(cluster: Cluster, title: str, conn_max_age: int, stop_mode: str, log: Path) -> Result:
    env = app_environment(cluster, conn_max_age)
    app = App(env, log)
    failures = []
    try:
        load = Load(app.base)
        load.start(["registrator", "leder", "admin"])
        processes = app.processes()
        t0 = time.monotonic()
        time.sleep(WARM_UP)
        t_stop = time.monotonic()
        cluster.stop(stop_mode)
        t_down = time.monotonic()
        time.sleep(OUTAGE)
        t_start = time.monotonic()
        cluster.start()
        t_up = time.monotonic()
        recovered_at = None
        while time.monotonic() - t_up < RECOVERY_LIMIT:
            time.sleep(0.5)
            # Recovered: every page has answered 200 since the last answer that was not 200.
            answers = load.since(t_up)
            bad = [a.at for a in answers if a.status != 200]
            last_bad = max(bad) if bad else t_up
            good = {a.path for a in answers if a.at > last_bad and a.status == 200}
            if good >= set(PAGES + PUBLIC):
                recovered_at = last_bad
                break
        t_recovered = (recovered_at if recovered_at is not None else time.monotonic()) + 1e-6
        time.sleep(STEADY)
        t_end = time.monotonic()
        load.stop()
        same_processes = app.processes() == processes and app.process.poll() is None
    finally:
        app.stop()

    def phase_of(answer: Answer) -> str:
        # "before" and "down" hold only the answers that began and ended within them; one that
        # spans a stop or a start counts with the stop or the start.
        begun, ended = answer.at, answer.at + answer.seconds
        if ended < t_stop:
            return "before"
        if begun < t_down:
            return "stopping"
        if ended < t_start:
            return "down"
        if begun < t_up:
            return "starting"
        return "recovering" if begun < t_recovered else "after"

    names = ["before", "stopping", "down", "starting", "recovering", "after"]
    answers = [a for a in load.since(t0) if a.at < t_end]
    phases = [Phase(name, [a for a in answers if phase_of(a) == name]) for name in names]
    by_name = {phase.name: phase for phase in phases}
    every = [a for phase in phases for a in phase.answers]
    if errors := [a for a in every if a.status == 500]:
        failures.append(f"{len(errors)} answers were 500 (first: {errors[0].path})")
    if others := [a for a in every if a.status not in (200, 503, 500)]:
        failures.append(f"{len(others)} answers were neither 200 nor 503: {sorted({a.status for a in others})}")
    if not all(a.status == 200 for a in by_name["before"].answers) or not by_name["before"].answers:
        failures.append("not every page answered 200 before the outage")
    if plain := [a for a in every if a.status == 503 and a.path != "/healthz" and not a.norwegian_outage_page]:
        failures.append(f"{len(plain)} answers were 503 without the Norwegian page (first: {plain[0].path})")
    down = by_name["down"].answers
    if not down or not all(a.status == 503 for a in down):
        failures.append("not every page answered 503 while the database was down")
    if recovered_at is None:
        failures.append(f"not every page answered 200 within {RECOVERY_LIMIT:.0f} s of the database's start")
    after = by_name["after"].answers
    if not after or not all(a.status == 200 for a in after):
        failures.append("not every page answered 200 once recovered")
    if not same_processes:
        failures.append("gunicorn's processes changed (a worker was restarted)")
    recovered_after = None if recovered_at is None else max(0.0, recovered_at - t_up)
    return Result(title, phases, recovered_after, same_processes, failures)


# -- report -------------------------------------------------------------------------------------------


def machine(cluster: Cluster) -> list[str]:
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return [
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {os.cpu_count()} cores (nproc), {memory_kb / 1024 / 1024:.1f} GiB memory, "
        f"{platform.system()} {platform.release()}",
        f"- {cluster.version()}; Python {platform.python_version()}; gunicorn with 2 sync workers",
        f"- Load: {CLIENTS} signed-in clients on loopback, {PAUSE * 1000:.0f} ms between one client's requests, "
        f"pages {', '.join(PAGES + PUBLIC)} in turn",
        f"- Timeline: {WARM_UP:.0f} s before, database down {OUTAGE:.0f} s, then until recovered "
        f"(at most {RECOVERY_LIMIT:.0f} s) and {STEADY:.0f} s after",
    ]


def report(cluster: Cluster, results: list[Result]) -> str:
    lines = ["### Run", "", *machine(cluster), ""]
    for result in results:
        lines += [f"#### {result.title}", "",
                  "| phase | answers | 200 | 503 | 500 | other | median ms | max ms |",
                  "|---|---:|---:|---:|---:|---|---:|---:|",
                  *(phase.row() for phase in result.phases), ""]  # fmt: skip
        recovered = "never" if result.recovered_after is None else f"{result.recovered_after:.1f} s"
        lines.append(f"Every page answered 200 again {recovered} after the database started; "
                     f"gunicorn's processes {'unchanged' if result.same_processes else 'CHANGED'}.")  # fmt: skip
        lines.append(f"Result: {'passed' if not result.failures else 'FAILED: ' + '; '.join(result.failures)}")
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-demo", action="store_true", help="skip the demo data (faster, emptier pages)")
    options = parser.parse_args()
    cluster = Cluster()
    logs = Path(tempfile.mkdtemp(prefix="horeport-faults-logs-"))
    try:
        print(f"== PostgreSQL cluster in {cluster.folder} on port {cluster.port}", flush=True)
        cluster.create()
        env = app_environment(cluster, 0)
        print("== migrate, collectstatic, demo data and users", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        if not options.no_demo:
            manage(env, "load_demo")
        manage(env, "create_demo_users", "--password", PASSWORD)
        results = []
        for title, conn_max_age, stop_mode in [
            ("New connection per request (CONN_MAX_AGE=0), pg_ctl stop -m fast", 0, "fast"),
            ("Kept connections (CONN_MAX_AGE=60), pg_ctl stop -m immediate", 60, "immediate"),
        ]:
            print(f"== {title}", flush=True)
            results.append(scenario(cluster, title, conn_max_age, stop_mode, logs / f"gunicorn-{conn_max_age}.log"))
        print()
        print(report(cluster, results))
        failed = [r for r in results if r.failures]
        if failed:
            print(f"Application logs: {logs}")
            sys.exit(1)
        shutil.rmtree(logs, ignore_errors=True)
    finally:
        cluster.remove()


if __name__ == "__main__":
    main()
