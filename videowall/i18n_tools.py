"""`make translations` helper: fix the contexts lupdate cannot know, after it has refreshed the .ts files.

``window.tr("...")`` called on a MainWindow from another module is translated at run time in the
``MainWindow`` context (PySide looks the text up by the object's class), but lupdate files it under
the variable's name ("window", "self._window"). This copies such messages into the class's context,
with their translation, so lrelease compiles them where the app looks. Outside the layers (like tools.py).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ALIASES = {"window": "MainWindow", "self._window": "MainWindow", "": "MainWindow"}


def fix_contexts(ts: Path) -> int:
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {c.findtext("name") or "": c for c in root.findall("context")}
    copied = 0
    for alias, target in ALIASES.items():
        source_ctx = contexts.get(alias)
        if source_ctx is None:
            continue
        dest = contexts.get(target)
        if dest is None:
            dest = ET.SubElement(root, "context")
            ET.SubElement(dest, "name").text = target
            contexts[target] = dest
        have = {m.findtext("source"): m for m in dest.findall("message")}
        for msg in source_ctx.findall("message"):
            src = msg.findtext("source")
            tr = msg.find("translation")
            old = have.get(src)
            if old is None:
                old = ET.SubElement(dest, "message")
                ET.SubElement(old, "source").text = src
                ET.SubElement(old, "translation", {"type": "unfinished"})
                copied += 1
            new_tr = old.find("translation")
            if tr is not None and new_tr is not None and tr.text and tr.get("type") is None:
                new_tr.text, new_tr.attrib = tr.text, {}
            elif tr is not None and new_tr is not None and new_tr.text and tr.get("type") == "unfinished":
                tr.text, tr.attrib = new_tr.text, {}  # translated in the class context: share it back
    ET.indent(tree, space="    ")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    text = ts.read_text(encoding="utf-8").replace("<?xml version='1.0' encoding='utf-8'?>",
                                                  '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
    ts.write_text(text, encoding="utf-8")
    return copied


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {fix_contexts(Path(name))} messages copied into their class context")
