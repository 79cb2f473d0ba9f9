"""The demo's city register: thousands of cameras answered by the load-test responder, for the dashboard.

The shared city register (or, without it, a generated one) names ``127.0.0.1:8554``, where the demo
fleet serves other paths; so the demo starts the load responder on a free port and imports the
register with its URLs' port rewritten to the responder's. The console wall stays on the fleet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from videowall.domain.access import SYSTEM_USER
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.register_import import import_register
from videowall.sim.register_gen import write_register
from videowall.storage.writer import DatabaseWriter

SHARED_REGISTER = Path(__file__).resolve().parents[2] / "shared" / "data" / "city_cameras.csv"
REGISTER_PORT = "127.0.0.1:8554/"


def city_register_source() -> Path | None:
    """``VIDEOWALL_CITY_REGISTER`` if set, else the shared register if it is there; None: generate one."""
    env = os.environ.get("VIDEOWALL_CITY_REGISTER")
    if env:
        return Path(env)
    return SHARED_REGISTER if SHARED_REGISTER.exists() else None


def start_load_responder(stack: ExitStack) -> int:
    """Start ``videowall.sim.load_responder`` on a free loopback port; it is stopped when the stack unwinds."""
    proc = subprocess.Popen([sys.executable, "-m", "videowall.sim.load_responder", "--host", "127.0.0.1",
                             "--port", "0", "-n", "0"], stdout=subprocess.PIPE, text=True)  # fmt: skip

    def stop() -> None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    stack.callback(stop)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError("the load responder did not start")
    return int(json.loads(line)["port"])


def start_city_demo(stack: ExitStack, writer: DatabaseWriter, db_path: Path, key_path: Path) -> int:
    """Responder up, city register imported (valid rows) pointing at it; returns the cameras imported."""
    port = start_load_responder(stack)
    source = city_register_source()
    register = db_path.parent / "demo-city.csv"
    register.parent.mkdir(parents=True, exist_ok=True)
    if source is None:
        write_register(register, 5000, port=port)
    else:
        text = source.read_text(encoding="utf-8-sig")
        register.write_text(text.replace(REGISTER_PORT, f"127.0.0.1:{port}/"), encoding="utf-8")
    key = KeyFile(key_path)
    report = writer.submit(
        lambda db: import_register(register, db, CredentialStore(db, key), user=SYSTEM_USER, valid_only=True),
        transaction=False,
    ).result()
    print(f"demo city register: {report.imported} cameras on the load responder (port {port})", file=sys.stderr)
    return report.imported
