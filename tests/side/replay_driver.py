"""Runs the real ReplayWindow (xcb, on $DISPLAY) for tests/side/test_recorder_replay.py and drives it with QTest.

A child process of the test, so its QApplication is on the test's X server whatever Qt platform the test
process already has. Commands on stdin, one JSON object a line: {"play": [recording index, epoch, speed]} picks
them in the window's widgets and clicks "Play from here" with QTest; {"timeline": [start, end, ranges,
bookmarks]} gives the timeline what the recorder search found; {"drag": [from, to]} drags on the timeline with
QTest from one instant's pixel to another's; {"live": true} clicks "Back to live"; {"stop": true};
{"quit": true}. Every 100 ms it writes a JSON status file: pictures shown, where the picture and the
timeline's bar are on screen, the last instant dropped on the timeline, the status line, whether the window
is shown, and the replay ingest's pid.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import QDateTime, QPoint, Qt, QTimer, QTimeZone
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from videowall.media.replay import ReplayPlayer
from videowall.media.runtime import MediaRuntime
from videowall.ui.replay_window import ReplayWindow


def main() -> int:
    status_path = Path(sys.argv[1])
    recordings = [tuple(item) for item in json.loads(sys.stdin.readline())]
    app = QApplication([])
    if len(sys.argv) > 2:  # a language code: the window in that language (the README's screenshots)
        from videowall.ui.language import Language

        Language(app).install(sys.argv[2])
    app.setQuitOnLastWindowClosed(False)  # "Back to live" closes the window; the driver reports it closed
    runtime = MediaRuntime()
    window = ReplayWindow(ReplayPlayer(runtime), recordings)  # type: ignore[arg-type]
    window.setGeometry(40, 40, 1000, 640)
    window.show()
    commands: list[dict[str, object]] = []
    dropped: list[float] = []
    window.timeline.scrubbed.connect(dropped.append)
    lock = threading.Lock()

    def read_commands() -> None:
        for line in sys.stdin:
            with lock:
                commands.append(json.loads(line))
        with lock:
            commands.append({"quit": True})

    threading.Thread(target=read_commands, daemon=True).start()

    def tick() -> None:
        with lock:
            todo, commands[:] = list(commands), []
        for command in todo:
            if "play" in command:
                index, epoch, speed = command["play"]  # type: ignore[misc]
                window.recording.setCurrentIndex(int(index))
                window.at.setDateTime(QDateTime.fromSecsSinceEpoch(int(epoch), QTimeZone.utc()))
                window.speed.setCurrentIndex(window.speed.findData(float(speed)))
                QTest.mouseClick(window.play, Qt.MouseButton.LeftButton)
            elif "timeline" in command:
                start, end, ranges, marks = command["timeline"]  # type: ignore[misc]
                window.set_timeline(float(start), float(end), tuple(tuple(r) for r in ranges),
                                    tuple((float(a), str(t)) for a, t in marks))
            elif "drag" in command:
                line = window.timeline
                first, last = (QPoint(line.x_for(float(t)), line.bar().center().y()) for t in command["drag"])
                QTest.mousePress(line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
                for step in range(1, 9):  # the pointer travels to the drop point
                    QTest.mouseMove(line, QPoint(first.x() + (last.x() - first.x()) * step // 8, first.y()), 10)
                QTest.mouseRelease(line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)
            elif "live" in command:
                QTest.mouseClick(window.live_button, Qt.MouseButton.LeftButton)
            elif "stop" in command:
                QTest.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
            elif "quit" in command:
                window.close()
                app.quit()
                return
        bar = window.timeline.bar()
        corner = window.timeline.mapToGlobal(bar.topLeft())
        state = {"frames": window.player.buffer.frames, "rect": window.picture_on_screen(),
                 "status": window.status.text(), "ingest_pid": window.player.ingest_pid,
                 "bar": [corner.x(), corner.y(), bar.width(), bar.height()], "dropped": dropped[-1:],
                 "visible": window.isVisible(), "x_origin": window.timeline.mapToGlobal(QPoint(0, 0)).x()}
        tmp = status_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        tmp.replace(status_path)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(100)
    code = app.exec()
    runtime.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
