"""Build the Linux bundle, its .tar.gz and its .deb: ``python installer/linux/build.py`` (``make installer``).

Steps: PyInstaller (onedir, installer/videowall.spec) -> libVLC's plugin cache -> a tarball with the
.desktop file and icons -> a .deb installing into /opt/videowall with /usr/bin/videowall and a menu
entry. The .deb's Depends are computed, not guessed: every shared library the bundle needs but does
not carry (PyInstaller leaves out libc, libGL, libxcb and friends on purpose) is looked up with
``dpkg -S`` on the build machine, and the packages found are declared.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import manifest  # noqa: E402

ROOT = manifest.ROOT
OUT = ROOT / "installer" / "dist"
WORK = ROOT / "installer" / "build"
BUNDLE = OUT / manifest.APP_NAME
DEB_PREFIX = Path("opt") / manifest.APP_NAME
MAINTAINER = "videowall team <videowall@localhost>"
# Always declared, whatever the scan finds: fonts for Qt, and the X/xcb/GL pieces Qt loads at run time
# through plugins (dlopen), which no DT_NEEDED scan of the main binaries sees.
BASE_DEPENDS = ("fonts-dejavu-core", "libgl1", "libegl1", "libxcb1", "libx11-xcb1", "libxkbcommon-x11-0",
                "libfontconfig1", "libdbus-1-3")  # fmt: skip
_SONAME = re.compile(r"^\s*(\S+) => (not found|\S+)")


def version() -> str:
    text = (ROOT / "videowall" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    return found.group(1) if found else "0.0.0"


def run_pyinstaller() -> None:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(OUT), "--workpath", str(WORK), str(ROOT / "installer" / "videowall.spec")]  # fmt: skip
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def strip_libpython(internal: Path) -> None:
    """A pyenv/python.org libpython keeps its symbol table (23 MB -> ~5 MB stripped); Debian's libs are
    stripped already. Only libpython: stripping everything is what PyInstaller warns can break wheels."""
    strip = shutil.which("strip")
    if strip is None:
        print("warning: no strip (binutils): libpython stays unstripped", file=sys.stderr)
        return
    for lib in internal.glob("libpython3*.so*"):
        if lib.is_file() and not lib.is_symlink():
            subprocess.run([strip, "--strip-unneeded", str(lib)], check=True)


def build_plugin_cache(internal: Path) -> None:
    """libVLC reads plugins.dat instead of opening every plugin at start (0.57 s -> 0.16 s measured)."""
    gen = manifest.LINUX_LIBDIR / "vlc" / "vlc-cache-gen"
    plugins = internal / manifest.BUNDLE_VLC_PLUGINS_LINUX
    if gen.exists():
        subprocess.run([str(gen), str(plugins)], check=True)
    else:
        print(f"warning: {gen} missing: no plugin cache, libVLC scans its plugins at start", file=sys.stderr)


def missing_libraries(bundle: Path) -> dict[str, str]:
    """Sonames the bundle's ELF files need that the bundle does not contain -> the system file used."""
    carried = {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
    needed: dict[str, str] = {}
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink() or not _is_elf(path):
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            m = _SONAME.match(line)
            if m and m.group(1) not in carried:
                needed.setdefault(m.group(1), m.group(2))
    return needed


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def depends_for(libs: dict[str, str]) -> list[str]:
    """Debian packages owning those libraries (libc6 and the loader are implied and left out)."""
    packages = set(BASE_DEPENDS)
    for soname, path in sorted(libs.items()):
        if path == "not found":
            print(f"warning: {soname} is needed but found nowhere", file=sys.stderr)
            continue
        owner = _dpkg_owner(path)
        if owner and owner not in ("libc6", "libgcc-s1"):
            packages.add(owner)
    return sorted(packages)


def _dpkg_owner(path: str) -> str | None:
    for candidate in (path, os.path.realpath(path), path.replace("/usr/lib/", "/lib/", 1)):
        done = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if done.returncode == 0 and done.stdout:
            return done.stdout.split(":", 1)[0].strip()
    return None


def make_tarball(ver: str) -> Path:
    """videowall-<ver>-linux-x86_64.tar.gz: the bundle, the .desktop file and the icons."""
    target = OUT / f"{manifest.APP_NAME}-{ver}-linux-x86_64.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname=manifest.APP_NAME)
        tar.add(HERE / "videowall.desktop", arcname=f"{manifest.APP_NAME}/videowall.desktop")
        for icon in ("videowall.svg", "videowall.png"):
            tar.add(ROOT / "resources" / "icons" / icon, arcname=f"{manifest.APP_NAME}/{icon}")
    return target


def make_deb(ver: str, depends: list[str]) -> Path:
    stage = WORK / "deb-root"
    shutil.rmtree(stage, ignore_errors=True)
    opt = stage / DEB_PREFIX
    shutil.copytree(BUNDLE, opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / manifest.APP_NAME).symlink_to(f"/{DEB_PREFIX}/{manifest.APP_NAME}")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(HERE / "videowall.desktop", apps / "videowall.desktop")
    icons = stage / "usr" / "share" / "icons" / "hicolor"
    (icons / "scalable" / "apps").mkdir(parents=True)
    (icons / "256x256" / "apps").mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "videowall.svg", icons / "scalable" / "apps" / "videowall.svg")
    shutil.copy2(ROOT / "resources" / "icons" / "videowall.png", icons / "256x256" / "apps" / "videowall.png")
    size_kb = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    debian = stage / "DEBIAN"
    debian.mkdir()
    control = (HERE / "control.in").read_text(encoding="utf-8").format(
        version=ver, depends=", ".join(depends), installed_size=size_kb, maintainer=MAINTAINER)
    (debian / "control").write_text(control, encoding="utf-8")
    for script in ("postinst", "postrm"):
        dest = debian / script
        shutil.copy2(HERE / script, dest)
        dest.chmod(0o755)
    target = OUT / f"{manifest.APP_NAME}_{ver}_amd64.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(stage), str(target)],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return target


def du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-pyinstaller", action="store_true", help="package an existing installer/dist bundle")
    args = parser.parse_args()
    started = time.monotonic()
    ver = version()
    if not args.skip_pyinstaller:
        run_pyinstaller()
    internal = BUNDLE / "_internal"
    strip_libpython(internal)
    build_plugin_cache(internal)
    missing = missing_libraries(BUNDLE)
    depends = depends_for(missing)
    (OUT / "system-libraries.txt").write_text(
        "".join(f"{k} {v}\n" for k, v in sorted(missing.items())), encoding="utf-8")
    tarball = make_tarball(ver)
    deb = make_deb(ver, depends)
    mb = 1024 * 1024
    print(f"bundle   {BUNDLE}  {du(BUNDLE) / mb:.1f} MiB")
    print(f"tarball  {tarball}  {du(tarball) / mb:.1f} MiB")
    print(f"deb      {deb}  {du(deb) / mb:.1f} MiB")
    print(f"Depends: {', '.join(depends)}")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
