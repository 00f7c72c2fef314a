"""Start a real, throw-away Neo4j server for the test suite and the benchmark.

Machines without a Docker engine cannot run the `neo4j` image of docker-compose.yml, so a small
Java launcher (tests/neo4j_server/, same Neo4j version as the image, with APOC core) runs Neo4j
community in-process, with Bolt on 127.0.0.1 and auth disabled. This module builds it with Maven
when needed and starts/stops it:

    with neo4j_server.start(tmp_dir) as server:
        driver = neo4j.GraphDatabase.driver(server.uri, auth=None)

Standard library only, so it can be used before the project's dependencies are installed.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

# The flags Neo4j's own neo4j.conf passes; without them 5.x dies at start on Java 17+.
JAVA_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
]
_READY = re.compile(r"^NEO4J READY (bolt://\S+)$", re.MULTILINE)
# Words in Maven's output that mean "could not download", as opposed to a broken pom or source.
_NETWORK_ERRORS = re.compile(
    r"Could not transfer|Could not resolve dependencies|UnknownHost|Unknown host|Connection refused"
    r"|Network is unreachable|timed out|offline mode",
    re.IGNORECASE,
)


class Neo4jServerError(Exception):
    """The launcher could not be built or the server did not start; the message names the log."""


class Neo4jBuildError(Neo4jServerError):
    def __init__(self, message: str, network: bool):
        super().__init__(message)
        self.network = network  # True when Maven could not download (no network, registry down)


def default_launcher_dir() -> Path:
    # This module lives in <checkout>/kg/; the launcher in <checkout>/tests/neo4j_server/.
    return Path(__file__).resolve().parent.parent / "tests" / "neo4j_server"


def _launcher_dir(launcher_dir: str | os.PathLike | None) -> Path:
    d = Path(launcher_dir) if launcher_dir else default_launcher_dir()
    if not (d / "pom.xml").is_file():
        raise Neo4jServerError(f"no Neo4j launcher (pom.xml) in {d}: pass launcher_dir explicitly")
    return d.resolve()


def needs_build(launcher_dir: str | os.PathLike | None = None) -> bool:
    d = _launcher_dir(launcher_dir)
    stamp = d / "target" / ".kg-built"
    if not stamp.exists() or not (d / "target" / "lib").is_dir():
        return True
    sources = [d / "pom.xml", *(p for p in (d / "src").rglob("*") if p.is_file())]
    return max(p.stat().st_mtime for p in sources) > stamp.stat().st_mtime


def build(launcher_dir: str | os.PathLike | None = None, timeout: float = 1800) -> Path:
    """Run `mvn package` (offline first, then online) unless target/ is up to date; return the folder."""
    d = _launcher_dir(launcher_dir)
    target = d / "target"
    target.mkdir(exist_ok=True)
    # Two sessions (tests and a benchmark) may build at once: one builds, the other waits.
    with open(target / ".kg-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not needs_build(d):
            return d
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jBuildError("`mvn` (Maven) is not on PATH: cannot build the Neo4j launcher", network=False)
        # copy-dependencies never deletes: after a version change, old jars would stay on the classpath.
        for sub in ("lib", "plugins", "browser"):
            shutil.rmtree(target / sub, ignore_errors=True)
        log_path = target / "build.log"
        with open(log_path, "w") as log:
            for offline in (True, False):  # offline needs no network once ~/.m2 holds everything
                cmd = [mvn, "-B", "-q", "-Dstyle.color=never", *(["-o"] if offline else []), "package"]
                log.write(f"$ {' '.join(cmd)}\n")
                log.flush()
                try:
                    rc = subprocess.run(cmd, cwd=d, stdin=subprocess.DEVNULL, stdout=log,
                                        stderr=subprocess.STDOUT, timeout=timeout).returncode
                except subprocess.TimeoutExpired:
                    raise Neo4jBuildError(f"mvn package timed out after {timeout} s; see {log_path}", network=True)
                if rc == 0:
                    (target / ".kg-built").touch()
                    return d
        text = log_path.read_text(errors="replace")
        online_part = text[text.rfind("$ "):]
        raise Neo4jBuildError(f"mvn package failed in {d}; see {log_path}",
                              network=bool(_NETWORK_ERRORS.search(online_part)))


def find_java() -> str | None:
    # Honour JAVA_HOME as mvn does, so both use the same JDK.
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerHandle:
    """A running launcher process. `.uri` is its Bolt address; `.stop()` or `with` ends it.

    `.browser_url` is the address of Neo4j Browser when the server was started with `browser=True`, else None.
    """

    def __init__(self, process: subprocess.Popen, uri: str, log_path: Path, home: Path,
                 browser_url: str | None = None):
        self.process, self.uri, self.log_path, self.home = process, uri, log_path, home
        self.browser_url = browser_url

    def stop(self, timeout: float = 60) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the launcher's shutdown hook closes the store
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> "ServerHandle":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"ServerHandle(uri={self.uri!r}, pid={self.process.pid}, log={str(self.log_path)!r})"


def start(workdir: str | os.PathLike, launcher_dir: str | os.PathLike | None = None, *,
          port: int | None = None, heap: str = "1g", timeout: float = 180, auth: bool = False,
          browser: bool = False) -> ServerHandle:
    """Build if needed, start Neo4j with its store and log in `workdir`, and wait until Bolt answers.

    With `browser`, the server also serves HTTP on a free port of 127.0.0.1, and Neo4j Browser there
    (`handle.browser_url`); without it, Bolt only, as the test suite and the benchmark run it.

    With `auth`, the server checks credentials: user neo4j, initial password "neo4j", to be changed with
    ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO '...' (on the system database) before other queries.
    A `workdir` used before keeps its database (and its password): start it again to restart a stopped server.
    """
    d = build(launcher_dir)
    java = find_java()
    if java is None:
        raise Neo4jServerError("`java` is not on PATH (and JAVA_HOME is not set): cannot start Neo4j")
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    log_path = workdir / "neo4j.log"
    tries = 1 if port else 3  # a port picked by _free_port can be taken before Neo4j binds it
    classpath = [d / "target" / "classes", d / "target" / "lib" / "*"]
    if browser:
        classpath.append(d / "target" / "browser" / "*")  # the Browser web app, kept out of lib/ (see pom.xml)
    for attempt in range(1, tries + 1):
        bolt_port = port or _free_port()
        http_port = _free_port() if browser else None
        cmd = [java, f"-Xmx{heap}", *JAVA_FLAGS,
               "-cp", os.pathsep.join(map(str, classpath)),
               "kg.neo4j.Launcher", "--home", str(workdir / "neo4j-home"), "--bolt-port", str(bolt_port),
               "--plugins", str(d / "target" / "plugins"),
               "--watch-pid", str(os.getpid()),  # the server exits if this Python process dies
               *(["--auth", "true"] if auth else []),
               *(["--http-port", str(http_port)] if browser else [])]
        # A file, not a pipe: nobody reads a pipe once started, and a full pipe blocks the JVM.
        with open(log_path, "w") as log:
            process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)  # Ctrl-C reaches pytest, which then stops it
        handle = ServerHandle(process, f"bolt://127.0.0.1:{bolt_port}", log_path, workdir / "neo4j-home",
                              browser_url=f"http://127.0.0.1:{http_port}/browser/" if browser else None)
        if _wait_ready(handle, timeout):
            return handle
        text = log_path.read_text(errors="replace")
        if attempt == tries or "Address already in use" not in text:
            causes = re.findall(r"^Caused by: (.*)$", text, re.MULTILINE)  # the innermost is the telling one
            raise Neo4jServerError(f"Neo4j exited with code {process.returncode} at start"
                                   f"{': ' + causes[-1] if causes else ''}; see {log_path}")


def _wait_ready(handle: ServerHandle, timeout: float) -> bool:
    """True once the ready line is logged, False if the process exited first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = _READY.search(handle.log_path.read_text(errors="replace"))
        if ready:
            handle.uri = ready.group(1)
            return True
        if handle.process.poll() is not None:
            return False
        time.sleep(0.2)
    handle.stop()
    raise Neo4jServerError(f"Neo4j did not report ready within {timeout} s; see {handle.log_path}")
