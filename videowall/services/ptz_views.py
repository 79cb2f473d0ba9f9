"""Which PTZ cameras this console has turned away from their home view (see domain/ptz_masks.py).

The PTZ dock opens one controller at a time; the board keeps each camera's last known pose after its
controller closes (the camera stays where it was left), and a new controller only takes over once it
moves the camera. Read on the UI thread by the privacy guard each tick; nothing here blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from videowall.domain.ptz_masks import REST, PtzPose

if TYPE_CHECKING:  # the ONVIF stack loads only when PTZ is used (tests/unit/test_architecture.py)
    from videowall.ptz.controller import PtzController


@dataclass
class PtzViews:
    _controllers: dict[str, PtzController] = field(default_factory=dict)
    _left: dict[str, PtzPose] = field(default_factory=dict)  # poses of controllers since replaced

    def follow(self, camera_id: str, controller: PtzController) -> None:
        """Track ``controller`` for ``camera_id`` (called when the PTZ dock opens it)."""
        old = self._controllers.get(camera_id)
        if old is not None and old is not controller:
            self._left[camera_id] = self._pose_of(camera_id, old)
        self._controllers[camera_id] = controller

    def pose(self, camera_id: str) -> PtzPose:
        controller = self._controllers.get(camera_id)
        if controller is None:
            return self._left.get(camera_id, REST)
        return self._pose_of(camera_id, controller)

    def _pose_of(self, camera_id: str, controller: PtzController) -> PtzPose:
        if not controller.has_moved:  # opened, not moved yet: the camera is where it was left
            return self._left.get(camera_id, REST)
        return PtzPose(True, controller.in_motion, controller.known)
