"""Masks (rasterising, burning in the frame buffer), the permission matrix per role, visibility."""

from __future__ import annotations

import time

import numpy as np
import pytest

from videowall.domain.access import MATRIX, Permission, Role, Visibility, can, listed_in_tree, visibility
from videowall.domain.privacy import MASK_BGRA, MaskPolygon, MaskSet, apply_masks, ffmpeg_mask_filter, rasterize
from videowall.media.frames import FrameBuffer

RECT = MaskPolygon(((0.5, 0.25), (1.0, 0.25), (1.0, 0.75), (0.5, 0.75)))


def test_rasterize_scales_with_any_resolution() -> None:
    for w, h in ((64, 36), (640, 360), (1280, 720), (333, 187)):
        inside = rasterize((RECT,), w, h)
        assert inside.shape == (h, w)
        assert 0.24 < inside.mean() < 0.26  # a quarter of the picture
        assert inside[h // 2, w * 3 // 4] and not inside[h // 2, w // 4] and not inside[h // 10, w * 3 // 4]


def test_triangle_and_validation() -> None:
    tri = MaskPolygon(((0.0, 0.0), (1.0, 0.0), (0.0, 1.0)))
    assert 0.48 < rasterize((tri,), 200, 200).mean() < 0.52
    with pytest.raises(ValueError):
        MaskPolygon(((0.1, 0.1), (0.2, 0.2)))
    with pytest.raises(ValueError):
        MaskPolygon(((0.1, 0.1), (1.2, 0.2), (0.3, 0.3)))


def test_lift_is_time_limited() -> None:
    now = 1000.0
    mask = MaskSet("C", (RECT,), lifted_until=now + 1800)
    assert mask.active(now) == ()
    assert mask.active(now + 1801) == (RECT,)


def test_frame_buffer_burns_masks_before_publishing() -> None:
    """Every picture libVLC hands over is masked before the painter or a snapshot can read it."""
    buf = FrameBuffer(640, 360)
    w, h = buf.setup(1280, 720)
    buf.set_masks((RECT,))
    costs = []
    for _ in range(20):
        idx, _address = buf.lock()
        buf._bufs[idx][:] = 200  # what the decoder wrote
        buf.display(idx)
        costs.append(buf.mask_cost_s)
    with buf.reading() as pic:
        assert pic is not None
        assert tuple(pic[h // 2, w * 3 // 4]) == MASK_BGRA
        assert tuple(pic[h // 2, w // 4]) == (200, 200, 200, 200)
    assert sorted(costs)[10] < 0.005, costs  # median well under a millisecond on a 640x360 picture


def test_apply_masks_on_a_still_and_ffmpeg_filter() -> None:
    still = np.full((90, 160, 4), 255, np.uint8)
    apply_masks(still, [RECT])
    assert tuple(still[45, 150]) == MASK_BGRA and tuple(still[45, 10]) == (255, 255, 255, 255)
    graph = ffmpeg_mask_filter()
    assert "scale2ref" in graph and "overlay" in graph


@pytest.mark.parametrize("role", list(Role))
def test_permission_matrix(role: Role) -> None:
    expected = {
        Role.OPERATOR: {Permission.PTZ, Permission.VIEW_PRIVATE},
        Role.SUPERVISOR: {Permission.LIFT_MASK, Permission.APPROVE_REFERENCE, Permission.EXPORT_UNMASKED},
        Role.LIAISON: {Permission.REVIEW, Permission.EXPORT_MASKED},
        Role.PRESENTER: {Permission.VIEW_LIVE},
        Role.ADMIN: {Permission.MANAGE_USERS, Permission.CHANGE_SETTINGS},
    }[role]
    assert expected <= MATRIX[role]
    # only supervisors lift masks or approve references; only admins manage users
    assert can(role, Permission.LIFT_MASK) == (role is Role.SUPERVISOR)
    assert can(role, Permission.APPROVE_REFERENCE) == (role is Role.SUPERVISOR)
    assert can(role, Permission.MANAGE_USERS) == (role is Role.ADMIN)
    assert can(role, Permission.EXPORT_UNMASKED) == (role is Role.SUPERVISOR)
    if role is Role.LIAISON:
        assert not can(role, Permission.PTZ)
    if role is Role.PRESENTER:
        assert MATRIX[role] == {Permission.VIEW_LIVE}
        assert not listed_in_tree(role, private=False)


def test_visibility_rules() -> None:
    assert visibility(Role.PRESENTER, private=True, quarantined=False) is Visibility.NOT_PERMITTED
    assert visibility(Role.LIAISON, private=True, quarantined=False) is Visibility.NOT_PERMITTED
    assert visibility(Role.OPERATOR, private=True, quarantined=False) is Visibility.SHOWN
    for role in Role:  # quarantine outranks every role
        assert visibility(role, private=False, quarantined=True) is Visibility.QUARANTINED
    assert listed_in_tree(Role.OPERATOR, private=True) and not listed_in_tree(Role.LIAISON, private=True)


def test_mask_cost_is_measured_per_picture() -> None:
    buf = FrameBuffer(1280, 720)
    buf.setup(1280, 720)
    buf.set_masks((RECT, MaskPolygon(((0.0, 0.0), (0.3, 0.0), (0.3, 0.3)))))
    t0 = time.perf_counter()
    for _ in range(50):
        idx, _a = buf.lock()
        buf.display(idx)
    per = (time.perf_counter() - t0) / 50
    assert per < 0.01, per


def test_a_locked_console_shows_nothing_or_only_public_cameras() -> None:
    from videowall.domain.access import Role, Visibility, visibility

    for role in Role:
        for private in (False, True):
            assert visibility(role, private=private, quarantined=False, locked=True) is Visibility.LOCKED
    assert visibility(Role.OPERATOR, private=False, quarantined=False, locked=True,
                      locked_shows_public=True) is Visibility.SHOWN
    assert visibility(Role.SUPERVISOR, private=True, quarantined=False, locked=True,
                      locked_shows_public=True) is Visibility.LOCKED
