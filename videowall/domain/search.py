"""Camera search: casefolded haystacks built once, so a keystroke is a substring scan, not 10,000 Qt calls.

A query is split on spaces; a camera matches when every word occurs in its id, name, area, kind or tags.
Typing more letters narrows the previous answer instead of scanning the whole register again.
"""

from __future__ import annotations

from collections.abc import Sequence

from videowall.domain.camera import Camera


def haystack(camera: Camera) -> str:
    """Everything a search may hit, casefolded once; fields joined by a separator no query contains."""
    parts = (camera.id, camera.name, camera.area.label(), camera.kind.value, *camera.tags)
    return "\x1f".join(parts).casefold()


def query_words(query: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in query.casefold().split() if w))


class SearchIndex:
    """Which cameras (by position in the list given) match a query. Not thread-safe: one per UI."""

    def __init__(self, cameras: Sequence[Camera]) -> None:
        self.cameras = list(cameras)
        self._hay = [haystack(c) for c in self.cameras]
        self._last: tuple[tuple[str, ...], list[int]] | None = None

    def __len__(self) -> int:
        return len(self.cameras)

    def search(self, query: str) -> list[int] | None:
        """Positions of the matching cameras in register order; ``None`` for an empty query (show all)."""
        words = query_words(query)
        if not words:
            self._last = None
            return None
        candidates: Sequence[int] | None = None
        if self._last is not None and _narrows(self._last[0], words):
            candidates = self._last[1]  # every word extends or repeats an earlier one: filter what matched
        hay = self._hay
        longest = max(words, key=len)  # the rarest word first keeps the second pass short
        if candidates is None:
            hits = [i for i, h in enumerate(hay) if longest in h]
        else:
            hits = [i for i in candidates if longest in hay[i]]
        for word in words:
            if word != longest:
                hits = [i for i in hits if word in hay[i]]
        self._last = (words, hits)
        return hits

    def matching(self, query: str) -> list[Camera] | None:
        hits = self.search(query)
        return None if hits is None else [self.cameras[i] for i in hits]


def _narrows(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """True when every earlier word is contained in some new word: the new answer is a subset."""
    return all(any(old in new for new in after) for old in before)
