"""Rejected register lines as an operator reads them: one line per row, but one line for a flood.

A register where 10,000 rows repeat one id is one mistake, not 10,000: the report shows it once,
with how many lines and which, while the JSON report still lists every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from videowall.domain.register import ProblemCode, RowProblem

GROUP_AT = 5  # more rows than this that are rejected only for sharing one id are reported as one line
SHOWN = 5  # lines named in a summary


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One line of a rejection report: a row, or ``rows`` rows that repeat one id (``line`` the first)."""

    line: int
    camera_id: str
    codes: tuple[ProblemCode, ...]
    message: str
    rows: int = 1

    @property
    def code_text(self) -> str:
        return ", ".join(c.value for c in self.codes)

    def __str__(self) -> str:
        where = f"line {self.line}" if self.rows == 1 else f"lines {self.line}.. ({self.rows:,} rows)"
        return f"{where} [{self.code_text}] {self.camera_id or '-'}: {self.message}"


def report_lines(problems: Sequence[RowProblem], group_at: int = GROUP_AT) -> list[ReportLine]:
    """Every rejected row in line order, except that each id repeated on more than ``group_at`` rows
    rejected for that alone gives one summary line."""
    only_dup: dict[str, list[RowProblem]] = {}
    for p in problems:
        if p.camera_id and p.codes == (ProblemCode.DUP_ID,):
            only_dup.setdefault(p.camera_id, []).append(p)
    grouped = {cid: rows for cid, rows in only_dup.items() if len(rows) > group_at}
    out: list[ReportLine] = []
    for p in sorted(problems, key=lambda p: p.line):
        rows = grouped.get(p.camera_id) if p.codes == (ProblemCode.DUP_ID,) else None
        if rows is None:
            out.append(ReportLine(p.line, p.camera_id, p.codes, p.text))
        elif p is rows[0]:
            lines = sorted(r.line for r in rows)
            shown = ", ".join(str(n) for n in lines[:SHOWN])
            rest = len(lines) - SHOWN
            message = (f"{len(rows):,} rows rejected for repeating this id (lines {shown}"
                       f"{f' and {rest:,} more' if rest > 0 else ''}); line {p.line}: {p.message}")
            out.append(ReportLine(p.line, p.camera_id, p.codes, message, len(rows)))
    return out
