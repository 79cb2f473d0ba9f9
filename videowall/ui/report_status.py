"""The console's status line for a scheduled report (services/report_schedule.py): written, or why not."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStatusBar

from videowall.services.report_schedule import Problem, ReportOutcome

WRITTEN_SHOWN_MS = 60_000  # a failure stays until something replaces it


def outcome_text(outcome: ReportOutcome) -> str:
    path = str(outcome.path)
    if outcome.kind is Problem.WRITTEN:
        text = QCoreApplication.translate("ReportSchedule", "Scheduled report written: %1")
    elif outcome.kind is Problem.FOLDER_MISSING:
        text = QCoreApplication.translate("ReportSchedule", "Scheduled report not written: the folder %1 does not "
                                          "exist (Settings > Scheduled report). It is tried again in 10 minutes.")
    elif outcome.kind is Problem.NOT_WRITABLE:
        text = QCoreApplication.translate("ReportSchedule", "Scheduled report not written: the folder %1 may not be "
                                          "written to. It is tried again in 10 minutes.")
    elif outcome.kind is Problem.DISK_FULL:
        text = QCoreApplication.translate("ReportSchedule", "Scheduled report not written: the disk of %1 is full. "
                                          "It is tried again in 10 minutes.")
    else:
        text = QCoreApplication.translate("ReportSchedule", "Scheduled report not written into %1 (see the log). "
                                          "It is tried again in 10 minutes.")
    return text.replace("%1", path)


def show_outcome(bar: QStatusBar, outcome: ReportOutcome) -> None:
    """On the UI thread: the outcome in the console's status bar."""
    bar.showMessage(outcome_text(outcome), WRITTEN_SHOWN_MS if outcome.kind is Problem.WRITTEN else 0)
