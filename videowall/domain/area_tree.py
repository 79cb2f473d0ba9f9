"""The camera register as a tree of areas: kecamatan > kelurahan > RW > RT > cameras.

Built once from the register (pure Python, no Qt) and read by a thin Qt item model; cameras sit at
the deepest area level they name, so a public camera with no RW/RT hangs under its kelurahan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from videowall.domain.camera import Camera


@dataclass(eq=False)
class CameraLeaf:
    camera: Camera
    parent: AreaNode
    row: int = 0


@dataclass(eq=False)
class AreaNode:
    label: str
    level: int  # 0 = root, 1 = kecamatan, 2 = kelurahan, 3 = RW, 4 = RT
    parent: AreaNode | None = None
    row: int = 0
    items: list[AreaNode | CameraLeaf] = field(default_factory=list)
    _index: dict[str, AreaNode] = field(default_factory=dict, repr=False)
    camera_count: int = 0

    def child(self, label: str) -> AreaNode:
        node = self._index.get(label)
        if node is None:
            node = AreaNode(label, self.level + 1, self)
            self._index[label] = node
            self.items.append(node)
        return node

    def cameras(self) -> Iterator[Camera]:
        """Every camera under this area, depth first: for "put this whole area on the wall"."""
        for item in self.items:
            if isinstance(item, CameraLeaf):
                yield item.camera
            else:
                yield from item.cameras()


def _sort_key(item: AreaNode | CameraLeaf) -> tuple[int, str]:
    if isinstance(item, CameraLeaf):
        return (1, item.camera.name.casefold())
    return (0, item.label.casefold())


def build_area_tree(cameras: Iterable[Camera]) -> AreaNode:
    root = AreaNode("", 0)
    for cam in cameras:
        node = root
        for label in cam.area.path() or ("(no area)",):
            node = node.child(label)
        node.items.append(CameraLeaf(cam, node))
    _finish(root)
    return root


def _finish(node: AreaNode) -> int:
    node.items.sort(key=_sort_key)
    count = 0
    for row, item in enumerate(node.items):
        item.row = row
        count += 1 if isinstance(item, CameraLeaf) else _finish(item)
    node.camera_count = count
    return count
