"""``make torture``: many processes on one database, a random one SIGKILLed at random moments.

Beside the console (the real app on Xvfb, with the simulated fleet on its wall) run, each restarted
whenever it ends or is killed: writer workers (``bench.torture_worker``: layouts, audit rows and
settings through the app's own ``DatabaseWriter``), ``videowall import`` of fresh cameras,
``videowall users add``, ``videowall sweep``, ``videowall ptz`` against the ONVIF emulator,
``videowall backup`` and ``videowall audit verify``. Every round one running process, the console
included, is killed with SIGKILL; then the harness checks, on a read-only connection in one read
transaction: ``PRAGMA integrity_check`` is ``ok``, the audit chain verifies, and every write that
reported success (the ledger: keys the workers printed after their commit, cameras and users of
commands that exited 0) is in the database. At the end the newest backup is restored with
``videowall restore`` into a new file and checked the same way.

    python -m bench.torture --rounds 200          # figures to bench/results/torture-DATE.{json,md}
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import APP_CMD, app_env
from videowall.display.xserver import VirtualDisplay
from videowall.security import audit
from videowall.sim.fleet import Fleet
from videowall.sim.onvif_emulator import EmulatorConfig, OnvifEmulator
from videowall.storage.database import open_read_only

RESULTS = Path(__file__).resolve().parent / "results"
WORKER = [sys.executable, "-m", "bench.torture_worker"]


@dataclass
class Ledger:
    """Writes that reported success, by kind; filled from several threads."""

    layouts: set[str] = field(default_factory=set)
    cameras: set[str] = field(default_factory=set)
    users: set[str] = field(default_factory=set)
    backups: list[Path] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def counts(self) -> dict[str, int]:
        with self.lock:
            return {"worker_transactions": len(self.layouts), "cameras_imported": len(self.cameras),
                    "users_added": len(self.users), "backups": len(self.backups)}


@dataclass
class Player:
    """One kind of process: how to start run ``n`` and what a clean exit of it committed."""

    name: str
    argv: Callable[[int], list[str]]
    committed: Callable[[int], None] = lambda _n: None
    stdout_keys: bool = False  # a worker: every stdout line is a committed key
    env: dict[str, str] = field(default_factory=dict)  # on top of the run's environment
    proc: subprocess.Popen[str] | None = None
    runs: int = 0
    clean_exits: int = 0
    failures: list[str] = field(default_factory=list)
    kills: int = 0

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


class Torture:
    def __init__(self, work: Path, env: dict[str, str], fleet_csv: Path, ptz_port: int, seed: int) -> None:
        self.work, self.env, self.rng = work, env, random.Random(seed)
        self.db, self.key = work / "data" / "videowall.db", work / "config" / "key"
        self.ledger = Ledger()
        self.lost: set[str] = set()  # every committed key ever found missing
        self.fleet_rows = list(csv.DictReader(fleet_csv.open(encoding="utf-8")))
        self.log = (work / "players.log").open("a", encoding="utf-8")
        store = ["--db", str(self.db), "--key-file", str(self.key)]
        ids = ",".join(r["id_titik"] for r in self.fleet_rows[:4])
        self.players = [
            Player("console", lambda n: [*APP_CMD, "run", "--db", str(self.db), "--layout", "2x2", "--cameras", ids,
                                         "--status-json", str(work / "status.json")]),
            *(Player(f"worker{k}", lambda n, k=k: [*WORKER, str(self.db), f"w{k}r{n}"], stdout_keys=True)
              for k in range(2)),
            Player("import", lambda n: [*APP_CMD, "import", str(self._register(n)), *store],
                   committed=lambda n: self._add(self.ledger.cameras, self._ids(n))),
            Player("users", lambda n: [*APP_CMD, "users", "add", f"op{n}", "--role", "operator", "--db", str(self.db)],
                   env={"VIDEOWALL_NEW_PASSWORD": "torture-operator"},
                   committed=lambda n: self._add(self.ledger.users, [f"op{n}"])),
            Player("sweep", lambda n: [*APP_CMD, "sweep", *store, "--concurrency", "50"]),
            Player("ptz", lambda n: [*APP_CMD, "ptz", f"127.0.0.1:{ptz_port}", *store, "--user", "op0", "move",
                                     str(self.rng.choice((-0.3, 0.3))), "0", "0", "0.3"],
                   env={"VIDEOWALL_PASSWORD": "torture-operator"}),  # an operator steers; the admin may not
            Player("backup", lambda n: [*APP_CMD, "backup", "--out", str(self._backup(n)), "--db", str(self.db)],
                   committed=lambda n: self._backed_up(n)),
            Player("audit", lambda n: [*APP_CMD, "audit", "verify", "--db", str(self.db)]),
        ]

    # --- what each command run is given and what it committed ----------------------------------
    def _ids(self, n: int) -> list[str]:
        return [f"T{n:04d}-{r['id_titik']}" for r in self.fleet_rows[:10]]

    def _register(self, n: int) -> Path:
        path = self.work / "registers" / f"import-{n}.csv"
        path.parent.mkdir(exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            out = csv.DictWriter(fh, fieldnames=list(self.fleet_rows[0]))
            out.writeheader()
            for row, new_id in zip(self.fleet_rows[:10], self._ids(n), strict=True):
                out.writerow({**row, "id_titik": new_id, "nama_titik": f"{row['nama_titik']} {n}"})
        return path

    @property
    def backup_dir(self) -> Path:
        return self.work / "backups"

    def _backup(self, n: int) -> Path:
        return self.backup_dir / f"backup-{n:04d}.db"

    def _backed_up(self, n: int) -> None:
        with self.ledger.lock:
            self.ledger.backups.append(self._backup(n))

    def _add(self, into: set[str], keys: list[str]) -> None:
        with self.ledger.lock:
            into.update(keys)

    # --- processes ------------------------------------------------------------------------------
    def _start(self, p: Player) -> None:
        p.runs += 1
        p.proc = subprocess.Popen(p.argv(p.runs), env={**self.env, **p.env}, stdin=subprocess.DEVNULL, text=True,
                                  stdout=subprocess.PIPE if p.stdout_keys else subprocess.DEVNULL, stderr=self.log)
        if p.stdout_keys:
            threading.Thread(target=self._read_keys, args=(p.proc,), daemon=True).start()

    def _read_keys(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.endswith("\n"):  # a line cut by the kill was never fully reported
                self._add(self.ledger.layouts, [line.strip()])

    def tend(self) -> None:
        """Harvest ended runs (a clean exit's writes join the ledger) and start the next one."""
        for p in self.players:
            if p.proc is not None and not p.running():
                rc = p.proc.wait()
                if rc == 0:
                    p.clean_exits += 1
                    p.committed(p.runs)
                elif rc > 0 and p.name not in ("sweep", "ptz"):  # a sweep or PTZ may find cameras down
                    p.failures.append(f"run {p.runs} exit {rc}")
                p.proc = None
            if p.proc is None:
                self._start(p)

    def kill_one(self, only: str = "") -> str:
        running = [p for p in self.players if p.running() and (not only or p.name == only)]
        victim = self.rng.choice(running)
        assert victim.proc is not None
        victim.proc.kill()
        victim.proc.wait()
        victim.kills += 1
        victim.proc = None
        return victim.name

    def stop_all(self) -> None:
        for p in self.players:
            if p.running():
                assert p.proc is not None
                p.proc.kill()
                p.proc.wait()

    # --- the check after every kill -------------------------------------------------------------
    def check(self, db_path: Path | None = None, *, ledger: bool = True) -> list[str]:
        problems: list[str] = []
        db = open_read_only(db_path or self.db)
        try:
            with self.ledger.lock:
                want_layouts, want_cameras, want_users = (set(self.ledger.layouts), set(self.ledger.cameras),
                                                          set(self.ledger.users))
            db.conn.execute("BEGIN")  # one snapshot for every question below
            integrity = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                problems.append(f"integrity_check: {integrity[:3]}")
            chain = audit.verify(db)
            if not chain.ok:
                problems.append(f"audit chain broken at {chain.broken_id}: {chain.problem}")
            if ledger:
                layouts = {r[0] for r in db.execute("SELECT name FROM layouts")}
                audited = {r[0] for r in db.execute("SELECT target FROM audit_log WHERE action = 'torture_write'")}
                cameras = {r[0] for r in db.execute("SELECT id FROM cameras")}
                users = {r[0] for r in db.execute("SELECT name FROM users")}
                for kind, want, have in (("layout", want_layouts, layouts), ("audit row", want_layouts, audited),
                                         ("camera", want_cameras, cameras), ("user", want_users, users)):
                    lost = want - have
                    self.lost.update(f"{kind}:{key}" for key in lost)
                    if lost:
                        problems.append(f"{len(lost)} committed {kind}s missing, e.g. {sorted(lost)[:3]}")
            db.conn.execute("ROLLBACK")
        finally:
            db.close()
        return problems


def _wait_tending(t: Torture, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t.tend()
        time.sleep(0.05)


def run_torture(rounds: int, work: Path, *, seed: int = 1, console_first: bool = True, fleet: Fleet | None = None,
                progress: Callable[[str], None] = print) -> dict[str, Any]:
    """The whole torture: fleet (started here unless given), emulator, console and commands; the figures."""
    started = time.monotonic()
    with ExitStack() as stack:
        display = stack.enter_context(VirtualDisplay(screens=((1280, 720),)))
        if fleet is None:
            fleet = stack.enter_context(Fleet(port=0))
            fleet.start(timeout=180)
        emu = stack.enter_context(OnvifEmulator(EmulatorConfig(fps=2, width=320, height=180), run_dir=work / "onvif"))
        env = app_env(display.name, work / "home")
        env["VIDEOWALL_PASSWORD"] = "torture-password"
        fleet_csv = fleet.write_csv(work / "fleet.csv")
        t = Torture(work, env, fleet_csv, emu.onvif_port, seed)
        t.backup_dir.mkdir(parents=True)
        admin = subprocess.run([*APP_CMD, "users", "add", env["VIDEOWALL_USER"], "--role", "admin", "--db", str(t.db)],
                               env=env, capture_output=True, text=True, timeout=120, check=False)
        if admin.returncode != 0:
            raise RuntimeError(f"adding the administrator failed: {admin.stdout}{admin.stderr}")
        operator = subprocess.run([*APP_CMD, "users", "add", "op0", "--role", "operator", "--db", str(t.db)],
                                  env={**env, "VIDEOWALL_NEW_PASSWORD": "torture-operator"}, capture_output=True,
                                  text=True, timeout=120, check=False)  # the PTZ player signs in as op0
        if operator.returncode != 0:
            raise RuntimeError(f"adding the PTZ operator failed: {operator.stdout}{operator.stderr}")
        first = subprocess.run([*APP_CMD, "import", str(fleet_csv), "--db", str(t.db), "--key-file", str(t.key),
                                "--valid-only"], env=env, capture_output=True, text=True, timeout=300, check=False)
        if first.returncode != 0:
            raise RuntimeError(f"first import failed: {first.stdout}{first.stderr}")
        kills: list[dict[str, Any]] = []
        failures: list[dict[str, Any]] = []
        t.tend()
        _wait_tending(t, 8.0)  # the console signs in (creating the administrator), walls start
        try:
            for n in range(rounds):
                _wait_tending(t, t.rng.uniform(0.3, 2.5))
                victim = t.kill_one("console" if console_first and n == 0 else "")
                problems = t.check()
                kills.append({"round": n + 1, "victim": victim, "ok": not problems})
                if problems:
                    failures.append({"round": n + 1, "victim": victim, "problems": problems})
                if (n + 1) % 10 == 0 or problems or n == 0:
                    progress(f"round {n + 1}/{rounds}: killed {victim}; {t.ledger.counts()}; "
                             f"{problems or 'OK'}")
            _wait_tending(t, 3.0)  # a last backup may be running: let commands finish their runs
        finally:
            t.stop_all()
        final = t.check()
        restored = _check_restore(t, env)
    by_victim: dict[str, int] = {}
    for k in kills:
        by_victim[k["victim"]] = by_victim.get(k["victim"], 0) + 1
    return {
        "rounds": rounds, "kills": len(kills), "kills_by_process": by_victim, "seed": seed,
        "committed": t.ledger.counts(),
        "writes_lost": len(t.lost),
        "integrity_failures": sum(any("integrity" in p for p in f["problems"]) for f in failures)
        + any("integrity" in p for p in final),
        "audit_chain_failures": sum(any("audit" in p for p in f["problems"]) for f in failures)
        + any("audit" in p for p in final),
        "failures": failures, "final_problems": final, "restore": restored,
        "runs": {p.name: {"runs": p.runs, "clean_exits": p.clean_exits, "kills": p.kills,
                          "unexpected_exits": p.failures[:5]} for p in t.players},
        "seconds": round(time.monotonic() - started, 1),
    }


def _check_restore(t: Torture, env: dict[str, str]) -> dict[str, Any]:
    """The newest backup that reported success, restored into a new file with `videowall restore`."""
    if not t.ledger.backups:
        return {"ok": False, "problem": "no backup completed"}
    source = t.ledger.backups[-1]
    target = t.work / "restored" / "videowall.db"
    target.parent.mkdir(exist_ok=True)
    done = subprocess.run([*APP_CMD, "restore", str(source), "--db", str(target), "--yes"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        return {"ok": False, "problem": f"restore exit {done.returncode}: {done.stdout}{done.stderr}"}
    problems = t.check(target, ledger=False)
    live = open_read_only(t.db)
    try:
        sign_ins = live.execute("SELECT count(*) FROM audit_log WHERE action = ?", [audit.Action.LOGIN]).fetchone()[0]
    finally:
        live.close()
    db = open_read_only(target)
    try:
        counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("cameras", "layouts", "audit_log", "users")}
    finally:
        db.close()
    return {"ok": not problems, "problems": problems, "backup": source.name, "rows": counts,
            "console_sign_ins": sign_ins}


def markdown(r: dict[str, Any]) -> str:
    c = r["committed"]
    lines = [
        f"# Torture test {dt.date.today().isoformat()}", "",
        "| figure | value |", "|---|---|",
        f"| rounds | {r['rounds']} |", f"| SIGKILLs | {r['kills']} |",
        f"| kills by process | {', '.join(f'{k} {v}' for k, v in sorted(r['kills_by_process'].items()))} |",
        f"| worker transactions committed | {c['worker_transactions']} |",
        f"| cameras imported (commands that exited 0) | {c['cameras_imported']} |",
        f"| users added | {c['users_added']} |", f"| backups completed | {c['backups']} |",
        f"| writes lost | {r['writes_lost']} |", f"| integrity failures | {r['integrity_failures']} |",
        f"| audit chain failures | {r['audit_chain_failures']} |",
        f"| newest backup restored intact | {r['restore']['ok']} ({r['restore'].get('rows', '')}) |",
        f"| console sign-ins (audit rows of console starts) | "
        f"{r['restore'].get('console_sign_ins', '')} |",
        f"| wall time | {r['seconds']} s |", "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="videowall-torture-"))
    print(f"torture: {args.rounds} rounds in {work}", flush=True)
    result = run_torture(args.rounds, work, seed=args.seed, progress=lambda s: print(s, flush=True))
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"torture-{dt.date.today().isoformat()}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    ok = not result["writes_lost"] and not result["integrity_failures"] and not result["audit_chain_failures"] \
        and result["restore"]["ok"] and not result["final_problems"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
