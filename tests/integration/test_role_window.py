"""The role table through the real window: each role signs in to the console and is offered exactly the
actions its role may use (tests/role_table.py, by hand), and a shortcut of a withheld action does nothing.

The service half (every use case refused in the service itself) is tests/unit/test_role_table.py.
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.accounts import add_account
from tests.integration.test_evidence_window import keys, wait_window, window_ids
from tests.integration.wallrun import WallRun, console, import_fleet
from tests.role_table import BY_NAME
from videowall.domain.access import Role

#: The console's gated actions, by the use case (tests/role_table.py) each one stands for.
ACTIONS = {"Import register...": "import register", "Review...": "review bookmarks", "Bookmark (B)": "bookmark",
           "Audit trail...": "view audit", "Users...": "manage users", "Scene review (new cameras, quarantine)...":
           "approve reference", "Privacy masks of the focused tile...": "edit masks",
           "Export register...": "export register", "Add camera...": "edit cameras"}


def test_each_role_is_offered_what_it_may_use_and_nothing_else(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    camera = next(c.id for c in fleet.cameras if not c.fault)
    for role in Role:
        name, password = f"{role.value}-1", f"{role.value}-password-1"
        add_account(db, app_env, name, role.value, password)
        env = {**app_env, "VIDEOWALL_USER": name, "VIDEOWALL_PASSWORD": password}
        run = WallRun(env, tmp_path, "--db", str(db), "--layout", "1", "--cameras", camera)
        try:
            status = run.wait_for(lambda s: len(console(s)) == 1 and bool(s.get("actions")), 30, f"{role}'s console")
            offered = {a["text"]: a["visible"] for a in status["actions"]}  # type: ignore[union-attr]
            assert set(ACTIONS) <= set(offered), sorted(offered)
            for text, use_case in ACTIONS.items():
                allowed = role in BY_NAME[use_case].allowed or (
                    use_case == "edit masks" and role is Role.SUPERVISOR)  # lifting counts: supervisors have both
                assert offered[text] is allowed, (role, text, offered[text])
            # Ctrl+R, the Review shortcut: opens the Review window only for a role that may review
            keys(xdisplay, wait_window(xdisplay, "operator console"), "ctrl+r")
            if role in BY_NAME["review bookmarks"].allowed:
                wait_window(xdisplay, "incident review")
            else:
                time.sleep(2.5)
                assert not window_ids(xdisplay, "incident review"), role
        finally:
            assert run.stop() == 0
