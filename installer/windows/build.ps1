# Build the Windows installer: PyInstaller bundle, then Inno Setup.  Run from the repository root in
# PowerShell:   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Needs: Python 3.11 x64, VLC 3.0.x win64 (official VideoLAN build), an ffmpeg.exe, Inno Setup 6.
# See installer\windows\README.md for where each comes from.
param(
    [string]$VlcDir = $(if ($env:VIDEOWALL_VLC_DIR) { $env:VIDEOWALL_VLC_DIR } else { "C:\Program Files\VideoLAN\VLC" }),
    [string]$FfmpegExe = $(if ($env:VIDEOWALL_FFMPEG_EXE) { $env:VIDEOWALL_FFMPEG_EXE } else { "C:\ffmpeg\bin\ffmpeg.exe" }),
    [string]$Iscc = "C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
)
$ErrorActionPreference = "Stop"

foreach ($p in @("$VlcDir\libvlc.dll", "$VlcDir\libvlccore.dll", "$VlcDir\plugins\access\liblive555_plugin.dll", $FfmpegExe, $Iscc)) {
    if (-not (Test-Path $p)) { throw "missing: $p (see installer\windows\README.md)" }
}
$env:VIDEOWALL_VLC_DIR = $VlcDir
$env:VIDEOWALL_FFMPEG_EXE = $FfmpegExe

if (-not (Test-Path .venv-win)) { py -3.11 -m venv .venv-win }
.\.venv-win\Scripts\python -m pip install --upgrade pip
.\.venv-win\Scripts\python -m pip install . "pyinstaller>=6.10"
.\.venv-win\Scripts\python -m PyInstaller --noconfirm --clean --distpath installer\dist --workpath installer\build installer\videowall.spec

# libVLC's plugin cache, so the first start does not open every plugin (vlc-cache-gen ships with VLC).
& "$VlcDir\vlc-cache-gen.exe" "installer\dist\videowall\_internal\plugins"

# Smoke test of the bundle before packaging it (needs a camera or `videowall sim` running elsewhere):
#   installer\dist\videowall\videowall-cli.exe selftest --url rtsp://HOST:8554/fleet/cam01/sub
& installer\dist\videowall\videowall-cli.exe --version
if ($LASTEXITCODE -ne 0) { throw "the frozen app does not start" }

$version = (.\.venv-win\Scripts\python -c "import videowall; print(videowall.__version__)").Trim()
$env:VIDEOWALL_VERSION = $version
& $Iscc installer\windows\videowall.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "installer: installer\dist\videowall-$version-windows-x64-setup.exe"
