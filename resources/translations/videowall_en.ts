<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
    <context>
        <name />
        <message>
            <source>Presentation...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Briefing editor...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AlertCenter</name>
        <message>
            <source>Acknowledge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alerts</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>server %1: %Ln cameras flapping</source>
            <translation>
                <numerusform>server %1: %Ln camera flapping</numerusform>
                <numerusform>server %1: %Ln cameras flapping</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (%2) is flapping: dark and live again and again</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>server %1 unreachable: %Ln cameras</source>
            <translation>
                <numerusform>server %1 unreachable: %Ln camera</numerusform>
                <numerusform>server %1 unreachable: %Ln cameras</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>server %1, %2: %Ln cameras</source>
            <translation>
                <numerusform>server %1, %2: %Ln camera</numerusform>
                <numerusform>server %1, %2: %Ln cameras</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln back</source>
            <translation>
                <numerusform>%Ln back</numerusform>
                <numerusform>%Ln back</numerusform>
            </translation>
        </message>
        <message>
            <source>steady again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2) went dark: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>all back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>acknowledged by %1 at %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not acknowledge: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AuditViewer</name>
        <message>
            <source>id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>detail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit trail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>actor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>camera / text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Verify chain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export CSV...</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln rows</source>
            <translation>
                <numerusform>%Ln row</numerusform>
                <numerusform>%Ln rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Chain intact: %Ln rows</source>
            <translation>
                <numerusform>Chain intact: %Ln row</numerusform>
                <numerusform>Chain intact: %Ln rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln rows exported</source>
            <translation>
                <numerusform>%Ln row exported</numerusform>
                <numerusform>%Ln rows exported</numerusform>
            </translation>
        </message>
        <message>
            <source>CHAIN BROKEN at row %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export audit trail</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AvailabilityChart</name>
        <message>
            <source>Availability, last 24 hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No health history yet: run a sweep</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>last hour %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BookmarkDialog</name>
        <message>
            <source>Bookmark: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Priority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>comma separated, e.g. motor, lajur kiri</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happened? The video keeps playing while you type.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved at the key press; the clip follows in %1 s.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save (Ctrl+Enter; Enter in the note starts a new line)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BriefingEditor</name>
        <message>
            <source>Briefing editor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New briefing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the name it is saved and listed under</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shown in the title bar of every slide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Briefing t&amp;itle:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Add slide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do&amp;wn</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Remove slide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slides, in the order they are shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No slides yet: choose a kind of slide and press Add slide.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview: the slide as it will show</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Delete briefing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the briefing a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A briefing named %1 exists already: choose another name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add at least one slide.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slide %1: choose a saved layout or add cameras.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slide %1: choose a bookmark.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: your role may not edit briefings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved: %1 (%2 slides)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not deleted: your role may not edit briefings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not deleted: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete briefing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the briefing %1? This cannot be undone.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BriefingFigures</name>
        <message>
            <source>Figures at %1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>availability over the last %1 hours: %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BriefingPicker</name>
        <message>
            <source>Presentation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a briefing. Page Down / Page Up step through it, Esc ends it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Present</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Briefings not read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import briefing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Briefing files (*.json)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not imported: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Imported: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export briefing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not exported: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exported to %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BulkEditDialog</name>
        <message numerus="yes">
            <source>Edit %Ln cameras</source>
            <translation>
                <numerusform>Edit %Ln camera</numerusform>
                <numerusform>Edit %Ln cameras</numerusform>
            </translation>
        </message>
        <message>
            <source>tags to add, separated by ;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tags to remove, separated by ;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(leave unchanged)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active (aktif)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inactive (nonaktif)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Known tags: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Service status</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CameraDialog</name>
        <message>
            <source>Edit camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kecamatan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kelurahan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RT</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RW</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main stream URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sub stream URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ONVIF host</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ONVIF port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stored; leave empty to keep it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PTZ (pan, tilt, zoom over ONVIF)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Watch through the relay (the camera is pulled once for every console)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>comma separated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>LAN (multicast); or host:port, ...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Discover</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ONVIF discovery</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Read from camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fill name and stream URLs from the ONVIF host's profiles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No picture yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Test stream</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letters, digits and . _ : - only (at most 64).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another camera has the id %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not a stream URL (scheme %1); use rtsp://, http://, srt:// ...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No host name or address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not a valid URL: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A port is a number from 1 to 65535.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main and sub URL carry different user names or passwords.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PTZ needs the ONVIF host.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot read the camera's recorder: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: the recorder's fields have problems.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Testing %1 ...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for the first picture...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No picture</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Test failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Picture received: the stream plays.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not found (404): the server has no stream at this path.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs a user name and password (401).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name or password refused (401).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Forbidden (403): this account may not watch the stream.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection refused: nothing listens at this address and port.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timed out: no answer from the address (wrong address, or a firewall).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timed out: connected, but the server did not answer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Host name not found.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Host unreachable.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network unreachable.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The stream answered but gave no picture: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not playable here: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Does not play: %1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not an address host:port: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Looking for ONVIF cameras...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discovery failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%n ONVIF cameras answered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the camera's profiles...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot read the camera: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filled from %1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving...</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CameraPanel</name>
        <message>
            <source>Search name, id, area or tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show ids</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show each camera's id beside its name</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln cameras match</source>
            <translation>
                <numerusform>%Ln camera matches</numerusform>
                <numerusform>%Ln cameras match</numerusform>
            </translation>
        </message>
        <message>
            <source>Add camera...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open on the wall</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove from favourites</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add to favourites</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Edit tags and status of %Ln cameras...</source>
            <translation>
                <numerusform>Edit tags and status of %Ln camera...</numerusform>
                <numerusform>Edit tags and status of %Ln cameras...</numerusform>
            </translation>
        </message>
        <message>
            <source>Edit camera...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove camera...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as not private (all roles may view)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as private (hidden from roles without private access)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CameraTreeModel</name>
        <message>
            <source>Favourites</source>
            <extracomment>a sweep's verdict as the tile state it looks like in the tree (unknown: no verdict, the grey ring)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>State: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CityTools</name>
        <message>
            <source>City</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export register...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alarm tile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The focused tile (else the last) shows the next camera that goes dark</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not save: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CSV (*.csv);;JSON (*.json)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Register not exported: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Register exported to %1. %2</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln cameras edited</source>
            <translation>
                <numerusform>%Ln camera edited</numerusform>
                <numerusform>%Ln cameras edited</numerusform>
            </translation>
        </message>
        <message>
            <source>Tile %1 is the alarm tile</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ClipView</name>
        <message>
            <source>Play/Pause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next frame</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause and advance one frame</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a bookmark to play its clip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No clip for this bookmark</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DashboardWindow</name>
        <message>
            <source>videowall - city dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sweep now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report PDF...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Map background...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A city plan image, placed by the latitude/longitude of two corners</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Live %</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Live</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dark</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disabled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not checked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dark for</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> h</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export maintenance list (CSV)...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dark for longer than</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Areas</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dark cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not load: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>online now %1 · %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2 cameras, read in %3 ms</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; cameras&lt;br/&gt;%2 online now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no area)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dark cameras (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export maintenance list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Maintenance list saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%v of %m cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sweep cancelled; what finished is stored</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sweep failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Swept %1 cameras in %2 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Map background</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Latitude,longitude of the top-left and bottom-right corners
(e.g. -6.93,110.30 -7.12,110.50):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Corners must be written as: lat,lon lat,lon</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot read the image %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Availability report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Writing the report...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report saved: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ErrorNotice</name>
        <message>
            <source>An unexpected error was logged; the wall keeps running (%1)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export evidence to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>as &amp;zip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;watermarked copies</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folder the export goes into:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Unmasked original (reason required)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export the clips and snapshots without privacy masks. Recorded in the audit trail with your reason.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason (e.g. court order number)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose an existing folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An unmasked export needs a reason</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ExportProgressPanel</name>
        <message>
            <source>&amp;Cancel export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop the export and remove what it has written so far (Esc)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preparing the export...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Step %1 of %2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>copying snapshot %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>masking snapshot %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>copying clip %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>masking clip %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>watermarking clip %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>writing the custody log and manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>writing the case reports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>signing the export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>writing the zip file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling the export...</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HealthMap</name>
        <message>
            <source>No camera has coordinates yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Live</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unreachable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Login failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bad URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unsupported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Black picture</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frozen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disabled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not checked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No outline for %1 of %2 kecamatan: their cameras' coordinates lie among other areas' cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cameras far from the rest of their kecamatan, left out of its outline: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The city plan %1 cannot be read</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import camera register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CSV or JSON file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import valid rows (skip rejected lines)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Otherwise nothing is imported while any line is rejected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync: the file is the whole register (retire cameras it no longer lists)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retired cameras keep bookmarks, cases and history; a later file listing one restores it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Registers (*.csv *.json);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a file first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the file and comparing it with the register...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Applying the sync...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Synced: %1 added, %2 changed, %3 retired, %4 restored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln rows read</source>
            <translation>
                <numerusform>%Ln row read</numerusform>
                <numerusform>%Ln rows read</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln imported</source>
            <translation>
                <numerusform>%Ln imported</numerusform>
                <numerusform>%Ln imported</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln rejected</source>
            <translation>
                <numerusform>%Ln rejected</numerusform>
                <numerusform>%Ln rejected</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing was imported: fix the lines below, or tick 'Import valid rows'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>retire</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>restore (back in service)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>leave as is (on a rejected line)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync plan: %1 to add, %2 to change, %3 to retire, %4 to restore, %5 unchanged, %6 rejected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing can be synced: fix the lines below, or tick 'Import valid rows'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The register already matches the file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing has changed yet: press Apply sync to do this.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>JoystickConsole</name>
        <message>
            <source>No other PTZ camera on the wall</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Joystick: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No joystick</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No joystick support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SDL2 for Python (PySDL2) is not installed here, or it did not start; details in the log</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Looking for a joystick...</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>JoystickPad</name>
        <message>
            <source>Drag from the centre to pan and tilt; release to stop</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>KpiCard</name>
        <message>
            <source>cameras in the register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>online now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>offline now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>offline for more than 24 hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading figures...</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>videowall - sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>videowall - first run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No users yet. Create the administrator account.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Session locked: no camera is shown until someone signs in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repeat password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the passwords differ</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown name or wrong password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The password must have at least %1 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The account %1 is disabled: ask an administrator.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrong password. %1 is now locked for %2 s after %3 wrong passwords in a row, until %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is locked after too many wrong passwords: try again in %2 s, at %4. Until then even the right password is refused.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The lock has ended: %1 may sign in again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>videowall - operator console</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wall</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Grid of %1 tiles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Span layout %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Grid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Layouts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save layout...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Monitors</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import register...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import a camera register from CSV or JSON (Ctrl+I)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln cameras in the register</source>
            <translation>
                <numerusform>%Ln camera in the register</numerusform>
                <numerusform>%Ln cameras in the register</numerusform>
            </translation>
        </message>
        <message>
            <source>Not in the register any more: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save layout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Layout name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Layout saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(loading...)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No saved layouts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wall on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This camera has no PTZ</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Snapshot saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Live %1 of %2 cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick a tile with a camera first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>QUARANTINED: %1 - scene changed; supervisor review needed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%n cameras marked private</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%n cameras no longer private</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy masks of the focused tile...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scene review (new cameras, quarantine)...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit trail...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Users...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not removed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove %1 (%2) from the register?

A camera that bookmarks name is retired instead: it leaves the tree and the walls, and its evidence keeps its name and place.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is named by %2 bookmarks: retired (kept with its evidence), not deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera removed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add camera...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bookmark (B)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bookmark an incident on the focused tile: snapshot and clip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review bookmarks, build cases, export evidence (Ctrl+R)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click a tile first, then press B</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bookmarked - clip in %1 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Presentation...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Briefing editor...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MaskEditor</name>
        <message>
            <source>Privacy masks - %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Left click: add a point. Right click: close the polygon. Masks are burned into every picture, snapshot and export.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close polygon</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lift masks for %1 min...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Masks lifted; they return by themselves. The lift is in the audit trail.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PatrolBadge</name>
        <message>
            <source>Patrol: starting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patrol: preset %1/%2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patrol held</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parked at %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PatrolBox</name>
        <message>
            <source> s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add all presets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A manual move holds the patrol; it goes on after this long without one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start patrol</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the patrol and start it from its first preset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop patrol</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patrol saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patrol stopped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resume after idle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>after</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Park at</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patrol presets, in order, with the dwell at each</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no park)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This camera has no presets yet: save some first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1. %2, %3 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add presets to the patrol first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No patrol running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patrol: preset %1/%2 (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patrol: starting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a manual move</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patrol held (%1); resumes after idle, at %2 at the earliest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parked at %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No patrol running; parks at %1 at %2 if left alone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last patrol step failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the camera no longer lists preset %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the signed-in role may not use PTZ</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unexpected failure (details in the log)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the patrol runs on another console (started by %1)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PresentationWindow</name>
        <message>
            <source>Briefing: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slide %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>End of the briefing.
Page Down starts again, Esc closes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Live cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera health map</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Availability</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Key figures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recorded incident</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Live video is not available here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved layout not found: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not shown in briefings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The health map is not available in this version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Availability of all cameras, last %1 hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>online now %1 · %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recorded clips are not available</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading the clip...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No clip for this bookmark</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PresetBar</name>
        <message>
            <source>Preset name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save walls as preset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply preset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wall presets:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the preset a name first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preset %1 saved: %2 monitors</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save a preset first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Applying %1...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: refused: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: waiting for the agent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preset %1: %2 shown, %3 refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PtzDock</name>
        <message>
            <source>PTZ</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take over</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take PTZ control from the operator who holds it; they are told</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connecting to %1 ...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PTZ of %1 is controlled by %2 until %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PTZ unavailable for %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Controls</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patrol</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2) took over PTZ of %3 at %4; controlled by them until %5</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unexpected failure (details in the log)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: click on the tile to centre that point, drag to pan and tilt, wheel to zoom, arrows and +/-</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PtzPanel</name>
        <message>
            <source>Maximum pan/tilt speed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Zoom +</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Zoom −</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Home</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the current view as a preset: on the camera where it keeps presets, else on this console (local)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Presets (Ctrl+1 ... Ctrl+9 on the tile)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No preset %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>on the camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>local</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New presets are kept on the camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This camera keeps no presets: new ones are kept on this console (local)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Going home</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preset name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Home position (Home key on the tile); a masked camera is blanked until it is back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Speed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a preset first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Going to preset %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a name for the preset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved preset %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Removed preset %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Zoomed to the drawn box</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last camera error: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Position pan %1 tilt %2 zoom %3 (%4)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Centred on the clicked point</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unexpected failure (details in the log)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PtzWords</name>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not supported by this camera (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not supported by this camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: the camera refused the credentials (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: the camera refused the credentials</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: no answer within %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: camera unreachable (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: the camera answered %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: camera reported a fault: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: the camera's reply does not parse (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: current position unknown (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connection refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no route to the camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>network unreachable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connection timed out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connection reset by the camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>address not available</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the camera closed the connection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the camera closed the connection without answering</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>host name not found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connection failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the time limit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>invalid XML</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unexpected content</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unexpected failure (details in the log)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not advertised by the camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the camera lists no media profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no PTZ node listed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not connected</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <source>Alias</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shortcut</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QDialogButtonBox</name>
        <message>
            <source>OK</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1
File not found.
Please verify the correct file name was given.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Look in:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is write protected.
Do you want to delete it anyway?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All Files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Are you sure you want to delete '%1'?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not delete directory.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create New Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detail View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Directories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Directory:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find Directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Forward</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go forward</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>List View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parent Directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recent Places</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save As</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sidebar</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date Modified</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>My Computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QInputDialog</name>
        <message>
            <source>Enter a value:</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select All</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Hide Details...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show Details...</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;No</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Abort</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ignore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QProgressDialog</name>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select All</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QuarantineReview</name>
        <message>
            <source>Scene review: new cameras and quarantine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Current still (live, not shown)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select an area:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Approve selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep blocked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(choose)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 new cameras wait for their first picture's approval; %2 quarantined</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No camera waits for a review.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>QUARANTINED</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs reference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Approve selected (%n)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reference: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no reference yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Picture at quarantine, %1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First picture, taken %1: approve it to make it the reference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>picture not saved yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none (the camera has never been approved)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trusted at migration, %1 (first picture, not reviewed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approved by %1 on %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not on a wall now: no current picture</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln approved; each approval is in the audit trail.</source>
            <translation>
                <numerusform>%Ln approved; the approval is in the audit trail.</numerusform>
                <numerusform>%Ln approved; each approval is in the audit trail.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln stay blocked; noted in the audit trail.</source>
            <translation>
                <numerusform>%Ln stays blocked; noted in the audit trail.</numerusform>
                <numerusform>%Ln stay blocked; noted in the audit trail.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RecorderBox</name>
        <message>
            <source>Recorder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ONVIF Profile G recorder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hikvision playback URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dahua playback URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>empty: found by search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recording token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The time zone the recorder's clock is set to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time zone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The recorder's clock minus the true time, in seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clock offset (s)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>host:port of the recorder's ONVIF service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The playback URL; %1 and %2 are replaced by the start and end times</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stored; leave empty to keep it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The clock offset is a number of seconds, e.g. -12.5.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> and </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The playback URL needs %1 (where the start and end times go).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown time zone %1; e.g. Asia/Jakarta or UTC.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The camera needs an id first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The recorder needs an address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The address must not carry a user name or password; use the User and Password fields.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A playback URL starts with rtsp:// or rtsps://.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An ONVIF recorder's address is host:port, without rtsp:// or http://.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The clock offset is more than a week.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Refusal</name>
        <message>
            <source>operator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>liaison officer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>presenter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>administrator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>watch live cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>open any camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>watch private cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>steer PTZ cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>take PTZ control from another operator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>bookmark incidents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>review recorded clips</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>export evidence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>export evidence without masks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>edit privacy masks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>lift a privacy mask</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>approve scene references</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>read the audit trail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>manage users</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>change settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>import the camera register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>edit cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>export the camera register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>check the health of every camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>read availability reports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>back up the database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>edit tours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>acknowledge alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>edit briefings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>drive walls</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>take control of a wall from another console</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the disk is full</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the disk quota is used up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no permission to write or read there</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the disk is read-only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no such file or folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a part of the path is not a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>that is a folder, not a file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it exists already</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the disk could not be read or written (it may be failing)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the name is too long for this disk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the disk is no longer there</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> or </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (role %2) may not %3</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReplayActions</name>
        <message>
            <source>Instant replay: last 30 s (R)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Play from &amp;recorder...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Instant replay: last 30 s (R)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click a tile with a camera first, then press R</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not in the register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asking the recorder for %1...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has no recording on a recorder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The recorder did not answer: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Playing %1 from the recorder</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReplayWindow</name>
        <message>
            <source>Play from recorder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{speed}x reverse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Play from here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back to live</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop the replay and close this window; the wall stays live</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick a recording, an instant and a speed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No recording to play</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Playing {name} from {at} at {speed}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The recorder refuses replay: {detail}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replay ended: {detail}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReportSchedule</name>
        <message>
            <source>Scheduled report written: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scheduled report not written: the folder %1 does not exist (Settings &gt; Scheduled report). It is tried again in 10 minutes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scheduled report not written: the folder %1 may not be written to. It is tried again in 10 minutes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scheduled report not written: the disk of %1 is full. It is tried again in 10 minutes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scheduled report not written into %1 (see the log). It is tried again in 10 minutes.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReviewWindow</name>
        <message>
            <source>videowall - incident review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Area (kecamatan...)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Operator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>P</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>pending</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>partial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search notes and tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All bookmarks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New case from selection...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add selection to case</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close case</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hand over...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete bookmark</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Play from &amp;recorder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export the chosen case, or the selected bookmarks (Ctrl+E)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save case notes</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln bookmarks</source>
            <translation>
                <numerusform>%Ln bookmark</numerusform>
                <numerusform>%Ln bookmarks</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a bookmark first</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Delete %Ln bookmarks with their clips and snapshots? This is recorded in the audit trail.</source>
            <translation>
                <numerusform>Delete %Ln bookmark with its clip and snapshot? This is recorded in the audit trail.</numerusform>
                <numerusform>Delete %Ln bookmarks with their clips and snapshots? This is recorded in the audit trail.</numerusform>
            </translation>
        </message>
        <message>
            <source> (closed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no clip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening the clip...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New case</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case number (e.g. LP/123/V/2025):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case %1 created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a case in the case list first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Added to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notes saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case %1 closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a case, or select bookmarks, to export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exporting to %1...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling the export...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exported %1 files to %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export cancelled; nothing was written to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hand over</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Receiving officer (name, rank, unit):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case %1 handed over to %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bookmark deleted</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsCatalogue</name>
        <message>
            <source>City time zone (reports, evidence, clocks)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A bookmark's clip starts this long before it (seconds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>and ends this long after it (seconds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pre-event buffer on disk, at most (MB)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record the main stream for evidence while tiles show the sub stream</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language of the console (from its next start; the toolbar's Language menu switches at once)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give up on a camera with no first picture after (seconds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A picture that does not change is frozen after (seconds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reconnect a camera that sends nothing after (seconds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An all-black picture is "no video" after (seconds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alert when a camera stays dark for (seconds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep a camera connected after its last tile closes (seconds; switching back is instant)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cameras kept connected that way, at most</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PTZ: a camera stays with its operator after their last command (seconds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock the console after minutes without input</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrong passwords before a name is locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First lockout (seconds; doubles each time)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest lockout (seconds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A locked console keeps showing public cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trust first pictures as scene references (migration only; no review)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back up every (hours; 0 = never)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backups kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backup folder (empty: beside the database)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>City plan image under the health map (PNG or JPEG; empty: none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its top-left and bottom-right corners as lat,lon lat,lon (e.g. -6.93,110.30 -7.12,110.50)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the availability report as a PDF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At this hour, city time (0-23)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Into this folder (empty: reports/ beside the database)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In this language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every day (the last 24 hours)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every Monday (the last 7 days)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The console's language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Steer PTZ with a USB joystick (picked up when plugged in)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dead zone (% of the stick's travel that moves nothing)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Speed curve (1 = straight; 2 or more = finer near the centre)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Top speed (% of the camera's fastest)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Axes (pan=N tilt=N zoom=N)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Buttons (N=action; the user guide lists the actions)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inverted axes (pan, tilt, zoom; empty: none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A lost camera is retried at least every (seconds; a probe brings it back sooner)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>General</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Streams</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign-in and lock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health map</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scheduled report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Evidence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PTZ joystick</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the settings...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only an administrator changes these settings; they are shown read-only.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This installation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no signing key: exports are not signed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Evidence signing key (SHA-256 fingerprint)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Public key for recipients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot read the settings: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved %1 settings; they are in the audit trail. Consoles use them from their next start or sign-in.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ShortcutSheet</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keys</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Shortcuts</name>
        <message>
            <source>Grid of %1 tiles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Span layout %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>double-click</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Maximise the focused tile, again to restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the camera from the focused tile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bookmark an incident on the focused tile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Instant replay: the last 30 s of the focused tile from its recorder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>click</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select tiles to merge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next / previous tour step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run a saved tour on the focused tile, or stop its tour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the wall as a named layout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import a camera register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Full screen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This sheet</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SlideForm</name>
        <message>
            <source>Live cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera health map</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Availability chart</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Key figures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recorded incident (bookmark)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>empty: the kind of slide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>for whoever presents it; not shown on the screen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>by key only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slide:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Title:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>N&amp;otes:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ne&amp;xt slide after:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fit the cameras below</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Grid %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved layout: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>camera name or id, Enter adds it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add the tree's selection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The saved layout's cameras are shown, in its tiles.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Layout:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Camera:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The whole city</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ar&amp;ea:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last 24 hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last 7 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Period:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cameras in the register, online now, offline now and offline for more than 24 hours, with the time they hold for.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No bookmarks to choose from: press B on a tile to bookmark an incident.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Bookmark:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Layout %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last %1 hours</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TileState</name>
        <message>
            <source>Not checked yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>retry in %n s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>next try in %n s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>trying again now (attempt %n)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>last picture %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Live</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connecting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reconnecting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No video</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frozen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disabled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarantined</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not permitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs reference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>console locked: sign in to see the cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>waiting for a supervisor to approve its view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connection refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>timeout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>authentication failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unsupported codec</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stream ended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>service status off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no picture received</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stream stalled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>picture all black</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>picture frozen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>scene changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not permitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>empty</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TourConsole</name>
        <message>
            <source>Cannot run the tour %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the wall</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tile %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tour %1 runs on %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No saved tour %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its wall was closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tile %1 is not in the new layout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>another camera was put on tile %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tour %1 ended: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run &amp;tour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resume tour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause tour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next tour step (PgDown)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop tour %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No saved tours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (whole wall)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit tours...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On the wall on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop all tours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (tile 1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop the tours on this wall</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tour %1 stopped</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ToursDialog</name>
        <message>
            <source>Tours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>De&amp;lete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ne&amp;w</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved tours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cameras (runs on one tile)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Layouts (runs on a whole wall)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>camera name or id, Enter adds it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Dwell for new steps:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Add:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tree selection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Area...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Favourites</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No favourites yet: star cameras in the camera tree first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Layout...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dwell (s)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your role may run tours but not make or change them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>layout name, Enter adds it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%n steps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A dwell is %1 to %2 seconds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Already in the tour.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No match for %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select cameras (or an area) in the camera tree first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add an area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Area:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No camera has a tag yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No saved layouts: save a layout first (Ctrl+S).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a layout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Layout:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replace the saved tour %1?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the tour %1?</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>UsersDialog</name>
        <message>
            <source>Users</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the selected account this role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>disabled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A new account needs a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An account named %1 exists already.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The password must have at least %1 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Adding %1...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 added as %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is the last administrator: make another one first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is now %2.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>VideoTile</name>
        <message>
            <source>PTZ: click to centre, drag, wheel, arrows, Shift+drag a box to zoom</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Empty - drop a camera here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera unavailable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>QUARANTINED: SCENE CHANGED</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tour paused: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tour: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put a camera here...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Layout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Maximise / restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Snapshot</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bookmark incident (B)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PTZ control...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stream</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Automatic by tile size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main stream</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sub stream</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select for merge (Ctrl+click)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merge selected tiles</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Split tile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy masks...</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WallMapDock</name>
        <message>
            <source>Wall map</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wall</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send focused tile to wall</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take control</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Release control</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drag a saved layout onto a monitor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved layouts (drag onto a monitor):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>online</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>lost since %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · controlled by you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · controlled by %2 (%3) at %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>nothing reported yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 (live %3, dark %4)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sending to %1...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick a monitor in the list first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asking %1...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You released %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You control %1, taken over from %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You control %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 sent to %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Focus a tile with a camera first.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WallView</name>
        <message>
            <source>No camera to show</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put a camera here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No single camera matches %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WallWindow</name>
        <message>
            <source>videowall - wall on %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>self._window</name>
        <message>
            <source>Bookmark (B)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bookmark an incident on the focused tile: snapshot and clip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review bookmarks, build cases, export evidence (Ctrl+R)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click a tile first, then press B</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bookmarked - clip in %1 s</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>window</name>
        <message>
            <source>videowall - operator console</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick a tile with a camera first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>QUARANTINED: %1 - scene changed; supervisor review needed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%n cameras marked private</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%n cameras no longer private</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy masks of the focused tile...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scene review (new cameras, quarantine)...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit trail...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Users...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock session</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings...</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not in the register any more: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not removed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove %1 (%2) from the register?

A camera that bookmarks name is retired instead: it leaves the tree and the walls, and its evidence keeps its name and place.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is named by %2 bookmarks: retired (kept with its evidence), not deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera removed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cameras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add camera...</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>