"""A bulk edit of the register as data: what the dialog asks for and the service applies in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from videowall.domain.camera import ServiceStatus


@dataclass(frozen=True, slots=True)
class BulkEdit:
    camera_ids: tuple[str, ...]
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    status: ServiceStatus | None = None  # None: leave as it is

    @property
    def empty(self) -> bool:
        return not (self.add_tags or self.remove_tags or self.status is not None)
