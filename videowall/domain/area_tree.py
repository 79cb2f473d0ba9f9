"""The camera register as a tree: Favourites, Tags, then areas kecamatan > kelurahan > RW > RT > cameras.

Built from the register (pure Python, no Qt) and read by a thin Qt item model; cameras sit at the
deepest area level they name, so a public camera with no RW/RT hangs under its kelurahan. A camera
also appears under Favourites and under each of its tags: one leaf per place, the camera shared.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from videowall.domain.camera import Camera


class NodeKind(StrEnum):
    AREA = "area"
    FAVOURITES = "favourites"
    TAGS = "tags"
    TAG = "tag"


@dataclass(eq=False, slots=True)
class CameraLeaf:
    camera: Camera
    parent: AreaNode
    row: int = 0
    pos: int = -1  # the camera's place in the area tree's depth-first order (``AreaTree.cameras``)


@dataclass(eq=False, slots=True)
class AreaNode:
    label: str
    level: int  # 0 = root, 1 = kecamatan (or a group), 2 = kelurahan (or a tag), 3 = RW, 4 = RT
    parent: AreaNode | None = None
    row: int = 0
    items: list[AreaNode | CameraLeaf] = field(default_factory=list)
    _index: dict[str, AreaNode] = field(default_factory=dict, repr=False)
    camera_count: int = 0
    kind: NodeKind = NodeKind.AREA
    lo: int = 0  # an area covers the cameras at depth-first positions [lo, hi): one bisect tells if it matches
    hi: int = 0

    def child(self, label: str, kind: NodeKind = NodeKind.AREA) -> AreaNode:
        node = self._index.get(label)
        if node is None:
            node = AreaNode(label, self.level + 1, self, kind=kind)
            self._index[label] = node
            self.items.append(node)
        return node

    def cameras(self) -> Iterator[Camera]:
        """Every camera under this node, depth first, each once: for "put this whole area on the wall"."""
        seen: set[str] = set()
        for cam in self._walk():
            if cam.id not in seen:
                seen.add(cam.id)
                yield cam

    def _walk(self) -> Iterator[Camera]:
        for item in self.items:
            if isinstance(item, CameraLeaf):
                yield item.camera
            else:
                yield from item._walk()


def _sort_key(item: AreaNode | CameraLeaf) -> tuple[int, str]:
    if isinstance(item, CameraLeaf):
        return (1, item.camera.name.casefold())
    return (0, item.label.casefold())


def build_area_tree(cameras: Iterable[Camera], favourites: Collection[str] = (), *, groups: bool = True,
                    favourites_label: str = "Favourites", tags_label: str = "Tags",
                    no_area_label: str = "(no area)") -> AreaNode:  # fmt: skip
    """The tree; with ``groups`` the Favourites and Tags groups come first (only when not empty)."""
    root = AreaNode("", 0)
    fav = AreaNode(favourites_label, 1, root, kind=NodeKind.FAVOURITES)
    tags = AreaNode(tags_label, 1, root, kind=NodeKind.TAGS)
    areas: list[AreaNode] = []
    area_index: dict[str, AreaNode] = {}
    for cam in cameras:
        path = cam.area.path() or (no_area_label,)
        node = area_index.get(path[0])
        if node is None:
            node = area_index[path[0]] = AreaNode(path[0], 1, root)
            areas.append(node)
        for label in path[1:]:
            node = node.child(label)
        node.items.append(CameraLeaf(cam, node))
        if groups:
            if cam.id in favourites:
                fav.items.append(CameraLeaf(cam, fav))
            for tag in cam.tags:
                tag_node = tags.child(tag, NodeKind.TAG)
                tag_node.items.append(CameraLeaf(cam, tag_node))
    areas.sort(key=_sort_key)
    root.items = [*(g for g in (fav, tags) if g.items), *areas]
    _finish(root)
    root.camera_count = sum(a.camera_count for a in areas)  # each camera once, not once per group
    tags.camera_count = len({leaf.camera.id for leaf in _leaves(tags)})
    order: dict[str, int] = {}
    for area in areas:
        _number(area, order)
    for group in (fav, tags):
        for leaf in _leaves(group):
            leaf.pos = order[leaf.camera.id]
    return root


def _number(node: AreaNode, order: dict[str, int]) -> None:
    node.lo = len(order)
    for item in node.items:
        if isinstance(item, CameraLeaf):
            item.pos = order.setdefault(item.camera.id, len(order))
        else:
            _number(item, order)
    node.hi = len(order)


def _leaves(node: AreaNode) -> Iterator[CameraLeaf]:
    for item in node.items:
        if isinstance(item, CameraLeaf):
            yield item
        else:
            yield from _leaves(item)


def ordered_cameras(root: AreaNode) -> list[Camera]:
    """The area part's cameras in depth-first order: position ``i`` here is ``CameraLeaf.pos == i``."""
    out: list[Camera] = []
    for item in root.items:
        if isinstance(item, AreaNode) and item.kind is NodeKind.AREA:
            out.extend(leaf.camera for leaf in _leaves(item))
    return out


class TreeFilter:
    """The tree as a search shows it: only nodes holding a match, worked out lazily per node asked for.

    ``hits`` are depth-first positions in ascending order (what ``SearchIndex`` over ``ordered_cameras``
    returns), so an area's visibility is one bisect; nothing is computed for nodes nobody expands.
    """

    def __init__(self, hits: Sequence[int] | None = None) -> None:
        self.hits = hits
        self._set = frozenset(hits) if hits is not None else frozenset()
        self._children: dict[int, list[AreaNode | CameraLeaf]] = {}
        self._rows: dict[int, int] = {}

    @property
    def active(self) -> bool:
        return self.hits is not None

    def children(self, node: AreaNode) -> list[AreaNode | CameraLeaf]:
        if self.hits is None:
            return node.items
        kids = self._children.get(id(node))
        if kids is None:
            kids = [item for item in node.items if self._shows(item)]
            self._children[id(node)] = kids
            for row, item in enumerate(kids):
                self._rows[id(item)] = row
        return kids

    def row(self, item: AreaNode | CameraLeaf) -> int:
        if self.hits is None:
            return item.row
        if id(item) not in self._rows and item.parent is not None:
            self.children(item.parent)
        return self._rows.get(id(item), 0)

    def count(self, node: AreaNode) -> int:
        """Matching cameras under an area (all of them with no filter): the number shown beside it."""
        if self.hits is None:
            return node.camera_count
        if node.kind is NodeKind.AREA:
            return bisect_left(self.hits, node.hi) - bisect_left(self.hits, node.lo)
        return sum(1 for leaf in _leaves(node) if leaf.pos in self._set)

    def _shows(self, item: AreaNode | CameraLeaf) -> bool:
        if isinstance(item, CameraLeaf):
            return item.pos in self._set
        if item.kind is NodeKind.AREA:
            assert self.hits is not None
            i = bisect_left(self.hits, item.lo)
            return i < len(self.hits) and self.hits[i] < item.hi
        return any(self._shows(child) for child in item.items)


def _finish(node: AreaNode) -> int:
    if node.kind is not NodeKind.AREA or node.level > 0:
        node.items.sort(key=_sort_key)
    count = 0
    for row, item in enumerate(node.items):
        item.row = row
        count += 1 if isinstance(item, CameraLeaf) else _finish(item)
    node.camera_count = count
    return count
