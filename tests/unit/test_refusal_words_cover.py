"""Every role and permission has its words for a refusal (a missing one raised KeyError in the window that
tried to say why: DRIVE_WALLS had none until the wall presets' Save was refused to a presenter)."""

from videowall.domain.access import Permission, Role
from videowall.ui.refusal_words import PERMISSION_WORDS, ROLE_WORDS


def test_every_permission_and_role_has_words() -> None:
    assert set(PERMISSION_WORDS) == set(Permission)
    assert set(ROLE_WORDS) == set(Role)
