"""A real Mosquitto (MQTT v5) on loopback for the wall-agent tests: password file, ACL, persistence.

Accounts: ``console`` (writes desired/cmd, reads everything) and one per agent name (writes only its own
state, reported and lease topics and the consoles' ack topics). Restartable on the same port and store.
"""

from __future__ import annotations

import asyncio
import getpass
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from videowall.broker.mqtt import MOSQUITTO_ACL, BrokerLink, BrokerUrl, Credentials, Message

MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_ca(root: Path, name: str) -> tuple[Path, Path]:
    """A self-signed CA (certificate, key) made with openssl for the TLS test."""
    root.mkdir(parents=True, exist_ok=True)
    cert, key = root / f"{name}.pem", root / f"{name}.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={name}"],
                   check=True, capture_output=True)
    return cert, key


def make_server_cert(root: Path, ca: tuple[Path, Path]) -> tuple[Path, Path]:
    """The broker's certificate for 127.0.0.1 / localhost, signed by ``ca``."""
    cert, key, csr, ext = (root / "server.pem", root / "server.key", root / "server.csr", root / "server.ext")
    subprocess.run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", str(key), "-out", str(csr), "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    subprocess.run(["openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca[0]), "-CAkey", str(ca[1]),
                    "-CAcreateserial", "-out", str(cert), "-days", "2", "-extfile", str(ext)],
                   check=True, capture_output=True)
    return cert, key


class Broker:
    def __init__(self, root: Path, agents: list[str], tls: bool = False) -> None:
        if not Path(MOSQUITTO).exists():
            pytest.skip("mosquitto is not installed (make test's apt step installs it)")
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.passwords = {name: f"pw-{name}-{os.getpid()}" for name in ["console", *agents]}
        pwfile = root / "passwd"
        pwfile.touch(mode=0o600)
        for name, password in self.passwords.items():
            subprocess.run(["mosquitto_passwd", "-b", str(pwfile), name, password], check=True,
                           capture_output=True)
        (root / "acl").write_text(MOSQUITTO_ACL)
        (root / "store").mkdir(exist_ok=True)
        self.ca: Path | None = None
        tls_lines = ""
        if tls:  # TLS only on this listener: the CA, the broker's certificate and key (README: TLS)
            ca = make_ca(root, "test-ca")
            cert, key = make_server_cert(root, ca)
            self.ca = ca[0]
            tls_lines = f"cafile {ca[0]}\ncertfile {cert}\nkeyfile {key}\ntls_version tlsv1.2\n"
        (root / "mosquitto.conf").write_text(
            f"listener {self.port} 127.0.0.1\n{tls_lines}allow_anonymous false\npassword_file {pwfile}\n"
            f"acl_file {root / 'acl'}\npersistence true\npersistence_location {root / 'store'}/\n"
            "autosave_interval 1\n"
            f"user {getpass.getuser()}\n")  # as root, mosquitto would drop to 'mosquitto' and not read these files
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = f"{'mqtts' if tls else 'mqtt'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = subprocess.Popen([MOSQUITTO, "-c", str(self.root / "mosquitto.conf")],
                                     stdout=subprocess.DEVNULL, stderr=open(self.root / "broker.log", "ab"))  # noqa: SIM115
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("mosquitto did not listen")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    def credentials_file(self, name: str) -> Path:
        path = self.root / f"{name}.cred"
        path.write_text(f"{name}:{self.passwords[name]}\n")
        path.chmod(0o600)
        return path

    def credentials(self, name: str) -> Credentials:
        return Credentials(name, self.passwords[name])

    def link(self, name: str, loop: asyncio.AbstractEventLoop, on_message: Callable[[Message], None],
             on_connect: Callable[[], None], client: str = "") -> BrokerLink:
        """A link on account ``name``; two links of one account need their own ``client`` words."""
        return BrokerLink(BrokerUrl.parse(self.url, self.ca), f"test-{name}{client}-{os.getpid()}",
                          self.credentials(name),
                          loop.call_soon_threadsafe, on_message, on_connect)


def wait_for(loop: asyncio.AbstractEventLoop, check: Callable[[], bool], timeout: float,
             what: str | Callable[[], str]) -> float:
    """Run the loop until ``check()``; returns the seconds it took (fails the test after ``timeout``)."""
    start = time.monotonic()

    async def poll() -> None:
        while not check():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"not within {timeout} s: {what() if callable(what) else what}")
            await asyncio.sleep(0.05)

    loop.run_until_complete(poll())
    return time.monotonic() - start
