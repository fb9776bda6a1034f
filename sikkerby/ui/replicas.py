"""N app processes behind HAProxy on one address, kept running:
`sikkerby replikaer N [--port 8501] [--address 127.0.0.1]` (what
`scripts/serve-replicas.sh` runs once the venv and HAProxy are in place).

Each process is `sikkerby serve` on a port of its own (PORT+1 … PORT+N, loopback
only); they all read the same published store and follow its CURRENT version. HAProxy listens on
PORT, proxies the websocket and keeps each browser on one process with a cookie (a Streamlit
session lives in one process: its websocket, its uploads and its media must reach the same one);
a client without the cookie is spread round robin.

The cookie secret. Streamlit signs its login cookie (and the login's state on the way to the
identity provider and back) with `[auth] cookie_secret` from the secrets when login is set up,
otherwise with `server.cookieSecret`. A browser moved to another process (because its own died)
must find the same secret there, so every process gets one secret, passed in its environment
as `STREAMLIT_SERVER_COOKIE_SECRET` (Streamlit's own name for `server.cookieSecret`; the
environment of a process, unlike its command line, is not readable by other users):
- login set up: `[auth] cookie_secret`, which must pass the app's own check
  (`identity.cookie_secret_problem`); a `STREAMLIT_SERVER_COOKIE_SECRET` in the environment must
  be the same. Otherwise nothing starts, and the reason is said in Danish.
- no login: `STREAMLIT_SERVER_COOKIE_SECRET` from the environment, or one made for this run.

Kept running: a process that dies (an app process or HAProxy) is started again, after 1 s, then
after twice as long each time it dies again (at most 30 s), so a crash loop never spins; a process
that ran for a minute starts again after 1 s. Each restart is logged in Danish, and the app
processes' current ids are in $RUN_DIR/pids. SIGINT (Ctrl+C) or SIGTERM stops every process.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sikkerby.errors import SikkerByError
from sikkerby.ingest import cli
from sikkerby.paths import ROOT
from sikkerby.views import identity

SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
# Streamlit's own variable for `secrets.files` (its command line reads it): the app processes
# inherit it, and the secret is looked up in the same files.
SECRETS_FILES_ENV = "STREAMLIT_SECRETS_FILES"
RUN_DIR_ENV = "RUN_DIR"
SERVE = [sys.executable, "-m", "sikkerby", "serve"]
COOKIE = "SIKKERBY_APP"
FIRST_DELAY_S = 1.0
MAX_DELAY_S = 30.0
STEADY_S = 60.0  # a process that ran this long before it died starts again after FIRST_DELAY_S
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 10.0
POLL_S = 0.2

# No proxy for the health checks: a proxy from the environment must not see 127.0.0.1.
_local_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def cookie_secret(auth: Mapping, given: str | None) -> str:
    """The one cookie secret every process gets: `[auth] cookie_secret` when login is set up
    (`auth` is the [auth] section, empty without login), else `given` (the environment's
    STREAMLIT_SERVER_COOKIE_SECRET), else a new one. SikkerByError, in Danish, when login is set
    up without a secret the app accepts, or with another secret in the environment."""
    if not auth:
        return given or secrets.token_hex(32)
    secret = auth.get("cookie_secret")
    problem = identity.cookie_secret_problem(secret)
    if problem:
        raise SikkerByError(
            "Processerne startes ikke: login er sat op ([auth] i secrets.toml), og alle processer "
            f"skal dele én god hemmelighed til login-cookien. {problem}"
        )
    if given and given != secret:
        raise SikkerByError(
            f"Processerne startes ikke: {SECRET_ENV} er ikke den samme som [auth] cookie_secret i "
            "secrets.toml, og når login er sat op, underskriver Streamlit login-cookien med den "
            f"sidste. Sæt de to ens, eller fjern {SECRET_ENV}."
        )
    return secret


def login_settings() -> dict:
    """The [auth] section of the secrets as the app processes will read it (Streamlit's secrets
    files: .streamlit/secrets.toml here and in the home folder, or those in
    STREAMLIT_SECRETS_FILES), empty without login."""
    from streamlit.runtime.secrets import secrets_singleton
    from streamlit.web import bootstrap

    files = os.environ.get(SECRETS_FILES_ENV, "").split()
    bootstrap.load_config_options({"secrets_files": tuple(files) or None})
    if not secrets_singleton.load_if_toml_exists():
        return {}
    return dict(secrets_singleton.get("auth") or {})


def say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} [replicas] {message}", file=sys.stderr, flush=True)


def healthy(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with _local_http.open(f"http://{host}:{port}/_stcore/health", timeout=2) as answer:
            return answer.read().strip() == b"ok"
    except OSError:
        return False


def taken(host: str, port: int) -> bool:
    """Whether something already listens on host:port (HAProxy or a server would fail there, and
    a health check would reach the other one)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def ended(code: int) -> str:
    if code < 0:
        try:
            return f"blev stoppet af signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"blev stoppet af signal {-code}"
    return f"sluttede med kode {code}"


@dataclass
class Child:
    """A process kept running: what starts it, where its output goes, and its back-off."""

    title: str  # Danish, for the log: "Proces 2 (port 8503)", "HAProxy"
    command: list[str]
    log: Path
    env: dict[str, str]
    port: int | None = None  # an app process's port, asked for its health
    proc: subprocess.Popen | None = None
    started: float = 0.0
    delay: float = FIRST_DELAY_S
    due: float | None = None  # when it is to be started again
    runs: int = 0

    def start(self) -> None:
        with open(self.log, "a", encoding="utf-8") as out:
            self.proc = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.started = time.monotonic()
        self.due = None
        self.runs += 1

    def check(self, now: float) -> bool:
        """Notices that the process died and plans its restart, or restarts it when due; True
        when it was started again."""
        if self.proc is None:
            return False
        if self.due is None:
            code = self.proc.poll()
            if code is None:
                return False
            if now - self.started >= STEADY_S:
                self.delay = FIRST_DELAY_S
            self.due = now + self.delay
            say(
                f"{self.title} (id {self.proc.pid}) {ended(code)}; startes igen om "
                f"{self.delay:g} s. Se {self.log}"
            )
            self.delay = min(self.delay * 2, MAX_DELAY_S)
            return False
        if now < self.due:
            return False
        self.start()
        say(f"{self.title} er startet igen (id {self.proc.pid}, {self.runs}. gang)")
        return True

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()

    def wait(self, deadline: float) -> None:
        if self.proc is None:
            return
        try:
            self.proc.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def haproxy_config(address: str, port: int, ports: list[int]) -> str:
    servers = "".join(
        f"    server app{i} 127.0.0.1:{p} check cookie app{i}\n" for i, p in enumerate(ports, 1)
    )
    return f"""global
    maxconn 4096

defaults
    mode http
    option http-server-close
    # A request to a process that just died goes to another one.
    option redispatch
    retries 2
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    default-server inter 1s fall 2 rise 2

frontend sikkerby
    bind {address}:{port}
    default_backend apps

backend apps
    balance roundrobin
    cookie {COOKIE} insert indirect nocache httponly
    option httpchk GET /_stcore/health
{servers}"""


class Replicas:
    def __init__(self, count: int, port: int, address: str, run_dir: Path, secret: str):
        self.run_dir = run_dir
        self.port = port
        self.address = address
        # HAProxy is asked through the address it listens on (this machine, when that is all).
        self.host = "127.0.0.1" if address in ("0.0.0.0", "::", "") else address
        self.ports = [port + i for i in range(1, count + 1)]
        env = {**os.environ, SECRET_ENV: secret}
        self.apps = [
            Child(
                f"Proces {i} (port {p})",
                [*SERVE, "--server.port", str(p), "--server.address", "127.0.0.1"],
                run_dir / f"app-{i}.log",
                env,
                port=p,
            )
            for i, p in enumerate(self.ports, 1)
        ]
        config = run_dir / "haproxy.cfg"
        config.write_text(haproxy_config(address, port, self.ports), encoding="utf-8")
        command = ["haproxy", "-f", str(config), "-db"]
        self.proxy = Child("HAProxy", command, run_dir / "haproxy.log", dict(os.environ))
        self.stopping = threading.Event()

    @property
    def children(self) -> list[Child]:
        return [*self.apps, self.proxy]

    def write_pids(self) -> None:
        pids = "".join(f"{app.proc.pid}\n" for app in self.apps if app.proc)
        (self.run_dir / ".pids").write_text(pids, encoding="ascii")
        os.replace(self.run_dir / ".pids", self.run_dir / "pids")

    def start(self) -> None:
        """Every app process, once all answer HAProxy; SikkerByError when one dies or does
        not answer in time (the first publishes the bundled data if the store has none yet, the
        others wait for it)."""
        busy = [str(p) for p in self.ports if taken("127.0.0.1", p)]
        busy += [str(self.port)] if taken(self.address, self.port) else []
        if busy:
            ports = f"Porten {busy[0]} er" if len(busy) == 1 else f"Portene {', '.join(busy)} er"
            raise SikkerByError(
                f"{ports} optaget af et andet program; vælg en anden port med --port."
            )
        for app in self.apps:
            app.start()
        self.write_pids()
        deadline = time.monotonic() + START_TIMEOUT_S
        waiting = list(self.apps)
        while waiting:
            if self.stopping.is_set():
                return
            for app in list(waiting):
                if healthy(app.port):
                    waiting.remove(app)
                elif app.proc.poll() is not None:
                    raise SikkerByError(f"{app.title} {ended(app.proc.returncode)}; se {app.log}")
            if waiting and time.monotonic() > deadline:
                titles = ", ".join(app.title for app in waiting)
                raise SikkerByError(
                    f"{titles} svarede ikke inden for {START_TIMEOUT_S:g} s; se {self.run_dir}"
                )
            self.stopping.wait(POLL_S)
        self.proxy.start()
        while not healthy(self.port, self.host):
            if self.proxy.proc.poll() is not None:
                raise SikkerByError(
                    f"HAProxy {ended(self.proxy.proc.returncode)}; se {self.proxy.log}"
                )
            if time.monotonic() > deadline:
                raise SikkerByError(
                    f"HAProxy svarede ikke på {self.host}:{self.port}; se {self.proxy.log}"
                )
            if self.stopping.wait(POLL_S):
                return

    def keep_running(self) -> None:
        while not self.stopping.wait(POLL_S):
            now = time.monotonic()
            restarted = [app for app in self.apps if app.check(now)]
            self.proxy.check(now)
            if restarted:
                self.write_pids()

    def stop(self) -> None:
        self.stopping.set()
        for child in self.children:
            child.stop()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for child in self.children:
            child.wait(deadline)


def antal(text: str) -> int:
    number = int(text)
    if not 1 <= number <= 99:
        raise ValueError(text)
    return number


def main(argv: list[str], prog: str = "bash scripts/serve-replicas.sh") -> int:
    parser = cli.Parser(
        prog=prog,
        description="Dashboardet fra N processer bag HAProxy på én adresse; en proces, der dør, "
        "startes igen.",
    )
    parser.add_argument("antal", type=antal, metavar="N", help="antal processer (1-99)")
    parser.add_argument("--port", type=int, default=8501, help="HAProxys port (8501)")
    parser.add_argument("--address", default="127.0.0.1",
                        help="adressen HAProxy lytter på (127.0.0.1)")  # fmt: skip
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # the secrets and settings in .streamlit/ here, as the app processes read them
    try:
        secret = cookie_secret(login_settings(), os.environ.get(SECRET_ENV))
    except SikkerByError as error:
        say(str(error))
        return 1
    run_dir = Path(os.environ.get(RUN_DIR_ENV) or tempfile.mkdtemp(prefix="sikkerby-replicas-"))
    run_dir.mkdir(parents=True, exist_ok=True)
    replicas = Replicas(args.antal, args.port, args.address, run_dir, secret)

    def on_signal(number: int, frame) -> None:
        replicas.stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        replicas.start()
        if replicas.stopping.is_set():
            return 0
        pids = " ".join(str(app.proc.pid) for app in replicas.apps)
        say(
            f"{args.antal} processer bag HAProxy på http://{args.address}:{args.port} "
            f"(proces-id: {pids}; {run_dir / 'pids'}). Ctrl+C stopper dem alle."
        )
        replicas.keep_running()
        say("Stopper processerne og HAProxy")
        return 0
    except SikkerByError as error:
        say(str(error))
        return 1
    finally:
        replicas.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
