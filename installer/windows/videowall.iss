; Inno Setup 6 script for videowall on Windows (64-bit).
; Wraps the PyInstaller onedir output of installer\videowall.spec (built by installer\windows\build.ps1),
; which already carries libVLC (official VideoLAN win64 build, with RTSP), its plugins and ffmpeg.exe.
; Compile from the repository root:  "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\windows\videowall.iss
; Paths below are relative to this file (SourceDir), so the script works from any current directory.

#define AppName "videowall"
#define AppVersion GetEnv("VIDEOWALL_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif
#define Bundle "..\dist\videowall"

[Setup]
AppId={{6F1B5C2E-3D4A-4E8B-9C71-5A2F0D9E7B13}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=videowall team
AppComments=Control-room video wall for city CCTV
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\videowall.ico
UninstallDisplayIcon={app}\videowall.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Operators' databases, keys and logs live under %LOCALAPPDATA%\videowall and are never touched here.

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Bahasa Indonesia ships with Inno Setup 6.1+ as an official translation.
Name: "indonesian"; MessagesFile: "compiler:Languages\Indonesian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\videowall.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\videowall-cli.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not keep plugins of an older libVLC next to the new one, nor its stale plugin cache.
Type: filesandordirs; Name: "{app}\_internal\plugins"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\videowall.exe"; Parameters: "run"; IconFilename: "{app}\videowall.exe"
Name: "{group}\{#AppName} self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\videowall-cli.exe"" selftest --help"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\videowall.exe"; Parameters: "run"; Tasks: desktopicon

[Run]
Filename: "{app}\videowall.exe"; Parameters: "run"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
