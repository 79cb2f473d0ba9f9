"""The replay use case refuses in the service itself (issue 22): a role without REVIEW, or a private camera for
a role that may not see it, is refused before the register or any recorder is asked; a target's request
asks the recorder's own clock and never shows the account."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from videowall.domain.access import AccessDenied, Permission, Role, User, Visibility
from videowall.domain.camera import Camera
from videowall.domain.urls import Credentials
from videowall.services.recorder_replay import RecorderReplays, ReplayTarget

CAMERA = Camera("CAM-7", "Tugu Muda")


class NoReads:
    """Read connections that fail the test if the service reaches the register."""

    def get(self) -> object:
        raise AssertionError("the register was read before the user was checked")


def _service(user: User, visibility: Visibility = Visibility.SHOWN) -> tuple[RecorderReplays, list[object]]:
    audited: list[object] = []
    service = RecorderReplays(NoReads(), Path("/nonexistent/key"), lambda: user,  # type: ignore[arg-type]
                              lambda _c: visibility, lambda *a: audited.append(a))
    return service, audited


@pytest.mark.parametrize("role", [Role.PRESENTER])
def test_a_role_without_review_is_refused_before_anything_is_asked(role: Role) -> None:
    service, audited = _service(User("pres-1", role))
    with pytest.raises(AccessDenied) as refused:
        asyncio.run(service.target(CAMERA))
    assert refused.value.wanted == (Permission.REVIEW,) and refused.value.who == "pres-1"
    with pytest.raises(AccessDenied):
        service.require()
    assert audited == []


def test_a_private_camera_is_refused_to_a_role_that_may_not_see_it() -> None:
    service, _ = _service(User("liaison-1", Role.LIAISON), Visibility.NOT_PERMITTED)
    service.require()  # may review in general
    with pytest.raises(AccessDenied) as refused:
        asyncio.run(service.target(CAMERA))
    assert refused.value.wanted == (Permission.VIEW_PRIVATE,)


def test_a_target_asks_in_the_recorders_clock_and_hides_the_account() -> None:
    target = ReplayTarget("CAM-7", "Tugu Muda", "127.0.0.1:8000", "REC-7", "rtsp://127.0.0.1:8554/rec/REC-7",
                          clock_offset_s=90.0, credentials=Credentials("nvr", "Secret-77"))
    request = target.request(1_000.0, -4.0)
    assert (request.start, request.rate, request.username, request.password) == (1_090.0, -4.0, "nvr", "Secret-77")
    assert "Secret-77" not in repr(target) and "Secret-77" not in repr(request)
