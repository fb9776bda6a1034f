"""N app processes behind HAProxy (`scripts/serve-replicas.sh`, `sikkerby.ui.replicas`): every
process gets the same cookie secret, a process that dies is started again and answers through
the proxy, and SIGTERM stops them all. Needs Debian's haproxy (scripts/test.sh installs it, as
serve-replicas.sh does); no browser."""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from sikkerby.errors import SikkerByError
from sikkerby.paths import ROOT
from sikkerby.ui import replicas

GOOD = secrets.token_hex(32)
OTHER = secrets.token_hex(32)
LOGIN = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": GOOD,
    "client_id": "sikkerby",
    "client_secret": "test",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
START_S = 120  # two servers starting side by side on a loaded 2-core machine
_local_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def test_with_login_every_process_gets_the_login_s_own_cookie_secret():
    assert replicas.cookie_secret(LOGIN, None) == GOOD
    assert replicas.cookie_secret(LOGIN, GOOD) == GOOD


def test_with_login_another_secret_in_the_environment_is_refused():
    with pytest.raises(SikkerByError) as refused:
        replicas.cookie_secret(LOGIN, OTHER)
    assert str(refused.value).startswith(
        "Processerne startes ikke: STREAMLIT_SERVER_COOKIE_SECRET er ikke den samme som [auth] "
        "cookie_secret i secrets.toml"
    )


@pytest.mark.parametrize("weak", [None, "", "a long random string", "xxx", "0123456789abcdef"])
def test_with_login_a_missing_or_weak_secret_is_refused_with_the_app_s_own_reason(weak):
    with pytest.raises(SikkerByError) as refused:
        replicas.cookie_secret({**LOGIN, "cookie_secret": weak}, GOOD)
    said = str(refused.value)
    assert said.startswith("Processerne startes ikke: login er sat op ([auth] i secrets.toml)")
    assert "Login er slået fra: [auth] cookie_secret i .streamlit/secrets.toml" in said


def test_without_login_the_environment_s_secret_or_one_made_for_the_run():
    assert replicas.cookie_secret({}, OTHER) == OTHER
    made = replicas.cookie_secret({}, None)
    assert len(made) == 64 and made != replicas.cookie_secret({}, None)


def ports() -> int:
    """A port for HAProxy with the next two free for the app processes."""
    for _ in range(50):
        base = 20000 + secrets.randbelow(20000)
        if not any(replicas.taken("127.0.0.1", base + i) for i in range(3)):
            return base
    raise RuntimeError("no three free ports in a row")


def start(tmp_path: Path, secrets_toml: str, port: int) -> subprocess.Popen:
    settings = tmp_path / "secrets.toml"
    settings.write_text(secrets_toml, encoding="utf-8")
    env = {**os.environ, "RUN_DIR": str(tmp_path / "run"), "STREAMLIT_SECRETS_FILES": str(settings)}
    env.pop(replicas.SECRET_ENV, None)
    return subprocess.Popen(
        [sys.executable, "-m", "sikkerby.ui.replicas", "2", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=open(tmp_path / "replicas.log", "w"),
        stderr=subprocess.STDOUT,
    )


def login_toml(secret: str) -> str:
    lines = [
        f'{key} = "{secret if key == "cookie_secret" else value}"' for key, value in LOGIN.items()
    ]
    return "[auth]\n" + "\n".join(lines) + "\n"


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def environment(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(p.decode().split("=", 1) for p in pairs if b"=" in p)


def pids(run: Path) -> list[int]:
    try:
        return [int(p) for p in (run / "pids").read_text().split()]
    except (OSError, ValueError):
        return []


def ask(port: int, process: str | None = None) -> tuple[bytes, str | None] | None:
    """The health check's answer through HAProxy and the process its cookie names ("app1"),
    if it sets one, or None; with `process` ("app2") the request carries HAProxy's cookie for
    that process (HAProxy then sets none if that process answered)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_stcore/health")
    if process:
        request.add_header("Cookie", f"{replicas.COOKIE}={process}")
    try:
        with _local_http.open(request, timeout=2) as answer:
            cookies = SimpleCookie()
            for header in answer.headers.get_all("Set-Cookie") or []:
                cookies.load(header)
            named = cookies.get(replicas.COOKIE)
            return answer.read().strip(), named.value if named else None
    except OSError:
        return None


def wait_for(what, timeout_s: float, supervisor: subprocess.Popen, log: Path):
    deadline = time.monotonic() + timeout_s
    while True:
        found = what()
        if found:
            return found
        assert supervisor.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)


@pytest.fixture
def haproxy():
    assert shutil.which("haproxy"), "HAProxy mangler: apt-get install haproxy (scripts/test.sh)"


def test_a_killed_process_comes_back_with_the_same_secret_and_sigterm_stops_all(haproxy, tmp_path):
    port, run, log = ports(), tmp_path / "run", tmp_path / "replicas.log"
    supervisor = start(tmp_path, login_toml(GOOD), port)
    started: set[int] = set()
    try:
        first = wait_for(lambda: len(pids(run)) == 2 and pids(run), START_S, supervisor, log)
        wait_for(lambda: ask(port), START_S, supervisor, log)
        started.update(children(supervisor.pid))
        # Both processes hold login's cookie secret, passed as server.cookieSecret too.
        assert [environment(p)[replicas.SECRET_ENV] for p in first] == [GOOD, GOOD]

        os.kill(first[1], signal.SIGKILL)
        again = wait_for(lambda: pids(run)[1] != first[1] and pids(run), 30, supervisor, log)
        started.update(children(supervisor.pid))
        assert again[0] == first[0]
        assert environment(again[1])[replicas.SECRET_ENV] == GOOD
        # HAProxy sends a browser holding the second process's cookie to it once it answers
        # again (no cookie for another process in the answer).
        assert wait_for(lambda: ask(port, "app2") == (b"ok", None), START_S, supervisor, log)
        said = log.read_text()
        assert (
            f"Proces 2 (port {port + 2}) (id {first[1]}) blev stoppet af signal 9 (SIGKILL); "
            "startes igen om 1 s." in said
        )
        assert f"Proces 2 (port {port + 2}) er startet igen (id {again[1]}, 2. gang)" in said

        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=replicas.STOP_TIMEOUT_S + 5) == 0
        assert "Stopper processerne og HAProxy" in log.read_text()
        assert [p for p in started if alive(p)] == []
        assert ask(port) is None
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
        for pid in started:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_with_login_and_a_weak_secret_nothing_starts(tmp_path):
    supervisor = start(tmp_path, login_toml("a long random string"), ports())
    assert supervisor.wait(timeout=60) == 1
    said = (tmp_path / "replicas.log").read_text()
    assert "Processerne startes ikke: login er sat op ([auth] i secrets.toml)" in said
    assert "er et eksempel fra dokumentationen" in said
    assert not (tmp_path / "run").exists()


def test_a_process_that_keeps_dying_waits_longer_each_time_and_after_a_steady_run_1_s(tmp_path):
    dies = replicas.Child(
        "Proces 1 (port 1)", [sys.executable, "-c", "raise SystemExit(3)"], tmp_path / "log", {}
    )
    dies.start()
    waits = []
    for _ in range(7):
        dies.proc.wait()
        now = time.monotonic()
        assert dies.check(now) is False and dies.due is not None  # a restart is planned
        waits.append(round(dies.due - now))
        assert dies.check(dies.due - 0.1) is False  # not before it is due
        assert dies.check(dies.due) is True
    assert waits == [1, 2, 4, 8, 16, 30, 30]
    dies.proc.wait()
    assert dies.check(dies.started + replicas.STEADY_S) is False
    assert dies.due == dies.started + replicas.STEADY_S + 1
