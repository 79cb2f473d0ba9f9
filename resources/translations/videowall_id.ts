<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
    <context>
        <name />
        <message>
            <source>Presentation...</source>
            <translation>Paparan...</translation>
        </message>
        <message>
            <source>Briefing editor...</source>
            <translation>Penyusun paparan...</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Bahasa</translation>
        </message>
    </context>
    <context>
        <name>AlertCenter</name>
        <message>
            <source>Acknowledge</source>
            <translation>Tandai sudah dilihat</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Peringatan</translation>
        </message>
        <message numerus="yes">
            <source>server %1: %Ln cameras flapping</source>
            <translation>
                <numerusform>server %1: %Ln kamera naik-turun</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (%2) is flapping: dark and live again and again</source>
            <translation>%1 (%2) naik-turun: mati dan hidup berulang kali</translation>
        </message>
        <message numerus="yes">
            <source>server %1 unreachable: %Ln cameras</source>
            <translation>
                <numerusform>server %1 tidak terjangkau: %Ln kamera</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>server %1, %2: %Ln cameras</source>
            <translation>
                <numerusform>server %1, %2: %Ln kamera</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln back</source>
            <translation>
                <numerusform>%Ln kembali</numerusform>
            </translation>
        </message>
        <message>
            <source>steady again</source>
            <translation>stabil kembali</translation>
        </message>
        <message>
            <source>%1 (%2) went dark: %3</source>
            <translation>%1 (%2) padam: %3</translation>
        </message>
        <message>
            <source>all back</source>
            <translation>semua kembali</translation>
        </message>
        <message>
            <source>back</source>
            <translation>kembali</translation>
        </message>
        <message>
            <source>acknowledged by %1 at %2</source>
            <translation>dilihat oleh %1 pukul %2</translation>
        </message>
        <message>
            <source>Could not acknowledge: %1</source>
            <translation>Tidak dapat ditandai: %1</translation>
        </message>
    </context>
    <context>
        <name>AuditViewer</name>
        <message>
            <source>id</source>
            <translation>id</translation>
        </message>
        <message>
            <source>time</source>
            <translation>waktu</translation>
        </message>
        <message>
            <source>target</source>
            <translation>sasaran</translation>
        </message>
        <message>
            <source>detail</source>
            <translation>rincian</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>Jejak audit</translation>
        </message>
        <message>
            <source>actor</source>
            <translation>pelaku</translation>
        </message>
        <message>
            <source>action</source>
            <translation>tindakan</translation>
        </message>
        <message>
            <source>camera / text</source>
            <translation>kamera / teks</translation>
        </message>
        <message>
            <source>Filter</source>
            <translation>Saring</translation>
        </message>
        <message>
            <source>Verify chain</source>
            <translation>Periksa rantai</translation>
        </message>
        <message>
            <source>Export CSV...</source>
            <translation>Ekspor CSV...</translation>
        </message>
        <message numerus="yes">
            <source>%Ln rows</source>
            <translation>
                <numerusform>%Ln baris</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Chain intact: %Ln rows</source>
            <translation>
                <numerusform>Rantai utuh: %Ln baris</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln rows exported</source>
            <translation>
                <numerusform>%Ln baris diekspor</numerusform>
            </translation>
        </message>
        <message>
            <source>CHAIN BROKEN at row %1: %2</source>
            <translation>RANTAI RUSAK di baris %1: %2</translation>
        </message>
        <message>
            <source>Export audit trail</source>
            <translation>Ekspor jejak audit</translation>
        </message>
    </context>
    <context>
        <name>AvailabilityChart</name>
        <message>
            <source>Availability, last 24 hours</source>
            <translation>Ketersediaan, 24 jam terakhir</translation>
        </message>
        <message>
            <source>No health history yet: run a sweep</source>
            <translation>Belum ada riwayat kesehatan: jalankan pemeriksaan</translation>
        </message>
        <message>
            <source>last hour %1</source>
            <translation>jam terakhir %1</translation>
        </message>
    </context>
    <context>
        <name>BookmarkDialog</name>
        <message>
            <source>Bookmark: %1</source>
            <translation>Penanda: %1</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Waktu</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Kategori</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Prioritas</translation>
        </message>
        <message>
            <source>comma separated, e.g. motor, lajur kiri</source>
            <translation>pisahkan dengan koma, mis. motor, lajur kiri</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>What happened? The video keeps playing while you type.</source>
            <translation>Apa yang terjadi? Video tetap berjalan selama Anda mengetik.</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Catatan</translation>
        </message>
        <message>
            <source>Saved at the key press; the clip follows in %1 s.</source>
            <translation>Tersimpan saat tombol ditekan; klip menyusul dalam %1 dtk.</translation>
        </message>
        <message>
            <source>Save (Ctrl+Enter; Enter in the note starts a new line)</source>
            <translation>Simpan (Ctrl+Enter; Enter di catatan membuat baris baru)</translation>
        </message>
    </context>
    <context>
        <name>BriefingEditor</name>
        <message>
            <source>Briefing editor</source>
            <translation>Penyusun paparan</translation>
        </message>
        <message>
            <source>New briefing</source>
            <translation>Paparan baru</translation>
        </message>
        <message>
            <source>the name it is saved and listed under</source>
            <translation>nama untuk menyimpan dan mendaftarnya</translation>
        </message>
        <message>
            <source>shown in the title bar of every slide</source>
            <translation>tampil di bilah judul setiap tayangan</translation>
        </message>
        <message>
            <source>Open:</source>
            <translation>Buka:</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Nama:</translation>
        </message>
        <message>
            <source>Briefing t&amp;itle:</source>
            <translation>&amp;Judul paparan:</translation>
        </message>
        <message>
            <source>&amp;Add slide</source>
            <translation>&amp;Tambah tayangan</translation>
        </message>
        <message>
            <source>&amp;Up</source>
            <translation>Na&amp;ik</translation>
        </message>
        <message>
            <source>Do&amp;wn</source>
            <translation>T&amp;urun</translation>
        </message>
        <message>
            <source>&amp;Remove slide</source>
            <translation>&amp;Hapus tayangan</translation>
        </message>
        <message>
            <source>Slides, in the order they are shown</source>
            <translation>Tayangan, menurut urutan penayangan</translation>
        </message>
        <message>
            <source>No slides yet: choose a kind of slide and press Add slide.</source>
            <translation>Belum ada tayangan: pilih jenis tayangan lalu tekan Tambah tayangan.</translation>
        </message>
        <message>
            <source>Preview: the slide as it will show</source>
            <translation>Pratinjau: tayangan seperti yang akan tampil</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Simpan</translation>
        </message>
        <message>
            <source>&amp;Delete briefing</source>
            <translation>Hapus &amp;paparan</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Tutup</translation>
        </message>
        <message>
            <source>Give the briefing a name.</source>
            <translation>Beri nama paparan ini.</translation>
        </message>
        <message>
            <source>A briefing named %1 exists already: choose another name.</source>
            <translation>Paparan bernama %1 sudah ada: pilih nama lain.</translation>
        </message>
        <message>
            <source>Add at least one slide.</source>
            <translation>Tambahkan sedikitnya satu tayangan.</translation>
        </message>
        <message>
            <source>Slide %1: choose a saved layout or add cameras.</source>
            <translation>Tayangan %1: pilih tata letak tersimpan atau tambahkan kamera.</translation>
        </message>
        <message>
            <source>Slide %1: choose a bookmark.</source>
            <translation>Tayangan %1: pilih penanda.</translation>
        </message>
        <message>
            <source>Saving...</source>
            <translation>Menyimpan...</translation>
        </message>
        <message>
            <source>Not saved: your role may not edit briefings.</source>
            <translation>Tidak disimpan: peran Anda tidak boleh menyusun paparan.</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>Tidak disimpan: %1</translation>
        </message>
        <message>
            <source>Saved: %1 (%2 slides)</source>
            <translation>Tersimpan: %1 (%2 tayangan)</translation>
        </message>
        <message>
            <source>Not deleted: your role may not edit briefings.</source>
            <translation>Tidak dihapus: peran Anda tidak boleh menyusun paparan.</translation>
        </message>
        <message>
            <source>Not deleted: %1</source>
            <translation>Tidak dihapus: %1</translation>
        </message>
        <message>
            <source>Deleted: %1</source>
            <translation>Dihapus: %1</translation>
        </message>
        <message>
            <source>Delete briefing</source>
            <translation>Hapus paparan</translation>
        </message>
        <message>
            <source>Delete the briefing %1? This cannot be undone.</source>
            <translation>Hapus paparan %1? Tindakan ini tidak dapat dibatalkan.</translation>
        </message>
    </context>
    <context>
        <name>BriefingFigures</name>
        <message>
            <source>Figures at %1 %2</source>
            <translation>Angka per pukul %1 %2</translation>
        </message>
        <message>
            <source>availability over the last %1 hours: %2</source>
            <translation>ketersediaan %1 jam terakhir: %2</translation>
        </message>
    </context>
    <context>
        <name>BriefingPicker</name>
        <message>
            <source>Presentation</source>
            <translation>Paparan</translation>
        </message>
        <message>
            <source>Choose a briefing. Page Down / Page Up step through it, Esc ends it.</source>
            <translation>Pilih paparan. Page Down / Page Up untuk berpindah tayangan, Esc untuk mengakhiri.</translation>
        </message>
        <message>
            <source>Present</source>
            <translation>Tampilkan</translation>
        </message>
        <message>
            <source>Import...</source>
            <translation>Impor...</translation>
        </message>
        <message>
            <source>Export...</source>
            <translation>Ekspor...</translation>
        </message>
        <message>
            <source>Edit...</source>
            <translation>Susun...</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Tutup</translation>
        </message>
        <message>
            <source>Briefings not read: %1</source>
            <translation>Paparan tidak terbaca: %1</translation>
        </message>
        <message>
            <source>Import briefing</source>
            <translation>Impor paparan</translation>
        </message>
        <message>
            <source>Briefing files (*.json)</source>
            <translation>Berkas paparan (*.json)</translation>
        </message>
        <message>
            <source>Not imported: %1</source>
            <translation>Tidak diimpor: %1</translation>
        </message>
        <message>
            <source>Imported: %1</source>
            <translation>Diimpor: %1</translation>
        </message>
        <message>
            <source>Export briefing</source>
            <translation>Ekspor paparan</translation>
        </message>
        <message>
            <source>Not exported: %1</source>
            <translation>Tidak diekspor: %1</translation>
        </message>
        <message>
            <source>Exported to %1</source>
            <translation>Diekspor ke %1</translation>
        </message>
    </context>
    <context>
        <name>BulkEditDialog</name>
        <message numerus="yes">
            <source>Edit %Ln cameras</source>
            <translation>
                <numerusform>Ubah %Ln kamera</numerusform>
            </translation>
        </message>
        <message>
            <source>tags to add, separated by ;</source>
            <translation>tag yang ditambahkan, pisahkan dengan ;</translation>
        </message>
        <message>
            <source>tags to remove, separated by ;</source>
            <translation>tag yang dihapus, pisahkan dengan ;</translation>
        </message>
        <message>
            <source>(leave unchanged)</source>
            <translation>(biarkan)</translation>
        </message>
        <message>
            <source>Active (aktif)</source>
            <translation>Aktif</translation>
        </message>
        <message>
            <source>Inactive (nonaktif)</source>
            <translation>Nonaktif</translation>
        </message>
        <message>
            <source>Known tags: %1</source>
            <translation>Tag yang ada: %1</translation>
        </message>
        <message>
            <source>Add tags</source>
            <translation>Tambah tag</translation>
        </message>
        <message>
            <source>Remove tags</source>
            <translation>Hapus tag</translation>
        </message>
        <message>
            <source>Service status</source>
            <translation>Status layanan</translation>
        </message>
    </context>
    <context>
        <name>CameraDialog</name>
        <message>
            <source>Edit camera</source>
            <translation>Ubah kamera</translation>
        </message>
        <message>
            <source>Add camera</source>
            <translation>Tambah kamera</translation>
        </message>
        <message>
            <source>Camera id</source>
            <translation>Id kamera</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Jenis</translation>
        </message>
        <message>
            <source>Kecamatan</source>
            <translation>Kecamatan</translation>
        </message>
        <message>
            <source>Kelurahan</source>
            <translation>Kelurahan</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>RW</source>
            <translation>RW</translation>
        </message>
        <message>
            <source>Main stream URL</source>
            <translation>URL aliran utama</translation>
        </message>
        <message>
            <source>Sub stream URL</source>
            <translation>URL aliran kedua</translation>
        </message>
        <message>
            <source>ONVIF host</source>
            <translation>Host ONVIF</translation>
        </message>
        <message>
            <source>ONVIF port</source>
            <translation>Port ONVIF</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Pengguna</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Kata sandi</translation>
        </message>
        <message>
            <source>stored; leave empty to keep it</source>
            <translation>tersimpan; kosongkan untuk mempertahankannya</translation>
        </message>
        <message>
            <source>PTZ (pan, tilt, zoom over ONVIF)</source>
            <translation>PTZ (pan, tilt, zoom lewat ONVIF)</translation>
        </message>
        <message>
            <source>In service</source>
            <translation>Beroperasi</translation>
        </message>
        <message>
            <source>Watch through the relay (the camera is pulled once for every console)</source>
            <translation>Tonton lewat relai (kamera ditarik sekali untuk semua konsol)</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>comma separated</source>
            <translation>dipisah koma</translation>
        </message>
        <message>
            <source>LAN (multicast); or host:port, ...</source>
            <translation>LAN (multicast); atau host:port, ...</translation>
        </message>
        <message>
            <source>&amp;Discover</source>
            <translation>&amp;Cari</translation>
        </message>
        <message>
            <source>ONVIF discovery</source>
            <translation>Pencarian ONVIF</translation>
        </message>
        <message>
            <source>&amp;Read from camera</source>
            <translation>&amp;Baca dari kamera</translation>
        </message>
        <message>
            <source>Fill name and stream URLs from the ONVIF host's profiles</source>
            <translation>Isi nama dan URL aliran dari profil host ONVIF</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>Ditemukan</translation>
        </message>
        <message>
            <source>No picture yet</source>
            <translation>Belum ada gambar</translation>
        </message>
        <message>
            <source>&amp;Test stream</source>
            <translation>&amp;Uji aliran</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Simpan</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Required.</source>
            <translation>Wajib diisi.</translation>
        </message>
        <message>
            <source>Letters, digits and . _ : - only (at most 64).</source>
            <translation>Hanya huruf, angka dan . _ : - (paling banyak 64).</translation>
        </message>
        <message>
            <source>Another camera has the id %1.</source>
            <translation>Kamera lain sudah memakai id %1.</translation>
        </message>
        <message>
            <source>Not a stream URL (scheme %1); use rtsp://, http://, srt:// ...</source>
            <translation>Bukan URL aliran (skema %1); pakai rtsp://, http://, srt:// ...</translation>
        </message>
        <message>
            <source>No host name or address.</source>
            <translation>Tidak ada nama host atau alamat.</translation>
        </message>
        <message>
            <source>Not a valid URL: %1</source>
            <translation>URL tidak sah: %1</translation>
        </message>
        <message>
            <source>A port is a number from 1 to 65535.</source>
            <translation>Port adalah angka dari 1 sampai 65535.</translation>
        </message>
        <message>
            <source>Main and sub URL carry different user names or passwords.</source>
            <translation>URL utama dan kedua membawa nama pengguna atau kata sandi yang berbeda.</translation>
        </message>
        <message>
            <source>PTZ needs the ONVIF host.</source>
            <translation>PTZ memerlukan host ONVIF.</translation>
        </message>
        <message>
            <source>Cannot read the camera's recorder: %1</source>
            <translation>Perekam kamera tidak dapat dibaca: %1</translation>
        </message>
        <message>
            <source>Not saved: the recorder's fields have problems.</source>
            <translation>Tidak disimpan: isian perekam bermasalah.</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>Tidak tersimpan: %1</translation>
        </message>
        <message>
            <source>Testing %1 ...</source>
            <translation>Menguji %1 ...</translation>
        </message>
        <message>
            <source>Waiting for the first picture...</source>
            <translation>Menunggu gambar pertama...</translation>
        </message>
        <message>
            <source>No picture</source>
            <translation>Tidak ada gambar</translation>
        </message>
        <message>
            <source>Test failed: %1</source>
            <translation>Uji gagal: %1</translation>
        </message>
        <message>
            <source>Picture received: the stream plays.</source>
            <translation>Gambar diterima: aliran berjalan.</translation>
        </message>
        <message>
            <source>Not found (404): the server has no stream at this path.</source>
            <translation>Tidak ditemukan (404): server tidak punya aliran di jalur ini.</translation>
        </message>
        <message>
            <source>Needs a user name and password (401).</source>
            <translation>Memerlukan nama pengguna dan kata sandi (401).</translation>
        </message>
        <message>
            <source>User name or password refused (401).</source>
            <translation>Nama pengguna atau kata sandi ditolak (401).</translation>
        </message>
        <message>
            <source>Forbidden (403): this account may not watch the stream.</source>
            <translation>Dilarang (403): akun ini tidak boleh menonton aliran ini.</translation>
        </message>
        <message>
            <source>Connection refused: nothing listens at this address and port.</source>
            <translation>Koneksi ditolak: tidak ada yang mendengarkan di alamat dan port ini.</translation>
        </message>
        <message>
            <source>Timed out: no answer from the address (wrong address, or a firewall).</source>
            <translation>Waktu habis: tidak ada jawaban dari alamat ini (alamat salah, atau firewall).</translation>
        </message>
        <message>
            <source>Timed out: connected, but the server did not answer.</source>
            <translation>Waktu habis: tersambung, tetapi server tidak menjawab.</translation>
        </message>
        <message>
            <source>Host name not found.</source>
            <translation>Nama host tidak ditemukan.</translation>
        </message>
        <message>
            <source>Host unreachable.</source>
            <translation>Host tidak terjangkau.</translation>
        </message>
        <message>
            <source>Network unreachable.</source>
            <translation>Jaringan tidak terjangkau.</translation>
        </message>
        <message>
            <source>The stream answered but gave no picture: %1</source>
            <translation>Aliran menjawab tetapi tidak memberi gambar: %1</translation>
        </message>
        <message>
            <source>Not playable here: %1</source>
            <translation>Tidak dapat diputar di sini: %1</translation>
        </message>
        <message>
            <source>Does not play: %1 %2</source>
            <translation>Tidak berjalan: %1 %2</translation>
        </message>
        <message>
            <source>Not an address host:port: %1</source>
            <translation>Bukan alamat host:port: %1</translation>
        </message>
        <message>
            <source>Looking for ONVIF cameras...</source>
            <translation>Mencari kamera ONVIF...</translation>
        </message>
        <message>
            <source>Discovery failed: %1</source>
            <translation>Pencarian gagal: %1</translation>
        </message>
        <message>
            <source>%n ONVIF cameras answered</source>
            <translation>%n kamera ONVIF menjawab</translation>
        </message>
        <message>
            <source>Reading the camera's profiles...</source>
            <translation>Membaca profil kamera...</translation>
        </message>
        <message>
            <source>Cannot read the camera: %1</source>
            <translation>Kamera tidak dapat dibaca: %1</translation>
        </message>
        <message>
            <source>Filled from %1 (%2)</source>
            <translation>Diisi dari %1 (%2)</translation>
        </message>
        <message>
            <source>Saving...</source>
            <translation>Menyimpan...</translation>
        </message>
    </context>
    <context>
        <name>CameraPanel</name>
        <message>
            <source>Search name, id, area or tag</source>
            <translation>Cari nama, id, wilayah atau tag</translation>
        </message>
        <message>
            <source>Show ids</source>
            <translation>Tampilkan id</translation>
        </message>
        <message>
            <source>Show each camera's id beside its name</source>
            <translation>Tampilkan id setiap kamera di samping namanya</translation>
        </message>
        <message numerus="yes">
            <source>%Ln cameras match</source>
            <translation>
                <numerusform>%Ln kamera cocok</numerusform>
            </translation>
        </message>
        <message>
            <source>Add camera...</source>
            <translation>Tambah kamera...</translation>
        </message>
        <message>
            <source>Open on the wall</source>
            <translation>Buka di dinding video</translation>
        </message>
        <message>
            <source>Remove from favourites</source>
            <translation>Hapus dari favorit</translation>
        </message>
        <message>
            <source>Add to favourites</source>
            <translation>Tambah ke favorit</translation>
        </message>
        <message numerus="yes">
            <source>Edit tags and status of %Ln cameras...</source>
            <translation>
                <numerusform>Ubah tag dan status %Ln kamera...</numerusform>
            </translation>
        </message>
        <message>
            <source>Edit camera...</source>
            <translation>Ubah kamera...</translation>
        </message>
        <message>
            <source>Remove camera...</source>
            <translation>Hapus kamera...</translation>
        </message>
        <message>
            <source>Mark as not private (all roles may view)</source>
            <translation>Tandai tidak privat (semua peran boleh melihat)</translation>
        </message>
        <message>
            <source>Mark as private (hidden from roles without private access)</source>
            <translation>Tandai privat (tersembunyi dari peran tanpa akses privat)</translation>
        </message>
    </context>
    <context>
        <name>CameraTreeModel</name>
        <message>
            <source>Favourites</source>
            <extracomment>a sweep's verdict as the tile state it looks like in the tree (unknown: no verdict, the grey ring)</extracomment>
            <translation>Favorit</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <source>Id</source>
            <translation>Id</translation>
        </message>
        <message>
            <source>State: %1</source>
            <translation>Status: %1</translation>
        </message>
    </context>
    <context>
        <name>CityTools</name>
        <message>
            <source>City</source>
            <translation>Kota</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>Dasbor</translation>
        </message>
        <message>
            <source>Export register...</source>
            <translation>Ekspor daftar kamera...</translation>
        </message>
        <message>
            <source>Alarm tile</source>
            <translation>Kotak alarm</translation>
        </message>
        <message>
            <source>The focused tile (else the last) shows the next camera that goes dark</source>
            <translation>Kotak yang dipilih (atau yang terakhir) menampilkan kamera berikutnya yang mati</translation>
        </message>
        <message>
            <source>Could not save: %1</source>
            <translation>Gagal menyimpan: %1</translation>
        </message>
        <message>
            <source>Export register</source>
            <translation>Ekspor daftar kamera</translation>
        </message>
        <message>
            <source>CSV (*.csv);;JSON (*.json)</source>
            <translation>CSV (*.csv);;JSON (*.json)</translation>
        </message>
        <message>
            <source>Register not exported: %1</source>
            <translation>Daftar kamera tidak diekspor: %1</translation>
        </message>
        <message>
            <source>Register exported to %1. %2</source>
            <translation>Daftar kamera diekspor ke %1. %2</translation>
        </message>
        <message numerus="yes">
            <source>%Ln cameras edited</source>
            <translation>
                <numerusform>%Ln kamera diubah</numerusform>
            </translation>
        </message>
        <message>
            <source>Tile %1 is the alarm tile</source>
            <translation>Kotak %1 menjadi kotak alarm</translation>
        </message>
    </context>
    <context>
        <name>ClipView</name>
        <message>
            <source>Play/Pause</source>
            <translation>Putar/Jeda</translation>
        </message>
        <message>
            <source>Next frame</source>
            <translation>Bingkai berikutnya</translation>
        </message>
        <message>
            <source>Pause and advance one frame</source>
            <translation>Jeda dan maju satu bingkai</translation>
        </message>
        <message>
            <source>Select a bookmark to play its clip</source>
            <translation>Pilih penanda untuk memutar klipnya</translation>
        </message>
        <message>
            <source>No clip for this bookmark</source>
            <translation>Tidak ada klip untuk penanda ini</translation>
        </message>
    </context>
    <context>
        <name>DashboardWindow</name>
        <message>
            <source>videowall - city dashboard</source>
            <translation>videowall - dasbor kota</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Muat ulang</translation>
        </message>
        <message>
            <source>Sweep now</source>
            <translation>Periksa sekarang</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Report PDF...</source>
            <translation>Laporan PDF...</translation>
        </message>
        <message>
            <source>Map background...</source>
            <translation>Latar peta...</translation>
        </message>
        <message>
            <source>A city plan image, placed by the latitude/longitude of two corners</source>
            <translation>Gambar peta kota, ditempatkan menurut lintang/bujur dua sudutnya</translation>
        </message>
        <message>
            <source>Area</source>
            <translation>Wilayah</translation>
        </message>
        <message>
            <source>Live %</source>
            <translation>% Online</translation>
        </message>
        <message>
            <source>Cameras</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <source>Live</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>Mati</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>Nonaktif</translation>
        </message>
        <message>
            <source>Not checked</source>
            <translation>Belum diperiksa</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Dark for</source>
            <translation>Mati selama</translation>
        </message>
        <message>
            <source> h</source>
            <translation> jam</translation>
        </message>
        <message>
            <source>Export maintenance list (CSV)...</source>
            <translation>Ekspor daftar perbaikan (CSV)...</translation>
        </message>
        <message>
            <source>Dark for longer than</source>
            <translation>Mati lebih dari</translation>
        </message>
        <message>
            <source>Areas</source>
            <translation>Wilayah</translation>
        </message>
        <message>
            <source>Dark cameras</source>
            <translation>Kamera mati</translation>
        </message>
        <message>
            <source>Loading...</source>
            <translation>Memuat...</translation>
        </message>
        <message>
            <source>Could not load: %1</source>
            <translation>Gagal memuat: %1</translation>
        </message>
        <message>
            <source>online now %1 · %2</source>
            <translation>online saat ini %1 · %2</translation>
        </message>
        <message>
            <source>%1 · %2 cameras, read in %3 ms</source>
            <translation>%1 · %2 kamera, dibaca dalam %3 md</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; cameras&lt;br/&gt;%2 online now</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; kamera&lt;br/&gt;%2 online saat ini</translation>
        </message>
        <message>
            <source>(no area)</source>
            <translation>(tanpa wilayah)</translation>
        </message>
        <message>
            <source>Dark cameras (%1)</source>
            <translation>Kamera mati (%1)</translation>
        </message>
        <message>
            <source>Export maintenance list</source>
            <translation>Ekspor daftar perbaikan</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>Berkas CSV (*.csv)</translation>
        </message>
        <message>
            <source>Maintenance list saved: %1</source>
            <translation>Daftar perbaikan tersimpan: %1</translation>
        </message>
        <message>
            <source>%v of %m cameras</source>
            <translation>%v dari %m kamera</translation>
        </message>
        <message>
            <source>Sweep cancelled; what finished is stored</source>
            <translation>Pemeriksaan dibatalkan; yang sudah selesai tersimpan</translation>
        </message>
        <message>
            <source>Sweep failed: %1</source>
            <translation>Pemeriksaan gagal: %1</translation>
        </message>
        <message>
            <source>Swept %1 cameras in %2 s</source>
            <translation>%1 kamera diperiksa dalam %2 dtk</translation>
        </message>
        <message>
            <source>Map background</source>
            <translation>Latar peta</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg)</source>
            <translation>Gambar (*.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <source>Latitude,longitude of the top-left and bottom-right corners
(e.g. -6.93,110.30 -7.12,110.50):</source>
            <translation>Lintang,bujur sudut kiri atas dan kanan bawah
(mis. -6.93,110.30 -7.12,110.50):</translation>
        </message>
        <message>
            <source>Corners must be written as: lat,lon lat,lon</source>
            <translation>Sudut harus ditulis sebagai: lintang,bujur lintang,bujur</translation>
        </message>
        <message>
            <source>Cannot read the image %1</source>
            <translation>Gambar %1 tidak dapat dibaca</translation>
        </message>
        <message>
            <source>Availability report</source>
            <translation>Laporan ketersediaan</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>Berkas PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Writing the report...</source>
            <translation>Menyusun laporan...</translation>
        </message>
        <message>
            <source>Report failed: %1</source>
            <translation>Laporan gagal: %1</translation>
        </message>
        <message>
            <source>Report saved: %1</source>
            <translation>Laporan tersimpan: %1</translation>
        </message>
    </context>
    <context>
        <name>ErrorNotice</name>
        <message>
            <source>An unexpected error was logged; the wall keeps running (%1)</source>
            <translation>Galat tak terduga sudah dicatat; dinding video tetap berjalan (%1)</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export evidence to</source>
            <translation>Ekspor barang bukti ke</translation>
        </message>
        <message>
            <source>Browse...</source>
            <translation>Telusuri...</translation>
        </message>
        <message>
            <source>as &amp;zip</source>
            <translation>sebagai &amp;zip</translation>
        </message>
        <message>
            <source>&amp;watermarked copies</source>
            <translation>salinan ber-&amp;watermark</translation>
        </message>
        <message>
            <source>Folder the export goes into:</source>
            <translation>Folder tujuan ekspor:</translation>
        </message>
        <message>
            <source>&amp;Unmasked original (reason required)</source>
            <translation>Asli tanpa &amp;masker (wajib alasan)</translation>
        </message>
        <message>
            <source>Export the clips and snapshots without privacy masks. Recorded in the audit trail with your reason.</source>
            <translation>Ekspor klip dan cuplikan tanpa masker privasi. Dicatat di jejak audit beserta alasan Anda.</translation>
        </message>
        <message>
            <source>Reason (e.g. court order number)</source>
            <translation>Alasan (mis. nomor penetapan pengadilan)</translation>
        </message>
        <message>
            <source>Choose an existing folder</source>
            <translation>Pilih folder yang sudah ada</translation>
        </message>
        <message>
            <source>An unmasked export needs a reason</source>
            <translation>Ekspor tanpa masker memerlukan alasan</translation>
        </message>
    </context>
    <context>
        <name>ExportProgressPanel</name>
        <message>
            <source>&amp;Cancel export</source>
            <translation>&amp;Batalkan ekspor</translation>
        </message>
        <message>
            <source>Stop the export and remove what it has written so far (Esc)</source>
            <translation>Hentikan ekspor dan hapus yang sudah ditulisnya (Esc)</translation>
        </message>
        <message>
            <source>Preparing the export...</source>
            <translation>Menyiapkan ekspor...</translation>
        </message>
        <message>
            <source>Step %1 of %2: %3</source>
            <translation>Langkah %1 dari %2: %3</translation>
        </message>
        <message>
            <source>copying snapshot %1 of %2</source>
            <translation>menyalin tangkapan gambar %1 dari %2</translation>
        </message>
        <message>
            <source>masking snapshot %1 of %2</source>
            <translation>memasang masker pada tangkapan gambar %1 dari %2</translation>
        </message>
        <message>
            <source>copying clip %1 of %2</source>
            <translation>menyalin klip %1 dari %2</translation>
        </message>
        <message>
            <source>masking clip %1 of %2</source>
            <translation>memasang masker pada klip %1 dari %2</translation>
        </message>
        <message>
            <source>watermarking clip %1 of %2</source>
            <translation>memberi watermark pada klip %1 dari %2</translation>
        </message>
        <message>
            <source>writing the custody log and manifest</source>
            <translation>menulis log rantai penguasaan dan manifest</translation>
        </message>
        <message>
            <source>writing the case reports</source>
            <translation>menyusun laporan kasus</translation>
        </message>
        <message>
            <source>signing the export</source>
            <translation>menandatangani ekspor</translation>
        </message>
        <message>
            <source>writing the zip file</source>
            <translation>menulis berkas zip</translation>
        </message>
        <message>
            <source>Cancelling the export...</source>
            <translation>Membatalkan ekspor...</translation>
        </message>
    </context>
    <context>
        <name>HealthMap</name>
        <message>
            <source>No camera has coordinates yet</source>
            <translation>Belum ada kamera yang memiliki koordinat</translation>
        </message>
        <message>
            <source>Live</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>Unreachable</source>
            <translation>Tidak terjangkau</translation>
        </message>
        <message>
            <source>Not found</source>
            <translation>Tidak ditemukan</translation>
        </message>
        <message>
            <source>Login failed</source>
            <translation>Gagal masuk</translation>
        </message>
        <message>
            <source>Bad URL</source>
            <translation>URL salah</translation>
        </message>
        <message>
            <source>Unsupported</source>
            <translation>Tidak didukung</translation>
        </message>
        <message>
            <source>Black picture</source>
            <translation>Gambar hitam</translation>
        </message>
        <message>
            <source>Frozen</source>
            <translation>Beku</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>Nonaktif</translation>
        </message>
        <message>
            <source>Not checked</source>
            <translation>Belum diperiksa</translation>
        </message>
        <message>
            <source>No outline for %1 of %2 kecamatan: their cameras' coordinates lie among other areas' cameras</source>
            <translation>Tanpa garis batas untuk %1 dari %2 kecamatan: koordinat kameranya bercampur dengan kamera wilayah lain</translation>
        </message>
        <message>
            <source>Cameras far from the rest of their kecamatan, left out of its outline: %1</source>
            <translation>Kamera yang jauh dari kamera lain di kecamatannya, tidak dihitung dalam garis batasnya: %1</translation>
        </message>
        <message>
            <source>The city plan %1 cannot be read</source>
            <translation>Peta kota %1 tidak dapat dibaca</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import camera register</source>
            <translation>Impor daftar kamera</translation>
        </message>
        <message>
            <source>CSV or JSON file</source>
            <translation>Berkas CSV atau JSON</translation>
        </message>
        <message>
            <source>Browse...</source>
            <translation>Telusuri...</translation>
        </message>
        <message>
            <source>Import valid rows (skip rejected lines)</source>
            <translation>Impor baris yang valid (lewati baris yang ditolak)</translation>
        </message>
        <message>
            <source>Otherwise nothing is imported while any line is rejected</source>
            <translation>Jika tidak, tidak ada yang diimpor selama masih ada baris yang ditolak</translation>
        </message>
        <message>
            <source>Sync: the file is the whole register (retire cameras it no longer lists)</source>
            <translation>Sinkronkan: berkas ini adalah seluruh daftar (pensiunkan kamera yang tidak tercantum lagi)</translation>
        </message>
        <message>
            <source>Retired cameras keep bookmarks, cases and history; a later file listing one restores it.</source>
            <translation>Kamera yang dipensiunkan tetap menyimpan penanda, kasus, dan riwayat; berkas berikutnya yang mencantumkannya memulihkannya.</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>Baris</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Masalah</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Rincian</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Perubahan</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Impor</translation>
        </message>
        <message>
            <source>Apply sync</source>
            <translation>Terapkan sinkronisasi</translation>
        </message>
        <message>
            <source>Camera register</source>
            <translation>Daftar kamera</translation>
        </message>
        <message>
            <source>Registers (*.csv *.json);;All files (*)</source>
            <translation>Daftar kamera (*.csv *.json);;Semua berkas (*)</translation>
        </message>
        <message>
            <source>Preview sync</source>
            <translation>Pratinjau sinkronisasi</translation>
        </message>
        <message>
            <source>Choose a file first.</source>
            <translation>Pilih berkas terlebih dahulu.</translation>
        </message>
        <message>
            <source>Reading the file and comparing it with the register...</source>
            <translation>Membaca berkas dan membandingkannya dengan daftar...</translation>
        </message>
        <message>
            <source>Importing...</source>
            <translation>Mengimpor...</translation>
        </message>
        <message>
            <source>Applying the sync...</source>
            <translation>Menerapkan sinkronisasi...</translation>
        </message>
        <message>
            <source>Synced: %1 added, %2 changed, %3 retired, %4 restored.</source>
            <translation>Tersinkron: %1 ditambah, %2 diubah, %3 dipensiunkan, %4 dipulihkan.</translation>
        </message>
        <message>
            <source>Import failed: %1</source>
            <translation>Impor gagal: %1</translation>
        </message>
        <message numerus="yes">
            <source>%Ln rows read</source>
            <translation>
                <numerusform>%Ln baris dibaca</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln imported</source>
            <translation>
                <numerusform>%Ln diimpor</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln rejected</source>
            <translation>
                <numerusform>%Ln ditolak</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing was imported: fix the lines below, or tick 'Import valid rows'.</source>
            <translation>Tidak ada yang diimpor: perbaiki baris di bawah, atau centang 'Impor baris yang valid'.</translation>
        </message>
        <message>
            <source>add</source>
            <translation>tambah</translation>
        </message>
        <message>
            <source>change</source>
            <translation>ubah</translation>
        </message>
        <message>
            <source>retire</source>
            <translation>pensiunkan</translation>
        </message>
        <message>
            <source>restore (back in service)</source>
            <translation>pulihkan (kembali beroperasi)</translation>
        </message>
        <message>
            <source>leave as is (on a rejected line)</source>
            <translation>biarkan (ada di baris yang ditolak)</translation>
        </message>
        <message>
            <source>Sync plan: %1 to add, %2 to change, %3 to retire, %4 to restore, %5 unchanged, %6 rejected.</source>
            <translation>Rencana sinkronisasi: %1 ditambah, %2 diubah, %3 dipensiunkan, %4 dipulihkan, %5 tetap, %6 ditolak.</translation>
        </message>
        <message>
            <source>Nothing can be synced: fix the lines below, or tick 'Import valid rows'.</source>
            <translation>Tidak ada yang dapat disinkronkan: perbaiki baris di bawah, atau centang 'Impor baris yang valid'.</translation>
        </message>
        <message>
            <source>The register already matches the file.</source>
            <translation>Daftar sudah sesuai dengan berkas.</translation>
        </message>
        <message>
            <source>Nothing has changed yet: press Apply sync to do this.</source>
            <translation>Belum ada yang berubah: tekan Terapkan sinkronisasi untuk menjalankannya.</translation>
        </message>
    </context>
    <context>
        <name>JoystickConsole</name>
        <message>
            <source>No other PTZ camera on the wall</source>
            <translation>Tidak ada kamera PTZ lain di dinding</translation>
        </message>
        <message>
            <source>Joystick: %1</source>
            <translation>Joystick: %1</translation>
        </message>
        <message>
            <source>No joystick</source>
            <translation>Tidak ada joystick</translation>
        </message>
        <message>
            <source>No joystick support</source>
            <translation>Joystick tidak didukung</translation>
        </message>
        <message>
            <source>SDL2 for Python (PySDL2) is not installed here, or it did not start; details in the log</source>
            <translation>SDL2 untuk Python (PySDL2) tidak terpasang di sini, atau gagal dimulai; rinciannya di log</translation>
        </message>
        <message>
            <source>Looking for a joystick...</source>
            <translation>Mencari joystick...</translation>
        </message>
    </context>
    <context>
        <name>JoystickPad</name>
        <message>
            <source>Drag from the centre to pan and tilt; release to stop</source>
            <translation>Seret dari tengah untuk pan dan tilt; lepaskan untuk berhenti</translation>
        </message>
    </context>
    <context>
        <name>KpiCard</name>
        <message>
            <source>cameras in the register</source>
            <translation>kamera terdaftar</translation>
        </message>
        <message>
            <source>online now</source>
            <translation>online saat ini</translation>
        </message>
        <message>
            <source>offline now</source>
            <translation>offline saat ini</translation>
        </message>
        <message>
            <source>offline for more than 24 hours</source>
            <translation>offline lebih dari 24 jam</translation>
        </message>
        <message>
            <source>Loading figures...</source>
            <translation>Memuat angka...</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>videowall - sign in</source>
            <translation>videowall - masuk</translation>
        </message>
        <message>
            <source>videowall - first run</source>
            <translation>videowall - penggunaan pertama</translation>
        </message>
        <message>
            <source>No users yet. Create the administrator account.</source>
            <translation>Belum ada pengguna. Buat akun administrator.</translation>
        </message>
        <message>
            <source>Session locked: no camera is shown until someone signs in.</source>
            <translation>Sesi terkunci: tidak ada kamera yang ditampilkan sampai seseorang masuk.</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Pengguna</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Kata sandi</translation>
        </message>
        <message>
            <source>Repeat password</source>
            <translation>Ulangi kata sandi</translation>
        </message>
        <message>
            <source>the passwords differ</source>
            <translation>kata sandi tidak sama</translation>
        </message>
        <message>
            <source>Checking...</source>
            <translation>Memeriksa...</translation>
        </message>
        <message>
            <source>Unknown name or wrong password.</source>
            <translation>Nama tidak dikenal atau kata sandi salah.</translation>
        </message>
        <message>
            <source>The password must have at least %1 characters.</source>
            <translation>Kata sandi minimal %1 karakter.</translation>
        </message>
        <message>
            <source>The account %1 is disabled: ask an administrator.</source>
            <translation>Akun %1 dinonaktifkan: hubungi administrator.</translation>
        </message>
        <message>
            <source>Wrong password. %1 is now locked for %2 s after %3 wrong passwords in a row, until %4.</source>
            <translation>Kata sandi salah. %1 kini dikunci selama %2 detik setelah %3 kali salah berturut-turut, sampai %4.</translation>
        </message>
        <message>
            <source>%1 is locked after too many wrong passwords: try again in %2 s, at %4. Until then even the right password is refused.</source>
            <translation>%1 dikunci karena terlalu banyak kata sandi salah: coba lagi dalam %2 detik, pukul %4. Sampai saat itu kata sandi yang benar pun ditolak.</translation>
        </message>
        <message>
            <source>The lock has ended: %1 may sign in again.</source>
            <translation>Penguncian telah berakhir: %1 boleh masuk lagi.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>videowall - operator console</source>
            <translation>videowall - konsol operator</translation>
        </message>
        <message>
            <source>Cameras</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <source>Wall</source>
            <translation>Dinding video</translation>
        </message>
        <message>
            <source>Grid of %1 tiles</source>
            <translation>Kisi %1 kotak</translation>
        </message>
        <message>
            <source>Span layout %1</source>
            <translation>Tata letak gabungan %1</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>Kisi</translation>
        </message>
        <message>
            <source>Layouts</source>
            <translation>Tata letak</translation>
        </message>
        <message>
            <source>Save layout...</source>
            <translation>Simpan tata letak...</translation>
        </message>
        <message>
            <source>Monitors</source>
            <translation>Monitor</translation>
        </message>
        <message>
            <source>Tour</source>
            <translation>Tur</translation>
        </message>
        <message>
            <source>Import register...</source>
            <translation>Impor daftar kamera...</translation>
        </message>
        <message>
            <source>Import a camera register from CSV or JSON (Ctrl+I)</source>
            <translation>Impor daftar kamera dari CSV atau JSON (Ctrl+I)</translation>
        </message>
        <message>
            <source>Shortcuts</source>
            <translation>Pintasan</translation>
        </message>
        <message numerus="yes">
            <source>%Ln cameras in the register</source>
            <translation>
                <numerusform>%Ln kamera dalam daftar</numerusform>
            </translation>
        </message>
        <message>
            <source>Not in the register any more: %1</source>
            <translation>Sudah tidak terdaftar: %1</translation>
        </message>
        <message>
            <source>Save layout</source>
            <translation>Simpan tata letak</translation>
        </message>
        <message>
            <source>Layout name:</source>
            <translation>Nama tata letak:</translation>
        </message>
        <message>
            <source>Layout saved: %1</source>
            <translation>Tata letak tersimpan: %1</translation>
        </message>
        <message>
            <source>(loading...)</source>
            <translation>(memuat...)</translation>
        </message>
        <message>
            <source>No saved layouts</source>
            <translation>Belum ada tata letak tersimpan</translation>
        </message>
        <message>
            <source>Wall on %1</source>
            <translation>Dinding video di %1</translation>
        </message>
        <message>
            <source>This camera has no PTZ</source>
            <translation>Kamera ini tidak memiliki PTZ</translation>
        </message>
        <message>
            <source>Snapshot saved: %1</source>
            <translation>Tangkapan gambar tersimpan: %1</translation>
        </message>
        <message>
            <source>Live %1 of %2 cameras</source>
            <translation>Online %1 dari %2 kamera</translation>
        </message>
        <message>
            <source>Pick a tile with a camera first</source>
            <translation>Pilih kotak yang berisi kamera terlebih dahulu</translation>
        </message>
        <message>
            <source>QUARANTINED: %1 - scene changed; supervisor review needed</source>
            <translation>DIKARANTINA: %1 - arah pandang berubah; perlu ditinjau supervisor</translation>
        </message>
        <message>
            <source>%n cameras marked private</source>
            <translation>%n kamera ditandai privat</translation>
        </message>
        <message>
            <source>%n cameras no longer private</source>
            <translation>%n kamera tidak lagi privat</translation>
        </message>
        <message>
            <source>Privacy</source>
            <translation>Privasi</translation>
        </message>
        <message>
            <source>Privacy masks of the focused tile...</source>
            <translation>Masker privasi kotak yang dipilih...</translation>
        </message>
        <message>
            <source>Scene review (new cameras, quarantine)...</source>
            <translation>Tinjauan pandangan (kamera baru, karantina)...</translation>
        </message>
        <message>
            <source>Audit trail...</source>
            <translation>Jejak audit...</translation>
        </message>
        <message>
            <source>Users...</source>
            <translation>Pengguna...</translation>
        </message>
        <message>
            <source>Lock session</source>
            <translation>Kunci sesi</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Pengaturan</translation>
        </message>
        <message>
            <source>Settings...</source>
            <translation>Pengaturan...</translation>
        </message>
        <message>
            <source>Camera saved: %1</source>
            <translation>Kamera tersimpan: %1</translation>
        </message>
        <message>
            <source>Remove camera</source>
            <translation>Hapus kamera</translation>
        </message>
        <message>
            <source>Not removed: %1</source>
            <translation>Tidak dihapus: %1</translation>
        </message>
        <message>
            <source>Remove %1 (%2) from the register?

A camera that bookmarks name is retired instead: it leaves the tree and the walls, and its evidence keeps its name and place.</source>
            <translation>Hapus %1 (%2) dari daftar kamera?

Kamera yang disebut oleh penanda dipensiunkan saja: kamera itu keluar dari daftar dan dinding video, dan buktinya tetap menyimpan nama dan tempatnya.</translation>
        </message>
        <message>
            <source>%1 is named by %2 bookmarks: retired (kept with its evidence), not deleted</source>
            <translation>%1 disebut oleh %2 penanda: dipensiunkan (disimpan bersama buktinya), tidak dihapus</translation>
        </message>
        <message>
            <source>Camera removed: %1</source>
            <translation>Kamera dihapus: %1</translation>
        </message>
        <message>
            <source>Add camera...</source>
            <translation>Tambah kamera...</translation>
        </message>
        <message>
            <source>Bookmark (B)</source>
            <translation>Penanda (B)</translation>
        </message>
        <message>
            <source>Bookmark an incident on the focused tile: snapshot and clip</source>
            <translation>Tandai kejadian pada kotak yang dipilih: tangkapan gambar dan klip</translation>
        </message>
        <message>
            <source>Review...</source>
            <translation>Tinjau...</translation>
        </message>
        <message>
            <source>Review bookmarks, build cases, export evidence (Ctrl+R)</source>
            <translation>Tinjau penanda, susun kasus, ekspor bukti (Ctrl+R)</translation>
        </message>
        <message>
            <source>Click a tile first, then press B</source>
            <translation>Klik sebuah kotak dahulu, lalu tekan B</translation>
        </message>
        <message>
            <source>Bookmarked - clip in %1 s</source>
            <translation>Ditandai - klip dalam %1 dtk</translation>
        </message>
        <message>
            <source>Presentation...</source>
            <translation>Paparan...</translation>
        </message>
        <message>
            <source>Briefing editor...</source>
            <translation>Penyusun paparan...</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Bahasa</translation>
        </message>
    </context>
    <context>
        <name>MaskEditor</name>
        <message>
            <source>Privacy masks - %1</source>
            <translation>Masker privasi - %1</translation>
        </message>
        <message>
            <source>Left click: add a point. Right click: close the polygon. Masks are burned into every picture, snapshot and export.</source>
            <translation>Klik kiri: tambah titik. Klik kanan: tutup poligon. Masker melekat pada setiap gambar, tangkapan gambar dan ekspor.</translation>
        </message>
        <message>
            <source>Close polygon</source>
            <translation>Tutup poligon</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Urungkan</translation>
        </message>
        <message>
            <source>Clear all</source>
            <translation>Hapus semua</translation>
        </message>
        <message>
            <source>Lift masks for %1 min...</source>
            <translation>Buka masker selama %1 menit...</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Masks lifted; they return by themselves. The lift is in the audit trail.</source>
            <translation>Masker dibuka; akan kembali dengan sendirinya. Pembukaan tercatat di jejak audit.</translation>
        </message>
    </context>
    <context>
        <name>PatrolBadge</name>
        <message>
            <source>Patrol: starting</source>
            <translation>Patroli: dimulai</translation>
        </message>
        <message>
            <source>Patrol: preset %1/%2</source>
            <translation>Patroli: preset %1/%2</translation>
        </message>
        <message>
            <source>Patrol held</source>
            <translation>Patroli ditahan</translation>
        </message>
        <message>
            <source>Parked at %1</source>
            <translation>Diparkir di %1</translation>
        </message>
    </context>
    <context>
        <name>PatrolBox</name>
        <message>
            <source> s</source>
            <translation> dtk</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Tambah</translation>
        </message>
        <message>
            <source>Add all presets</source>
            <translation>Tambah semua preset</translation>
        </message>
        <message>
            <source>Remove step</source>
            <translation>Hapus langkah</translation>
        </message>
        <message>
            <source>A manual move holds the patrol; it goes on after this long without one</source>
            <translation>Gerakan oleh operator menahan patroli; patroli berlanjut setelah selama ini tanpa gerakan lagi</translation>
        </message>
        <message>
            <source> min</source>
            <translation> mnt</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Start patrol</source>
            <translation>Mulai patroli</translation>
        </message>
        <message>
            <source>Save the patrol and start it from its first preset</source>
            <translation>Simpan patroli dan mulai dari preset pertamanya</translation>
        </message>
        <message>
            <source>Stop patrol</source>
            <translation>Hentikan patroli</translation>
        </message>
        <message>
            <source>Patrol saved</source>
            <translation>Patroli disimpan</translation>
        </message>
        <message>
            <source>Patrol stopped</source>
            <translation>Patroli dihentikan</translation>
        </message>
        <message>
            <source>Resume after idle</source>
            <translation>Lanjut setelah diam</translation>
        </message>
        <message>
            <source>after</source>
            <translation>setelah</translation>
        </message>
        <message>
            <source>Park at</source>
            <translation>Parkir di</translation>
        </message>
        <message>
            <source>Patrol presets, in order, with the dwell at each</source>
            <translation>Preset patroli, berurutan, dengan lama berhenti di masing-masing</translation>
        </message>
        <message>
            <source>(no park)</source>
            <translation>(tanpa parkir)</translation>
        </message>
        <message>
            <source>This camera has no presets yet: save some first</source>
            <translation>Kamera ini belum punya preset: simpan dulu beberapa</translation>
        </message>
        <message>
            <source>%1. %2, %3 s</source>
            <translation>%1. %2, %3 dtk</translation>
        </message>
        <message>
            <source>Add presets to the patrol first</source>
            <translation>Tambahkan dulu preset ke patroli</translation>
        </message>
        <message>
            <source>No patrol running</source>
            <translation>Tidak ada patroli berjalan</translation>
        </message>
        <message>
            <source>Patrol: preset %1/%2 (%3)</source>
            <translation>Patroli: preset %1/%2 (%3)</translation>
        </message>
        <message>
            <source>Patrol: starting</source>
            <translation>Patroli: dimulai</translation>
        </message>
        <message>
            <source>a manual move</source>
            <translation>digerakkan operator</translation>
        </message>
        <message>
            <source>Patrol held (%1); resumes after idle, at %2 at the earliest</source>
            <translation>Patroli ditahan (%1); berlanjut setelah diam, paling cepat pukul %2</translation>
        </message>
        <message>
            <source>Parked at %1</source>
            <translation>Diparkir di %1</translation>
        </message>
        <message>
            <source>No patrol running; parks at %1 at %2 if left alone</source>
            <translation>Tidak ada patroli berjalan; parkir di %1 pukul %2 bila tidak disentuh</translation>
        </message>
        <message>
            <source>Last patrol step failed: %1</source>
            <translation>Langkah patroli terakhir gagal: %1</translation>
        </message>
        <message>
            <source>the camera no longer lists preset %1</source>
            <translation>kamera tidak lagi mencantumkan preset %1</translation>
        </message>
        <message>
            <source>the signed-in role may not use PTZ</source>
            <translation>peran yang masuk tidak boleh memakai PTZ</translation>
        </message>
        <message>
            <source>unexpected failure (details in the log)</source>
            <translation>kegagalan tak terduga (rinciannya di log)</translation>
        </message>
        <message>
            <source>Failed: %1</source>
            <translation>Gagal: %1</translation>
        </message>
        <message>
            <source>the patrol runs on another console (started by %1)</source>
            <translation>patroli berjalan di konsol lain (dimulai oleh %1)</translation>
        </message>
    </context>
    <context>
        <name>PresentationWindow</name>
        <message>
            <source>Briefing: %1</source>
            <translation>Paparan: %1</translation>
        </message>
        <message>
            <source>Slide %1 of %2</source>
            <translation>Tayangan %1 dari %2</translation>
        </message>
        <message>
            <source>End of the briefing.
Page Down starts again, Esc closes.</source>
            <translation>Paparan selesai.
Page Down untuk mengulang, Esc untuk menutup.</translation>
        </message>
        <message>
            <source>Live cameras</source>
            <translation>Tayangan langsung</translation>
        </message>
        <message>
            <source>Camera health map</source>
            <translation>Peta kondisi kamera</translation>
        </message>
        <message>
            <source>Availability</source>
            <translation>Ketersediaan</translation>
        </message>
        <message>
            <source>Key figures</source>
            <translation>Angka utama</translation>
        </message>
        <message>
            <source>Recorded incident</source>
            <translation>Rekaman kejadian</translation>
        </message>
        <message>
            <source>Live video is not available here</source>
            <translation>Video langsung tidak tersedia di sini</translation>
        </message>
        <message>
            <source>Saved layout not found: %1</source>
            <translation>Tata letak tersimpan tidak ditemukan: %1</translation>
        </message>
        <message>
            <source>Not shown in briefings</source>
            <translation>Tidak ditampilkan dalam paparan</translation>
        </message>
        <message>
            <source>The health map is not available in this version</source>
            <translation>Peta kondisi tidak tersedia di versi ini</translation>
        </message>
        <message>
            <source>Availability of all cameras, last %1 hours</source>
            <translation>Ketersediaan seluruh kamera, %1 jam terakhir</translation>
        </message>
        <message>
            <source>online now %1 · %2</source>
            <translation>online saat ini %1 · %2</translation>
        </message>
        <message>
            <source>Recorded clips are not available</source>
            <translation>Klip rekaman tidak tersedia</translation>
        </message>
        <message>
            <source>Loading the clip...</source>
            <translation>Memuat klip...</translation>
        </message>
        <message>
            <source>No clip for this bookmark</source>
            <translation>Tidak ada klip untuk penanda ini</translation>
        </message>
    </context>
    <context>
        <name>PresetBar</name>
        <message>
            <source>Preset name</source>
            <translation>Nama preset</translation>
        </message>
        <message>
            <source>Save walls as preset</source>
            <translation>Simpan dinding sebagai preset</translation>
        </message>
        <message>
            <source>Apply preset</source>
            <translation>Terapkan preset</translation>
        </message>
        <message>
            <source>Wall presets:</source>
            <translation>Preset dinding:</translation>
        </message>
        <message>
            <source>Give the preset a name first.</source>
            <translation>Beri nama preset terlebih dahulu.</translation>
        </message>
        <message>
            <source>Preset %1 saved: %2 monitors</source>
            <translation>Preset %1 disimpan: %2 monitor</translation>
        </message>
        <message>
            <source>Save a preset first.</source>
            <translation>Simpan preset terlebih dahulu.</translation>
        </message>
        <message>
            <source>Applying %1...</source>
            <translation>Menerapkan %1...</translation>
        </message>
        <message>
            <source>%1: shown</source>
            <translation>%1: ditampilkan</translation>
        </message>
        <message>
            <source>%1: refused: %2</source>
            <translation>%1: ditolak: %2</translation>
        </message>
        <message>
            <source>%1: waiting for the agent</source>
            <translation>%1: menunggu agen</translation>
        </message>
        <message>
            <source>Preset %1: %2 shown, %3 refused</source>
            <translation>Preset %1: %2 ditampilkan, %3 ditolak</translation>
        </message>
        <message>
            <source>Refused: %1</source>
            <translation>Ditolak: %1</translation>
        </message>
    </context>
    <context>
        <name>PtzDock</name>
        <message>
            <source>PTZ</source>
            <translation>PTZ</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Coba lagi</translation>
        </message>
        <message>
            <source>Take over</source>
            <translation>Ambil alih</translation>
        </message>
        <message>
            <source>Take PTZ control from the operator who holds it; they are told</source>
            <translation>Ambil kendali PTZ dari operator yang memegangnya; ia akan diberi tahu</translation>
        </message>
        <message>
            <source>Connecting to %1 ...</source>
            <translation>Menghubungkan ke %1 ...</translation>
        </message>
        <message>
            <source>PTZ of %1 is controlled by %2 until %3</source>
            <translation>PTZ %1 dikendalikan oleh %2 sampai %3</translation>
        </message>
        <message>
            <source>PTZ unavailable for %1: %2</source>
            <translation>PTZ tidak tersedia untuk %1: %2</translation>
        </message>
        <message>
            <source>Controls</source>
            <translation>Kendali</translation>
        </message>
        <message>
            <source>Patrol</source>
            <translation>Patroli</translation>
        </message>
        <message>
            <source>%1 (%2) took over PTZ of %3 at %4; controlled by them until %5</source>
            <translation>%1 (%2) mengambil alih PTZ %3 pukul %4; dikendalikan olehnya sampai %5</translation>
        </message>
        <message>
            <source>unexpected failure (details in the log)</source>
            <translation>kegagalan tak terduga (rinciannya di log)</translation>
        </message>
        <message>
            <source>%1: click on the tile to centre that point, drag to pan and tilt, wheel to zoom, arrows and +/-</source>
            <translation>%1: klik pada kotak untuk memusatkan titik itu, seret untuk pan dan tilt, roda mouse untuk zoom, tombol panah dan +/-</translation>
        </message>
    </context>
    <context>
        <name>PtzPanel</name>
        <message>
            <source>Maximum pan/tilt speed</source>
            <translation>Kecepatan pan/tilt maksimum</translation>
        </message>
        <message>
            <source>Zoom +</source>
            <translation>Zoom +</translation>
        </message>
        <message>
            <source>Zoom −</source>
            <translation>Zoom −</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Posisi awal</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Save the current view as a preset: on the camera where it keeps presets, else on this console (local)</source>
            <translation>Simpan tampilan sekarang sebagai preset: di kamera bila kamera menyimpan preset, jika tidak di konsol ini (lokal)</translation>
        </message>
        <message>
            <source>Presets (Ctrl+1 ... Ctrl+9 on the tile)</source>
            <translation>Preset (Ctrl+1 ... Ctrl+9 di tile)</translation>
        </message>
        <message>
            <source>No preset %1</source>
            <translation>Tidak ada preset %1</translation>
        </message>
        <message>
            <source>on the camera</source>
            <translation>di kamera</translation>
        </message>
        <message>
            <source>local</source>
            <translation>lokal</translation>
        </message>
        <message>
            <source>New presets are kept on the camera</source>
            <translation>Preset baru disimpan di kamera</translation>
        </message>
        <message>
            <source>This camera keeps no presets: new ones are kept on this console (local)</source>
            <translation>Kamera ini tidak menyimpan preset: preset baru disimpan di konsol ini (lokal)</translation>
        </message>
        <message>
            <source>Going home</source>
            <translation>Kembali ke posisi awal</translation>
        </message>
        <message>
            <source>Preset name</source>
            <translation>Nama preset</translation>
        </message>
        <message>
            <source>Home position (Home key on the tile); a masked camera is blanked until it is back</source>
            <translation>Posisi awal (tombol Home pada ubin); kamera bermasker dikosongkan sampai kembali ke sana</translation>
        </message>
        <message>
            <source>Go to</source>
            <translation>Menuju</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>Kecepatan</translation>
        </message>
        <message>
            <source>Select a preset first</source>
            <translation>Pilih preset terlebih dahulu</translation>
        </message>
        <message>
            <source>Going to preset %1</source>
            <translation>Menuju preset %1</translation>
        </message>
        <message>
            <source>Type a name for the preset</source>
            <translation>Ketik nama preset</translation>
        </message>
        <message>
            <source>Saved preset %1</source>
            <translation>Preset %1 tersimpan</translation>
        </message>
        <message>
            <source>Removed preset %1</source>
            <translation>Preset %1 dihapus</translation>
        </message>
        <message>
            <source>Zoomed to the drawn box</source>
            <translation>Diperbesar ke kotak yang digambar</translation>
        </message>
        <message>
            <source>Failed: %1</source>
            <translation>Gagal: %1</translation>
        </message>
        <message>
            <source>Last camera error: %1</source>
            <translation>Galat kamera terakhir: %1</translation>
        </message>
        <message>
            <source>Position pan %1 tilt %2 zoom %3 (%4)</source>
            <translation>Posisi pan %1 tilt %2 zoom %3 (%4)</translation>
        </message>
        <message>
            <source>Centred on the clicked point</source>
            <translation>Dipusatkan pada titik yang diklik</translation>
        </message>
        <message>
            <source>unexpected failure (details in the log)</source>
            <translation>kegagalan tak terduga (rinciannya di log)</translation>
        </message>
    </context>
    <context>
        <name>PtzWords</name>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>%1 is not supported by this camera (%2)</source>
            <translation>%1 tidak didukung oleh kamera ini (%2)</translation>
        </message>
        <message>
            <source>%1 is not supported by this camera</source>
            <translation>%1 tidak didukung oleh kamera ini</translation>
        </message>
        <message>
            <source>%1: the camera refused the credentials (%2)</source>
            <translation>%1: kamera menolak kredensial (%2)</translation>
        </message>
        <message>
            <source>%1: the camera refused the credentials</source>
            <translation>%1: kamera menolak kredensial</translation>
        </message>
        <message>
            <source>%1: no answer within %2</source>
            <translation>%1: tidak ada jawaban dalam %2</translation>
        </message>
        <message>
            <source>%1: camera unreachable (%2)</source>
            <translation>%1: kamera tidak dapat dihubungi (%2)</translation>
        </message>
        <message>
            <source>%1: the camera answered %2</source>
            <translation>%1: kamera menjawab %2</translation>
        </message>
        <message>
            <source>%1: camera reported a fault: %2</source>
            <translation>%1: kamera melaporkan kesalahan: %2</translation>
        </message>
        <message>
            <source>%1: the camera's reply does not parse (%2)</source>
            <translation>%1: jawaban kamera tidak dapat dibaca (%2)</translation>
        </message>
        <message>
            <source>%1: current position unknown (%2)</source>
            <translation>%1: posisi saat ini tidak diketahui (%2)</translation>
        </message>
        <message>
            <source>connection refused</source>
            <translation>koneksi ditolak</translation>
        </message>
        <message>
            <source>no route to the camera</source>
            <translation>tidak ada rute ke kamera</translation>
        </message>
        <message>
            <source>network unreachable</source>
            <translation>jaringan tidak terjangkau</translation>
        </message>
        <message>
            <source>connection timed out</source>
            <translation>waktu koneksi habis</translation>
        </message>
        <message>
            <source>connection reset by the camera</source>
            <translation>koneksi diputus oleh kamera</translation>
        </message>
        <message>
            <source>address not available</source>
            <translation>alamat tidak tersedia</translation>
        </message>
        <message>
            <source>the camera closed the connection</source>
            <translation>kamera menutup koneksi</translation>
        </message>
        <message>
            <source>the camera closed the connection without answering</source>
            <translation>kamera menutup koneksi tanpa menjawab</translation>
        </message>
        <message>
            <source>host name not found</source>
            <translation>nama host tidak ditemukan</translation>
        </message>
        <message>
            <source>connection failed</source>
            <translation>koneksi gagal</translation>
        </message>
        <message>
            <source>the time limit</source>
            <translation>batas waktu</translation>
        </message>
        <message>
            <source>invalid XML</source>
            <translation>XML tidak valid</translation>
        </message>
        <message>
            <source>unexpected content</source>
            <translation>isi tak terduga</translation>
        </message>
        <message>
            <source>unexpected failure (details in the log)</source>
            <translation>kegagalan tak terduga (rinciannya di log)</translation>
        </message>
        <message>
            <source>not advertised by the camera</source>
            <translation>tidak diumumkan oleh kamera</translation>
        </message>
        <message>
            <source>the camera lists no media profile</source>
            <translation>kamera tidak mencantumkan profil media</translation>
        </message>
        <message>
            <source>no PTZ node listed</source>
            <translation>tidak ada simpul PTZ yang tercantum</translation>
        </message>
        <message>
            <source>not connected</source>
            <translation>tidak terhubung</translation>
        </message>
    </context>
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <source>Alias</source>
            <translation>Alias</translation>
        </message>
        <message>
            <source>Drive</source>
            <translation>Diska</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Berkas</translation>
        </message>
        <message>
            <source>File Folder</source>
            <translation>Folder berkas</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Folder</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>Pintasan</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Tidak dikenal</translation>
        </message>
    </context>
    <context>
        <name>QDialogButtonBox</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
            <translation>%1
Folder tidak ditemukan.
Periksa apakah nama folder sudah benar.</translation>
        </message>
        <message>
            <source>%1
File not found.
Please verify the correct file name was given.</source>
            <translation>%1
Berkas tidak ditemukan.
Periksa apakah nama berkas sudah benar.</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation>%1 sudah ada.
Ganti berkas itu?</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation>&amp;Pilih</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Hapus</translation>
        </message>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Cari di:</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation>Folder &amp;baru</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Buka</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>&amp;Ganti nama</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Simpan</translation>
        </message>
        <message>
            <source>'%1' is write protected.
Do you want to delete it anyway?</source>
            <translation>'%1' dilindungi dari penulisan.
Tetap hapus?</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>Semua berkas (*)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Semua berkas (*)</translation>
        </message>
        <message>
            <source>Are you sure you want to delete '%1'?</source>
            <translation>Yakin ingin menghapus '%1'?</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Kembali</translation>
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation>Ganti ke tampilan rinci</translation>
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation>Ganti ke tampilan daftar</translation>
        </message>
        <message>
            <source>Could not delete directory.</source>
            <translation>Folder tidak dapat dihapus.</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translation>Buat folder baru</translation>
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation>Buat folder baru</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translation>Tampilan rinci</translation>
        </message>
        <message>
            <source>Directories</source>
            <translation>Folder</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>Folder:</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>&amp;Nama berkas:</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>Berkas</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>&amp;Jenis berkas:</translation>
        </message>
        <message>
            <source>Find Directory</source>
            <translation>Cari folder</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Maju</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>Kembali</translation>
        </message>
        <message>
            <source>Go forward</source>
            <translation>Maju</translation>
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation>Ke folder induk</translation>
        </message>
        <message>
            <source>List View</source>
            <translation>Tampilan daftar</translation>
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation>Daftar tempat dan markah</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>Folder baru</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Buka</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translation>Folder induk</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translation>Tempat terakhir</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Save As</source>
            <translation>Simpan sebagai</translation>
        </message>
        <message>
            <source>Show </source>
            <translation>Tampilkan </translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation>Tampilkan berkas &amp;tersembunyi</translation>
        </message>
        <message>
            <source>Sidebar</source>
            <translation>Bilah samping</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Computer</source>
            <translation>Komputer</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translation>Tanggal diubah</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Jenis</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>Komputer saya</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Ukuran</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Jenis</translation>
        </message>
    </context>
    <context>
        <name>QInputDialog</name>
        <message>
            <source>Enter a value:</source>
            <translation>Masukkan nilai:</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Salin</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Tempel</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Ulangi</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Batalkan</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Potong</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Pilih semua</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Hide Details...</source>
            <translation>Sembunyikan rincian...</translation>
        </message>
        <message>
            <source>Show Details...</source>
            <translation>Tampilkan rincian...</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Tutup</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Terapkan</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Ya</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Tidak</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Buka</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Buang</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Atur ulang</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Bantuan</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Hentikan</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Abaikan</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>&amp;Tidak untuk semua</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Kembalikan bawaan</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Coba lagi</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Simpan semua</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Ya untuk &amp;semua</translation>
        </message>
    </context>
    <context>
        <name>QProgressDialog</name>
        <message>
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Salin</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Tempel</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Ulangi</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Batalkan</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Salin alamat &amp;tautan</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Potong</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Pilih semua</translation>
        </message>
    </context>
    <context>
        <name>QuarantineReview</name>
        <message>
            <source>Scene review: new cameras and quarantine</source>
            <translation>Tinjauan pandangan: kamera baru dan karantina</translation>
        </message>
        <message>
            <source>Current still (live, not shown)</source>
            <translation>Gambar terkini (langsung, tidak ditayangkan)</translation>
        </message>
        <message>
            <source>Select an area:</source>
            <translation>Pilih wilayah:</translation>
        </message>
        <message>
            <source>&amp;Approve selected</source>
            <translation>&amp;Setujui yang dipilih</translation>
        </message>
        <message>
            <source>Keep blocked</source>
            <translation>Tetap diblokir</translation>
        </message>
        <message>
            <source>(choose)</source>
            <translation>(pilih)</translation>
        </message>
        <message>
            <source>All cameras</source>
            <translation>Semua kamera</translation>
        </message>
        <message>
            <source>%1 new cameras wait for their first picture's approval; %2 quarantined</source>
            <translation>%1 kamera baru menunggu persetujuan gambar pertamanya; %2 dikarantina</translation>
        </message>
        <message>
            <source>No camera waits for a review.</source>
            <translation>Tidak ada kamera yang menunggu tinjauan.</translation>
        </message>
        <message>
            <source>QUARANTINED</source>
            <translation>DIKARANTINA</translation>
        </message>
        <message>
            <source>Needs reference</source>
            <translation>Perlu referensi</translation>
        </message>
        <message>
            <source>&amp;Approve selected (%n)</source>
            <translation>&amp;Setujui yang dipilih (%n)</translation>
        </message>
        <message>
            <source>Reference: %1</source>
            <translation>Referensi: %1</translation>
        </message>
        <message>
            <source>no reference yet</source>
            <translation>belum ada referensi</translation>
        </message>
        <message>
            <source>Picture at quarantine, %1 (%2)</source>
            <translation>Gambar saat dikarantina, %1 (%2)</translation>
        </message>
        <message>
            <source>First picture, taken %1: approve it to make it the reference</source>
            <translation>Gambar pertama, diambil %1: setujui agar menjadi referensi</translation>
        </message>
        <message>
            <source>picture not saved yet</source>
            <translation>gambar belum tersimpan</translation>
        </message>
        <message>
            <source>none (the camera has never been approved)</source>
            <translation>tidak ada (kamera ini belum pernah disetujui)</translation>
        </message>
        <message>
            <source>Trusted at migration, %1 (first picture, not reviewed)</source>
            <translation>Dipercaya saat migrasi, %1 (gambar pertama, tidak ditinjau)</translation>
        </message>
        <message>
            <source>Approved by %1 on %2</source>
            <translation>Disetujui oleh %1 pada %2</translation>
        </message>
        <message>
            <source>not on a wall now: no current picture</source>
            <translation>tidak sedang di dinding: tidak ada gambar terkini</translation>
        </message>
        <message numerus="yes">
            <source>%Ln approved; each approval is in the audit trail.</source>
            <translation>
                <numerusform>%Ln disetujui; setiap persetujuan tercatat di jejak audit.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln stay blocked; noted in the audit trail.</source>
            <translation>
                <numerusform>%Ln tetap diblokir; tercatat di jejak audit.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RecorderBox</name>
        <message>
            <source>Recorder</source>
            <translation>Perekam</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Tidak ada</translation>
        </message>
        <message>
            <source>ONVIF Profile G recorder</source>
            <translation>Perekam ONVIF Profil G</translation>
        </message>
        <message>
            <source>Hikvision playback URL</source>
            <translation>URL pemutaran Hikvision</translation>
        </message>
        <message>
            <source>Dahua playback URL</source>
            <translation>URL pemutaran Dahua</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Jenis</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Alamat</translation>
        </message>
        <message>
            <source>empty: found by search</source>
            <translation>kosong: dicari otomatis</translation>
        </message>
        <message>
            <source>Recording token</source>
            <translation>Kode rekaman</translation>
        </message>
        <message>
            <source>The time zone the recorder's clock is set to</source>
            <translation>Zona waktu jam perekam</translation>
        </message>
        <message>
            <source>Time zone</source>
            <translation>Zona waktu</translation>
        </message>
        <message>
            <source>The recorder's clock minus the true time, in seconds</source>
            <translation>Jam perekam dikurangi waktu sebenarnya, dalam detik</translation>
        </message>
        <message>
            <source>Clock offset (s)</source>
            <translation>Selisih jam (detik)</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Pengguna</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Kata sandi</translation>
        </message>
        <message>
            <source>host:port of the recorder's ONVIF service</source>
            <translation>host:port layanan ONVIF perekam</translation>
        </message>
        <message>
            <source>The playback URL; %1 and %2 are replaced by the start and end times</source>
            <translation>URL pemutaran; %1 dan %2 diganti dengan waktu mulai dan selesai</translation>
        </message>
        <message>
            <source>stored; leave empty to keep it</source>
            <translation>tersimpan; kosongkan untuk mempertahankannya</translation>
        </message>
        <message>
            <source>The clock offset is a number of seconds, e.g. -12.5.</source>
            <translation>Selisih jam berupa angka detik, mis. -12,5.</translation>
        </message>
        <message>
            <source> and </source>
            <translation> dan </translation>
        </message>
        <message>
            <source>The playback URL needs %1 (where the start and end times go).</source>
            <translation>URL pemutaran perlu %1 (tempat waktu mulai dan selesai).</translation>
        </message>
        <message>
            <source>Unknown time zone %1; e.g. Asia/Jakarta or UTC.</source>
            <translation>Zona waktu %1 tidak dikenal; mis. Asia/Jakarta atau UTC.</translation>
        </message>
        <message>
            <source>The camera needs an id first.</source>
            <translation>Kamera perlu id terlebih dahulu.</translation>
        </message>
        <message>
            <source>The recorder needs an address.</source>
            <translation>Perekam perlu alamat.</translation>
        </message>
        <message>
            <source>The address must not carry a user name or password; use the User and Password fields.</source>
            <translation>Alamat tidak boleh memuat nama pengguna atau kata sandi; isi kolom Pengguna dan Kata sandi.</translation>
        </message>
        <message>
            <source>A playback URL starts with rtsp:// or rtsps://.</source>
            <translation>URL pemutaran diawali rtsp:// atau rtsps://.</translation>
        </message>
        <message>
            <source>An ONVIF recorder's address is host:port, without rtsp:// or http://.</source>
            <translation>Alamat perekam ONVIF berupa host:port, tanpa rtsp:// atau http://.</translation>
        </message>
        <message>
            <source>The clock offset is more than a week.</source>
            <translation>Selisih jam lebih dari satu minggu.</translation>
        </message>
    </context>
    <context>
        <name>Refusal</name>
        <message>
            <source>operator</source>
            <translation>operator</translation>
        </message>
        <message>
            <source>supervisor</source>
            <translation>supervisor</translation>
        </message>
        <message>
            <source>liaison officer</source>
            <translation>petugas penghubung</translation>
        </message>
        <message>
            <source>presenter</source>
            <translation>penyaji</translation>
        </message>
        <message>
            <source>administrator</source>
            <translation>administrator</translation>
        </message>
        <message>
            <source>watch live cameras</source>
            <translation>menonton kamera langsung</translation>
        </message>
        <message>
            <source>open any camera</source>
            <translation>membuka kamera mana pun</translation>
        </message>
        <message>
            <source>watch private cameras</source>
            <translation>menonton kamera privat</translation>
        </message>
        <message>
            <source>steer PTZ cameras</source>
            <translation>menggerakkan kamera PTZ</translation>
        </message>
        <message>
            <source>take PTZ control from another operator</source>
            <translation>mengambil kendali PTZ dari operator lain</translation>
        </message>
        <message>
            <source>bookmark incidents</source>
            <translation>menandai kejadian</translation>
        </message>
        <message>
            <source>review recorded clips</source>
            <translation>meninjau klip rekaman</translation>
        </message>
        <message>
            <source>export evidence</source>
            <translation>mengekspor barang bukti</translation>
        </message>
        <message>
            <source>export evidence without masks</source>
            <translation>mengekspor barang bukti tanpa masker</translation>
        </message>
        <message>
            <source>edit privacy masks</source>
            <translation>mengubah masker privasi</translation>
        </message>
        <message>
            <source>lift a privacy mask</source>
            <translation>membuka masker privasi</translation>
        </message>
        <message>
            <source>approve scene references</source>
            <translation>menyetujui referensi adegan</translation>
        </message>
        <message>
            <source>read the audit trail</source>
            <translation>membaca jejak audit</translation>
        </message>
        <message>
            <source>manage users</source>
            <translation>mengelola pengguna</translation>
        </message>
        <message>
            <source>change settings</source>
            <translation>mengubah pengaturan</translation>
        </message>
        <message>
            <source>import the camera register</source>
            <translation>mengimpor daftar kamera</translation>
        </message>
        <message>
            <source>edit cameras</source>
            <translation>mengubah kamera</translation>
        </message>
        <message>
            <source>export the camera register</source>
            <translation>mengekspor daftar kamera</translation>
        </message>
        <message>
            <source>check the health of every camera</source>
            <translation>memeriksa kondisi semua kamera</translation>
        </message>
        <message>
            <source>read availability reports</source>
            <translation>membaca laporan ketersediaan</translation>
        </message>
        <message>
            <source>back up the database</source>
            <translation>mencadangkan basis data</translation>
        </message>
        <message>
            <source>edit tours</source>
            <translation>mengubah tur</translation>
        </message>
        <message>
            <source>acknowledge alerts</source>
            <translation>menandai peringatan sudah dilihat</translation>
        </message>
        <message>
            <source>edit briefings</source>
            <translation>mengubah paparan</translation>
        </message>
        <message>
            <source>drive walls</source>
            <translation>mengendalikan dinding video</translation>
        </message>
        <message>
            <source>take control of a wall from another console</source>
            <translation>mengambil alih kendali dinding video dari konsol lain</translation>
        </message>
        <message>
            <source>the disk is full</source>
            <translation>disk penuh</translation>
        </message>
        <message>
            <source>the disk quota is used up</source>
            <translation>kuota disk habis</translation>
        </message>
        <message>
            <source>no permission to write or read there</source>
            <translation>tidak ada izin menulis atau membaca di sana</translation>
        </message>
        <message>
            <source>the disk is read-only</source>
            <translation>disk hanya bisa dibaca</translation>
        </message>
        <message>
            <source>no such file or folder</source>
            <translation>berkas atau folder tidak ada</translation>
        </message>
        <message>
            <source>a part of the path is not a folder</source>
            <translation>sebagian jalur bukan folder</translation>
        </message>
        <message>
            <source>that is a folder, not a file</source>
            <translation>itu folder, bukan berkas</translation>
        </message>
        <message>
            <source>it exists already</source>
            <translation>sudah ada</translation>
        </message>
        <message>
            <source>the disk could not be read or written (it may be failing)</source>
            <translation>disk tidak dapat dibaca atau ditulisi (mungkin rusak)</translation>
        </message>
        <message>
            <source>the name is too long for this disk</source>
            <translation>nama terlalu panjang untuk disk ini</translation>
        </message>
        <message>
            <source>the disk is no longer there</source>
            <translation>disk sudah tidak terpasang</translation>
        </message>
        <message>
            <source> or </source>
            <translation> atau </translation>
        </message>
        <message>
            <source>%1 (role %2) may not %3</source>
            <translation>%1 (peran %2) tidak boleh %3</translation>
        </message>
    </context>
    <context>
        <name>ReplayActions</name>
        <message>
            <source>Instant replay: last 30 s (R)</source>
            <translation>Putar ulang instan: 30 dtk terakhir (R)</translation>
        </message>
        <message>
            <source>Play from &amp;recorder...</source>
            <translation>Putar dari pe&amp;rekam...</translation>
        </message>
        <message>
            <source>&amp;Instant replay: last 30 s (R)</source>
            <translation>Putar ulang &amp;instan: 30 dtk terakhir (R)</translation>
        </message>
        <message>
            <source>Click a tile with a camera first, then press R</source>
            <translation>Klik kotak yang berkamera dulu, lalu tekan R</translation>
        </message>
        <message>
            <source>%1 is not in the register</source>
            <translation>%1 tidak ada di register</translation>
        </message>
        <message>
            <source>Asking the recorder for %1...</source>
            <translation>Meminta rekaman %1 ke perekam...</translation>
        </message>
        <message>
            <source>%1 has no recording on a recorder</source>
            <translation>%1 tidak punya rekaman di perekam</translation>
        </message>
        <message>
            <source>The recorder did not answer: %1</source>
            <translation>Perekam tidak menjawab: %1</translation>
        </message>
        <message>
            <source>Playing %1 from the recorder</source>
            <translation>Memutar %1 dari perekam</translation>
        </message>
    </context>
    <context>
        <name>ReplayWindow</name>
        <message>
            <source>Play from recorder</source>
            <translation>Putar dari perekam</translation>
        </message>
        <message>
            <source>{speed}x reverse</source>
            <translation>{speed}x mundur</translation>
        </message>
        <message>
            <source>Play from here</source>
            <translation>Putar dari sini</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Berhenti</translation>
        </message>
        <message>
            <source>Back to live</source>
            <translation>Kembali ke tayangan langsung</translation>
        </message>
        <message>
            <source>Stop the replay and close this window; the wall stays live</source>
            <translation>Hentikan pemutaran ulang dan tutup jendela ini; dinding tetap menayangkan tayangan langsung</translation>
        </message>
        <message>
            <source>Pick a recording, an instant and a speed</source>
            <translation>Pilih rekaman, waktu dan kecepatan</translation>
        </message>
        <message>
            <source>No recording to play</source>
            <translation>Tidak ada rekaman untuk diputar</translation>
        </message>
        <message>
            <source>Playing {name} from {at} at {speed}</source>
            <translation>Memutar {name} dari {at} dengan kecepatan {speed}</translation>
        </message>
        <message>
            <source>Stopped</source>
            <translation>Dihentikan</translation>
        </message>
        <message>
            <source>The recorder refuses replay: {detail}</source>
            <translation>Perekam menolak pemutaran ulang: {detail}</translation>
        </message>
        <message>
            <source>Replay ended: {detail}</source>
            <translation>Pemutaran ulang berakhir: {detail}</translation>
        </message>
    </context>
    <context>
        <name>ReportSchedule</name>
        <message>
            <source>Scheduled report written: %1</source>
            <translation>Laporan terjadwal sudah ditulis: %1</translation>
        </message>
        <message>
            <source>Scheduled report not written: the folder %1 does not exist (Settings &gt; Scheduled report). It is tried again in 10 minutes.</source>
            <translation>Laporan terjadwal tidak ditulis: folder %1 tidak ada (Pengaturan &gt; Laporan terjadwal). Dicoba lagi dalam 10 menit.</translation>
        </message>
        <message>
            <source>Scheduled report not written: the folder %1 may not be written to. It is tried again in 10 minutes.</source>
            <translation>Laporan terjadwal tidak ditulis: folder %1 tidak boleh ditulisi. Dicoba lagi dalam 10 menit.</translation>
        </message>
        <message>
            <source>Scheduled report not written: the disk of %1 is full. It is tried again in 10 minutes.</source>
            <translation>Laporan terjadwal tidak ditulis: disk untuk %1 penuh. Dicoba lagi dalam 10 menit.</translation>
        </message>
        <message>
            <source>Scheduled report not written into %1 (see the log). It is tried again in 10 minutes.</source>
            <translation>Laporan terjadwal tidak ditulis ke %1 (lihat log). Dicoba lagi dalam 10 menit.</translation>
        </message>
    </context>
    <context>
        <name>ReviewWindow</name>
        <message>
            <source>videowall - incident review</source>
            <translation>videowall - tinjauan kejadian</translation>
        </message>
        <message>
            <source>Area (kecamatan...)</source>
            <translation>Wilayah (kecamatan...)</translation>
        </message>
        <message>
            <source>Camera id</source>
            <translation>ID kamera</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Waktu</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <source>Area</source>
            <translation>Wilayah</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Kategori</translation>
        </message>
        <message>
            <source>P</source>
            <translation>P</translation>
        </message>
        <message>
            <source>Clip</source>
            <translation>Klip</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>Kasus</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Catatan</translation>
        </message>
        <message>
            <source>pending</source>
            <translation>menunggu</translation>
        </message>
        <message>
            <source>saved</source>
            <translation>tersimpan</translation>
        </message>
        <message>
            <source>partial</source>
            <translation>sebagian</translation>
        </message>
        <message>
            <source>none</source>
            <translation>tidak ada</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>gagal</translation>
        </message>
        <message>
            <source>Search notes and tags</source>
            <translation>Cari catatan dan tag</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>Semua kategori</translation>
        </message>
        <message>
            <source>All bookmarks</source>
            <translation>Semua penanda</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Dari</translation>
        </message>
        <message>
            <source>to</source>
            <translation>sampai</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Cari</translation>
        </message>
        <message>
            <source>New case from selection...</source>
            <translation>Kasus baru dari pilihan...</translation>
        </message>
        <message>
            <source>Add selection to case</source>
            <translation>Tambahkan pilihan ke kasus</translation>
        </message>
        <message>
            <source>Close case</source>
            <translation>Tutup kasus</translation>
        </message>
        <message>
            <source>Export...</source>
            <translation>Ekspor...</translation>
        </message>
        <message>
            <source>Hand over...</source>
            <translation>Serahkan...</translation>
        </message>
        <message>
            <source>Delete bookmark</source>
            <translation>Hapus penanda</translation>
        </message>
        <message>
            <source>Play from &amp;recorder</source>
            <translation>Putar dari pe&amp;rekam</translation>
        </message>
        <message>
            <source>Export the chosen case, or the selected bookmarks (Ctrl+E)</source>
            <translation>Ekspor kasus yang dipilih, atau penanda yang dipilih (Ctrl+E)</translation>
        </message>
        <message>
            <source>Case notes</source>
            <translation>Catatan kasus</translation>
        </message>
        <message>
            <source>Save case notes</source>
            <translation>Simpan catatan kasus</translation>
        </message>
        <message numerus="yes">
            <source>%Ln bookmarks</source>
            <translation>
                <numerusform>%Ln penanda</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a bookmark first</source>
            <translation>Pilih penanda dulu</translation>
        </message>
        <message numerus="yes">
            <source>Delete %Ln bookmarks with their clips and snapshots? This is recorded in the audit trail.</source>
            <translation>
                <numerusform>Hapus %Ln penanda beserta klip dan cuplikannya? Ini dicatat di jejak audit.</numerusform>
            </translation>
        </message>
        <message>
            <source> (closed)</source>
            <translation> (ditutup)</translation>
        </message>
        <message>
            <source>no clip</source>
            <translation>tanpa klip</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>Opening the clip...</source>
            <translation>Membuka klip...</translation>
        </message>
        <message>
            <source>New case</source>
            <translation>Kasus baru</translation>
        </message>
        <message>
            <source>Case number (e.g. LP/123/V/2025):</source>
            <translation>Nomor kasus (mis. LP/123/V/2025):</translation>
        </message>
        <message>
            <source>Title:</source>
            <translation>Judul:</translation>
        </message>
        <message>
            <source>Case %1 created</source>
            <translation>Kasus %1 dibuat</translation>
        </message>
        <message>
            <source>Choose a case in the case list first</source>
            <translation>Pilih kasus di daftar kasus terlebih dahulu</translation>
        </message>
        <message>
            <source>Added to %1</source>
            <translation>Ditambahkan ke %1</translation>
        </message>
        <message>
            <source>Notes saved</source>
            <translation>Catatan tersimpan</translation>
        </message>
        <message>
            <source>Case %1 closed</source>
            <translation>Kasus %1 ditutup</translation>
        </message>
        <message>
            <source>Choose a case, or select bookmarks, to export</source>
            <translation>Pilih kasus, atau pilih penanda, untuk diekspor</translation>
        </message>
        <message>
            <source>Exporting to %1...</source>
            <translation>Mengekspor ke %1...</translation>
        </message>
        <message>
            <source>Cancelling the export...</source>
            <translation>Membatalkan ekspor...</translation>
        </message>
        <message>
            <source>Exported %1 files to %2</source>
            <translation>%1 berkas diekspor ke %2</translation>
        </message>
        <message>
            <source>Export cancelled; nothing was written to %1</source>
            <translation>Ekspor dibatalkan; tidak ada yang ditulis ke %1</translation>
        </message>
        <message>
            <source>Hand over</source>
            <translation>Serah terima</translation>
        </message>
        <message>
            <source>Receiving officer (name, rank, unit):</source>
            <translation>Petugas penerima (nama, pangkat, satuan):</translation>
        </message>
        <message>
            <source>Case %1 handed over to %2</source>
            <translation>Kasus %1 diserahkan kepada %2</translation>
        </message>
        <message>
            <source>Bookmark deleted</source>
            <translation>Penanda dihapus</translation>
        </message>
    </context>
    <context>
        <name>SettingsCatalogue</name>
        <message>
            <source>City time zone (reports, evidence, clocks)</source>
            <translation>Zona waktu kota (laporan, barang bukti, jam)</translation>
        </message>
        <message>
            <source>A bookmark's clip starts this long before it (seconds)</source>
            <translation>Klip sebuah penanda mulai sekian lama sebelumnya (detik)</translation>
        </message>
        <message>
            <source>and ends this long after it (seconds)</source>
            <translation>dan berakhir sekian lama sesudahnya (detik)</translation>
        </message>
        <message>
            <source>Pre-event buffer on disk, at most (MB)</source>
            <translation>Penyangga sebelum kejadian di penyimpanan, paling banyak (megabita)</translation>
        </message>
        <message>
            <source>Record the main stream for evidence while tiles show the sub stream</source>
            <translation>Rekam aliran utama untuk barang bukti selama kotak menampilkan aliran kedua</translation>
        </message>
        <message>
            <source>Language of the console (from its next start; the toolbar's Language menu switches at once)</source>
            <translation>Bahasa konsol (mulai saat konsol dibuka lagi; menu Bahasa di bilah alat langsung mengganti)</translation>
        </message>
        <message>
            <source>Give up on a camera with no first picture after (seconds)</source>
            <translation>Hentikan percobaan kamera yang belum mengirim gambar pertama setelah (detik)</translation>
        </message>
        <message>
            <source>A picture that does not change is frozen after (seconds)</source>
            <translation>Gambar yang tidak berubah dianggap beku setelah (detik)</translation>
        </message>
        <message>
            <source>Reconnect a camera that sends nothing after (seconds)</source>
            <translation>Sambungkan ulang kamera yang tidak mengirim apa pun setelah (detik)</translation>
        </message>
        <message>
            <source>An all-black picture is "no video" after (seconds)</source>
            <translation>Gambar yang serba hitam menjadi "tanpa video" setelah (detik)</translation>
        </message>
        <message>
            <source>Alert when a camera stays dark for (seconds)</source>
            <translation>Beri peringatan bila kamera padam selama (detik)</translation>
        </message>
        <message>
            <source>Keep a camera connected after its last tile closes (seconds; switching back is instant)</source>
            <translation>Tetap sambungkan kamera setelah ubin terakhirnya ditutup (detik; kembali ke kamera itu langsung tampil)</translation>
        </message>
        <message>
            <source>Cameras kept connected that way, at most</source>
            <translation>Kamera yang tetap tersambung seperti itu, paling banyak</translation>
        </message>
        <message>
            <source>PTZ: a camera stays with its operator after their last command (seconds)</source>
            <translation>PTZ: kamera tetap dipegang operatornya setelah perintah terakhir (detik)</translation>
        </message>
        <message>
            <source>Lock the console after minutes without input</source>
            <translation>Kunci konsol setelah sekian menit tanpa masukan</translation>
        </message>
        <message>
            <source>Wrong passwords before a name is locked</source>
            <translation>Jumlah kata sandi salah sebelum nama dikunci</translation>
        </message>
        <message>
            <source>First lockout (seconds; doubles each time)</source>
            <translation>Penguncian pertama (detik; berlipat dua setiap kali)</translation>
        </message>
        <message>
            <source>Longest lockout (seconds)</source>
            <translation>Penguncian terlama (detik)</translation>
        </message>
        <message>
            <source>A locked console keeps showing public cameras</source>
            <translation>Konsol yang terkunci tetap menampilkan kamera publik</translation>
        </message>
        <message>
            <source>Trust first pictures as scene references (migration only; no review)</source>
            <translation>Percayai gambar pertama sebagai referensi adegan (hanya untuk migrasi; tanpa peninjauan)</translation>
        </message>
        <message>
            <source>Back up every (hours; 0 = never)</source>
            <translation>Cadangkan setiap (jam; 0 = tidak pernah)</translation>
        </message>
        <message>
            <source>Backups kept</source>
            <translation>Jumlah cadangan yang disimpan</translation>
        </message>
        <message>
            <source>Backup folder (empty: beside the database)</source>
            <translation>Folder cadangan (kosong: di samping basis data)</translation>
        </message>
        <message>
            <source>City plan image under the health map (PNG or JPEG; empty: none)</source>
            <translation>Gambar peta kota di bawah peta kondisi (PNG atau JPEG; kosong: tidak ada)</translation>
        </message>
        <message>
            <source>Its top-left and bottom-right corners as lat,lon lat,lon (e.g. -6.93,110.30 -7.12,110.50)</source>
            <translation>Sudut kiri atas dan kanan bawahnya sebagai lintang,bujur lintang,bujur (mis. -6.93,110.30 -7.12,110.50)</translation>
        </message>
        <message>
            <source>Write the availability report as a PDF</source>
            <translation>Tulis laporan ketersediaan sebagai PDF</translation>
        </message>
        <message>
            <source>At this hour, city time (0-23)</source>
            <translation>Pada jam ini, waktu kota (0-23)</translation>
        </message>
        <message>
            <source>Into this folder (empty: reports/ beside the database)</source>
            <translation>Ke folder ini (kosong: reports/ di samping basis data)</translation>
        </message>
        <message>
            <source>In this language</source>
            <translation>Dalam bahasa ini</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>Tidak pernah</translation>
        </message>
        <message>
            <source>Every day (the last 24 hours)</source>
            <translation>Setiap hari (24 jam terakhir)</translation>
        </message>
        <message>
            <source>Every Monday (the last 7 days)</source>
            <translation>Setiap Senin (7 hari terakhir)</translation>
        </message>
        <message>
            <source>The console's language</source>
            <translation>Bahasa konsol</translation>
        </message>
        <message>
            <source>Steer PTZ with a USB joystick (picked up when plugged in)</source>
            <translation>Kendalikan PTZ dengan joystick USB (dikenali saat dicolokkan)</translation>
        </message>
        <message>
            <source>Dead zone (% of the stick's travel that moves nothing)</source>
            <translation>Zona mati (% gerak tuas yang tidak menggerakkan apa pun)</translation>
        </message>
        <message>
            <source>Speed curve (1 = straight; 2 or more = finer near the centre)</source>
            <translation>Kurva kecepatan (1 = lurus; 2 atau lebih = lebih halus di dekat tengah)</translation>
        </message>
        <message>
            <source>Top speed (% of the camera's fastest)</source>
            <translation>Kecepatan tertinggi (% dari kecepatan maksimum kamera)</translation>
        </message>
        <message>
            <source>Axes (pan=N tilt=N zoom=N)</source>
            <translation>Sumbu (pan=N tilt=N zoom=N)</translation>
        </message>
        <message>
            <source>Buttons (N=action; the user guide lists the actions)</source>
            <translation>Tombol (N=aksi; daftar aksi ada di panduan pengguna)</translation>
        </message>
        <message>
            <source>Inverted axes (pan, tilt, zoom; empty: none)</source>
            <translation>Sumbu terbalik (pan, tilt, zoom; kosong: tidak ada)</translation>
        </message>
        <message>
            <source>A lost camera is retried at least every (seconds; a probe brings it back sooner)</source>
            <translation>Kamera yang terputus dicoba lagi paling lambat setiap (detik; pemeriksaan mengembalikannya lebih cepat)</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>General</source>
            <translation>Umum</translation>
        </message>
        <message>
            <source>Streams</source>
            <translation>Aliran</translation>
        </message>
        <message>
            <source>Sign-in and lock</source>
            <translation>Masuk dan penguncian</translation>
        </message>
        <message>
            <source>Privacy</source>
            <translation>Privasi</translation>
        </message>
        <message>
            <source>Backups</source>
            <translation>Cadangan</translation>
        </message>
        <message>
            <source>Health map</source>
            <translation>Peta kondisi</translation>
        </message>
        <message>
            <source>Scheduled report</source>
            <translation>Laporan terjadwal</translation>
        </message>
        <message>
            <source>Evidence</source>
            <translation>Barang bukti</translation>
        </message>
        <message>
            <source>PTZ joystick</source>
            <translation>Joystick PTZ</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Pengaturan</translation>
        </message>
        <message>
            <source>Reading the settings...</source>
            <translation>Membaca pengaturan...</translation>
        </message>
        <message>
            <source>Only an administrator changes these settings; they are shown read-only.</source>
            <translation>Hanya administrator yang dapat mengubah pengaturan ini; pengaturan ditampilkan hanya-baca.</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Tutup</translation>
        </message>
        <message>
            <source>This installation</source>
            <translation>Instalasi ini</translation>
        </message>
        <message>
            <source>no signing key: exports are not signed</source>
            <translation>tidak ada kunci penanda tangan: ekspor tidak ditandatangani</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Salin</translation>
        </message>
        <message>
            <source>Evidence signing key (SHA-256 fingerprint)</source>
            <translation>Kunci penanda tangan barang bukti (sidik jari SHA-256)</translation>
        </message>
        <message>
            <source>Public key for recipients</source>
            <translation>Kunci publik untuk penerima</translation>
        </message>
        <message>
            <source>Cannot read the settings: %1</source>
            <translation>Pengaturan tidak dapat dibaca: %1</translation>
        </message>
        <message>
            <source>Nothing changed.</source>
            <translation>Tidak ada yang berubah.</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>Tidak tersimpan: %1</translation>
        </message>
        <message>
            <source>Saved %1 settings; they are in the audit trail. Consoles use them from their next start or sign-in.</source>
            <translation>%1 pengaturan tersimpan dan tercatat di jejak audit. Konsol memakainya sejak dijalankan atau masuk berikutnya.</translation>
        </message>
    </context>
    <context>
        <name>ShortcutSheet</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Pintasan papan ketik</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Tombol</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Tindakan</translation>
        </message>
    </context>
    <context>
        <name>Shortcuts</name>
        <message>
            <source>Grid of %1 tiles</source>
            <translation>Kisi %1 kotak</translation>
        </message>
        <message>
            <source>Span layout %1</source>
            <translation>Tata letak gabungan %1</translation>
        </message>
        <message>
            <source>double-click</source>
            <translation>klik ganda</translation>
        </message>
        <message>
            <source>Maximise the focused tile, again to restore</source>
            <translation>Perbesar kotak yang dipilih, ulangi untuk mengembalikan</translation>
        </message>
        <message>
            <source>Remove the camera from the focused tile</source>
            <translation>Keluarkan kamera dari kotak yang dipilih</translation>
        </message>
        <message>
            <source>Bookmark an incident on the focused tile</source>
            <translation>Tandai kejadian pada kotak yang dipilih</translation>
        </message>
        <message>
            <source>Instant replay: the last 30 s of the focused tile from its recorder</source>
            <translation>Putar ulang instan: 30 dtk terakhir kotak yang dipilih dari perekamnya</translation>
        </message>
        <message>
            <source>click</source>
            <translation>klik</translation>
        </message>
        <message>
            <source>Select tiles to merge</source>
            <translation>Pilih kotak untuk digabung</translation>
        </message>
        <message>
            <source>Next / previous tour step</source>
            <translation>Langkah tur berikutnya / sebelumnya</translation>
        </message>
        <message>
            <source>Run a saved tour on the focused tile, or stop its tour</source>
            <translation>Jalankan tur tersimpan di kotak yang dipilih, atau hentikan turnya</translation>
        </message>
        <message>
            <source>Save the wall as a named layout</source>
            <translation>Simpan tampilan dinding video sebagai tata letak dengan nama</translation>
        </message>
        <message>
            <source>Import a camera register</source>
            <translation>Impor daftar kamera</translation>
        </message>
        <message>
            <source>Search cameras</source>
            <translation>Cari kamera</translation>
        </message>
        <message>
            <source>Full screen</source>
            <translation>Layar penuh</translation>
        </message>
        <message>
            <source>This sheet</source>
            <translation>Daftar pintasan ini</translation>
        </message>
    </context>
    <context>
        <name>SlideForm</name>
        <message>
            <source>Live cameras</source>
            <translation>Kamera langsung</translation>
        </message>
        <message>
            <source>Camera health map</source>
            <translation>Peta kesehatan kamera</translation>
        </message>
        <message>
            <source>Availability chart</source>
            <translation>Grafik ketersediaan</translation>
        </message>
        <message>
            <source>Key figures</source>
            <translation>Angka utama</translation>
        </message>
        <message>
            <source>Recorded incident (bookmark)</source>
            <translation>Rekaman kejadian (penanda)</translation>
        </message>
        <message>
            <source>empty: the kind of slide</source>
            <translation>kosong: jenis tayangan</translation>
        </message>
        <message>
            <source>for whoever presents it; not shown on the screen</source>
            <translation>untuk penyaji; tidak tampil di layar</translation>
        </message>
        <message>
            <source> s</source>
            <translation> dtk</translation>
        </message>
        <message>
            <source>by key only</source>
            <translation>hanya dengan tombol</translation>
        </message>
        <message>
            <source>Slide:</source>
            <translation>Tayangan:</translation>
        </message>
        <message>
            <source>&amp;Title:</source>
            <translation>Ju&amp;dul:</translation>
        </message>
        <message>
            <source>N&amp;otes:</source>
            <translation>&amp;Catatan:</translation>
        </message>
        <message>
            <source>Ne&amp;xt slide after:</source>
            <translation>Tayangan &amp;berikutnya setelah:</translation>
        </message>
        <message>
            <source>Fit the cameras below</source>
            <translation>Sesuaikan dengan kamera di bawah</translation>
        </message>
        <message>
            <source>Grid %1</source>
            <translation>Kisi %1</translation>
        </message>
        <message>
            <source>Saved layout: %1</source>
            <translation>Tata letak tersimpan: %1</translation>
        </message>
        <message>
            <source>camera name or id, Enter adds it</source>
            <translation>nama atau id kamera, Enter menambahkannya</translation>
        </message>
        <message>
            <source>Add the tree's selection</source>
            <translation>Tambah pilihan di pohon kamera</translation>
        </message>
        <message>
            <source>Remove camera</source>
            <translation>Keluarkan kamera</translation>
        </message>
        <message>
            <source>The saved layout's cameras are shown, in its tiles.</source>
            <translation>Kamera tata letak tersimpan yang ditampilkan, di kotaknya.</translation>
        </message>
        <message>
            <source>&amp;Layout:</source>
            <translation>Tata &amp;letak:</translation>
        </message>
        <message>
            <source>&amp;Camera:</source>
            <translation>&amp;Kamera:</translation>
        </message>
        <message>
            <source>The whole city</source>
            <translation>Seluruh kota</translation>
        </message>
        <message>
            <source>Ar&amp;ea:</source>
            <translation>&amp;Wilayah:</translation>
        </message>
        <message>
            <source>The last 24 hours</source>
            <translation>24 jam terakhir</translation>
        </message>
        <message>
            <source>The last 7 days</source>
            <translation>7 hari terakhir</translation>
        </message>
        <message>
            <source>The last 30 days</source>
            <translation>30 hari terakhir</translation>
        </message>
        <message>
            <source>&amp;Period:</source>
            <translation>Peri&amp;ode:</translation>
        </message>
        <message>
            <source>Cameras in the register, online now, offline now and offline for more than 24 hours, with the time they hold for.</source>
            <translation>Kamera dalam daftar, online saat ini, offline saat ini dan offline lebih dari 24 jam, dengan waktu angka itu berlaku.</translation>
        </message>
        <message>
            <source>No bookmarks to choose from: press B on a tile to bookmark an incident.</source>
            <translation>Tidak ada penanda untuk dipilih: tekan B pada kotak untuk menandai kejadian.</translation>
        </message>
        <message>
            <source>&amp;Bookmark:</source>
            <translation>P&amp;enanda:</translation>
        </message>
        <message>
            <source>Layout %1</source>
            <translation>Tata letak %1</translation>
        </message>
        <message>
            <source>The last %1 hours</source>
            <translation>%1 jam terakhir</translation>
        </message>
    </context>
    <context>
        <name>TileState</name>
        <message>
            <source>Not checked yet</source>
            <translation>Belum diperiksa</translation>
        </message>
        <message>
            <source>retry in %n s</source>
            <translation>coba lagi dalam %n dtk</translation>
        </message>
        <message>
            <source>next try in %n s</source>
            <translation>coba lagi dalam %n dtk</translation>
        </message>
        <message>
            <source>trying again now (attempt %n)</source>
            <translation>mencoba lagi sekarang (percobaan ke-%n)</translation>
        </message>
        <message>
            <source>last picture %1</source>
            <translation>gambar terakhir %1</translation>
        </message>
        <message>
            <source>Live</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>Connecting</source>
            <translation>Menghubungkan</translation>
        </message>
        <message>
            <source>Reconnecting</source>
            <translation>Menghubungkan ulang</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>Offline</translation>
        </message>
        <message>
            <source>No video</source>
            <translation>Tanpa video</translation>
        </message>
        <message>
            <source>Frozen</source>
            <translation>Beku</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>Nonaktif</translation>
        </message>
        <message>
            <source>Quarantined</source>
            <translation>Dikarantina</translation>
        </message>
        <message>
            <source>Not permitted</source>
            <translation>Tidak diizinkan</translation>
        </message>
        <message>
            <source>Needs reference</source>
            <translation>Perlu referensi</translation>
        </message>
        <message>
            <source>Locked</source>
            <translation>Terkunci</translation>
        </message>
        <message>
            <source>console locked: sign in to see the cameras</source>
            <translation>konsol terkunci: masuk untuk melihat kamera</translation>
        </message>
        <message>
            <source>waiting for a supervisor to approve its view</source>
            <translation>menunggu supervisor menyetujui arah pandangnya</translation>
        </message>
        <message>
            <source>connection refused</source>
            <translation>koneksi ditolak</translation>
        </message>
        <message>
            <source>not found</source>
            <translation>tidak ditemukan</translation>
        </message>
        <message>
            <source>timeout</source>
            <translation>waktu habis</translation>
        </message>
        <message>
            <source>authentication failed</source>
            <translation>autentikasi gagal</translation>
        </message>
        <message>
            <source>unsupported codec</source>
            <translation>codec tidak didukung</translation>
        </message>
        <message>
            <source>stream ended</source>
            <translation>aliran berakhir</translation>
        </message>
        <message>
            <source>no data</source>
            <translation>tidak ada data</translation>
        </message>
        <message>
            <source>error</source>
            <translation>galat</translation>
        </message>
        <message>
            <source>service status off</source>
            <translation>status layanan nonaktif</translation>
        </message>
        <message>
            <source>no picture received</source>
            <translation>tidak ada gambar diterima</translation>
        </message>
        <message>
            <source>stream stalled</source>
            <translation>aliran macet</translation>
        </message>
        <message>
            <source>picture all black</source>
            <translation>gambar hitam seluruhnya</translation>
        </message>
        <message>
            <source>picture frozen</source>
            <translation>gambar beku</translation>
        </message>
        <message>
            <source>scene changed</source>
            <translation>arah pandang berubah</translation>
        </message>
        <message>
            <source>not permitted</source>
            <translation>tidak diizinkan</translation>
        </message>
        <message>
            <source>empty</source>
            <translation>kosong</translation>
        </message>
    </context>
    <context>
        <name>TourConsole</name>
        <message>
            <source>Cannot run the tour %1: %2</source>
            <translation>Tur %1 tidak dapat dijalankan: %2</translation>
        </message>
        <message>
            <source>the wall</source>
            <translation>seluruh dinding</translation>
        </message>
        <message>
            <source>tile %1</source>
            <translation>kotak %1</translation>
        </message>
        <message>
            <source>Tour %1 runs on %2</source>
            <translation>Tur %1 berjalan di %2</translation>
        </message>
        <message>
            <source>No saved tour %1</source>
            <translation>Tidak ada tur tersimpan bernama %1</translation>
        </message>
        <message>
            <source>its wall was closed</source>
            <translation>dindingnya ditutup</translation>
        </message>
        <message>
            <source>tile %1 is not in the new layout</source>
            <translation>kotak %1 tidak ada di tata letak baru</translation>
        </message>
        <message>
            <source>another camera was put on tile %1</source>
            <translation>kamera lain dipasang di kotak %1</translation>
        </message>
        <message>
            <source>Tour %1 ended: %2</source>
            <translation>Tur %1 berakhir: %2</translation>
        </message>
        <message>
            <source>Run &amp;tour</source>
            <translation>Jalankan &amp;tur</translation>
        </message>
        <message>
            <source>Resume tour</source>
            <translation>Lanjutkan tur</translation>
        </message>
        <message>
            <source>Pause tour</source>
            <translation>Jeda tur</translation>
        </message>
        <message>
            <source>Next tour step (PgDown)</source>
            <translation>Langkah tur berikutnya (PgDown)</translation>
        </message>
        <message>
            <source>Stop tour %1</source>
            <translation>Hentikan tur %1</translation>
        </message>
        <message>
            <source>No saved tours</source>
            <translation>Belum ada tur tersimpan</translation>
        </message>
        <message>
            <source>%1 (whole wall)</source>
            <translation>%1 (seluruh dinding)</translation>
        </message>
        <message>
            <source>Edit tours...</source>
            <translation>Ubah tur...</translation>
        </message>
        <message>
            <source>On the wall on %1</source>
            <translation>Di dinding pada %1</translation>
        </message>
        <message>
            <source>Stop all tours</source>
            <translation>Hentikan semua tur</translation>
        </message>
        <message>
            <source>%1 (tile 1)</source>
            <translation>%1 (kotak 1)</translation>
        </message>
        <message>
            <source>Stop the tours on this wall</source>
            <translation>Hentikan tur di dinding ini</translation>
        </message>
        <message>
            <source>Tour %1 stopped</source>
            <translation>Tur %1 dihentikan</translation>
        </message>
    </context>
    <context>
        <name>ToursDialog</name>
        <message>
            <source>Tours</source>
            <translation>Tur</translation>
        </message>
        <message>
            <source>De&amp;lete</source>
            <translation>&amp;Hapus</translation>
        </message>
        <message>
            <source>Ne&amp;w</source>
            <translation>&amp;Baru</translation>
        </message>
        <message>
            <source>Saved tours</source>
            <translation>Tur tersimpan</translation>
        </message>
        <message>
            <source>Cameras (runs on one tile)</source>
            <translation>Kamera (berjalan di satu kotak)</translation>
        </message>
        <message>
            <source>Layouts (runs on a whole wall)</source>
            <translation>Tata letak (berjalan di seluruh dinding)</translation>
        </message>
        <message>
            <source>camera name or id, Enter adds it</source>
            <translation>nama atau id kamera, Enter menambahkannya</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Nama:</translation>
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation>&amp;Jenis:</translation>
        </message>
        <message>
            <source>&amp;Dwell for new steps:</source>
            <translation>&amp;Lama tampil langkah baru:</translation>
        </message>
        <message>
            <source>&amp;Add:</source>
            <translation>&amp;Tambah:</translation>
        </message>
        <message>
            <source>Tree selection</source>
            <translation>Pilihan di pohon</translation>
        </message>
        <message>
            <source>Area...</source>
            <translation>Wilayah...</translation>
        </message>
        <message>
            <source>Tag...</source>
            <translation>Tag...</translation>
        </message>
        <message>
            <source>Favourites</source>
            <translation>Favorit</translation>
        </message>
        <message>
            <source>No favourites yet: star cameras in the camera tree first</source>
            <translation>Belum ada favorit: tandai kamera dengan bintang di pohon kamera dulu</translation>
        </message>
        <message>
            <source>Layout...</source>
            <translation>Tata letak...</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Langkah</translation>
        </message>
        <message>
            <source>Dwell (s)</source>
            <translation>Lama tampil (d)</translation>
        </message>
        <message>
            <source>Up</source>
            <translation>Naik</translation>
        </message>
        <message>
            <source>Down</source>
            <translation>Turun</translation>
        </message>
        <message>
            <source>Remove step</source>
            <translation>Hapus langkah</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Simpan</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Tutup</translation>
        </message>
        <message>
            <source>Your role may run tours but not make or change them.</source>
            <translation>Peran Anda boleh menjalankan tur, tetapi tidak membuat atau mengubahnya.</translation>
        </message>
        <message>
            <source>layout name, Enter adds it</source>
            <translation>nama tata letak, Enter menambahkannya</translation>
        </message>
        <message>
            <source>%n steps</source>
            <translation>%n langkah</translation>
        </message>
        <message>
            <source>A dwell is %1 to %2 seconds.</source>
            <translation>Lama tampil %1 sampai %2 detik.</translation>
        </message>
        <message>
            <source>Already in the tour.</source>
            <translation>Sudah ada di tur.</translation>
        </message>
        <message>
            <source>No match for %1</source>
            <translation>Tidak ada yang cocok dengan %1</translation>
        </message>
        <message>
            <source>Select cameras (or an area) in the camera tree first.</source>
            <translation>Pilih kamera (atau wilayah) di pohon kamera dulu.</translation>
        </message>
        <message>
            <source>Add an area</source>
            <translation>Tambah wilayah</translation>
        </message>
        <message>
            <source>Area:</source>
            <translation>Wilayah:</translation>
        </message>
        <message>
            <source>No camera has a tag yet.</source>
            <translation>Belum ada kamera yang punya tag.</translation>
        </message>
        <message>
            <source>Add a tag</source>
            <translation>Tambah tag</translation>
        </message>
        <message>
            <source>Tag:</source>
            <translation>Tag:</translation>
        </message>
        <message>
            <source>No saved layouts: save a layout first (Ctrl+S).</source>
            <translation>Belum ada tata letak tersimpan: simpan tata letak dulu (Ctrl+S).</translation>
        </message>
        <message>
            <source>Add a layout</source>
            <translation>Tambah tata letak</translation>
        </message>
        <message>
            <source>Layout:</source>
            <translation>Tata letak:</translation>
        </message>
        <message>
            <source>Replace the saved tour %1?</source>
            <translation>Ganti tur tersimpan %1?</translation>
        </message>
        <message>
            <source>Saved: %1</source>
            <translation>Tersimpan: %1</translation>
        </message>
        <message>
            <source>Delete the tour %1?</source>
            <translation>Hapus tur %1?</translation>
        </message>
    </context>
    <context>
        <name>UsersDialog</name>
        <message>
            <source>Users</source>
            <translation>Pengguna</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Peran</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Kata sandi</translation>
        </message>
        <message>
            <source>Add user</source>
            <translation>Tambah pengguna</translation>
        </message>
        <message>
            <source>Give the selected account this role</source>
            <translation>Berikan peran ini ke akun terpilih</translation>
        </message>
        <message>
            <source>disabled</source>
            <translation>nonaktif</translation>
        </message>
        <message>
            <source>A new account needs a name.</source>
            <translation>Akun baru perlu nama.</translation>
        </message>
        <message>
            <source>An account named %1 exists already.</source>
            <translation>Akun bernama %1 sudah ada.</translation>
        </message>
        <message>
            <source>The password must have at least %1 characters.</source>
            <translation>Kata sandi minimal %1 karakter.</translation>
        </message>
        <message>
            <source>Adding %1...</source>
            <translation>Menambahkan %1...</translation>
        </message>
        <message>
            <source>%1 added as %2.</source>
            <translation>%1 ditambahkan sebagai %2.</translation>
        </message>
        <message>
            <source>%1 is the last administrator: make another one first.</source>
            <translation>%1 adalah administrator terakhir: buat administrator lain dulu.</translation>
        </message>
        <message>
            <source>%1 is now %2.</source>
            <translation>%1 sekarang %2.</translation>
        </message>
    </context>
    <context>
        <name>VideoTile</name>
        <message>
            <source>PTZ: click to centre, drag, wheel, arrows, Shift+drag a box to zoom</source>
            <translation>PTZ: klik untuk memusatkan, seret, roda mouse, panah, Shift+seret kotak untuk memperbesar</translation>
        </message>
        <message>
            <source>Empty - drop a camera here</source>
            <translation>Kosong - letakkan kamera di sini</translation>
        </message>
        <message>
            <source>Camera unavailable</source>
            <translation>Kamera tidak tersedia</translation>
        </message>
        <message>
            <source>QUARANTINED: SCENE CHANGED</source>
            <translation>DIKARANTINA: ARAH PANDANG BERUBAH</translation>
        </message>
        <message>
            <source>Tour paused: %1</source>
            <translation>Tur dijeda: %1</translation>
        </message>
        <message>
            <source>Tour: %1</source>
            <translation>Tur: %1</translation>
        </message>
        <message>
            <source>Put a camera here...</source>
            <translation>Taruh kamera di sini...</translation>
        </message>
        <message>
            <source>Layout</source>
            <translation>Tata letak</translation>
        </message>
        <message>
            <source>Maximise / restore</source>
            <translation>Perbesar / kembalikan</translation>
        </message>
        <message>
            <source>Snapshot</source>
            <translation>Tangkapan gambar</translation>
        </message>
        <message>
            <source>Bookmark incident (B)</source>
            <translation>Tandai kejadian (B)</translation>
        </message>
        <message>
            <source>PTZ control...</source>
            <translation>Kendali PTZ...</translation>
        </message>
        <message>
            <source>Stream</source>
            <translation>Aliran</translation>
        </message>
        <message>
            <source>Automatic by tile size</source>
            <translation>Otomatis menurut ukuran kotak</translation>
        </message>
        <message>
            <source>Main stream</source>
            <translation>Aliran utama</translation>
        </message>
        <message>
            <source>Sub stream</source>
            <translation>Aliran kedua</translation>
        </message>
        <message>
            <source>Select for merge (Ctrl+click)</source>
            <translation>Pilih untuk digabung (Ctrl+klik)</translation>
        </message>
        <message>
            <source>Merge selected tiles</source>
            <translation>Gabungkan kotak terpilih</translation>
        </message>
        <message>
            <source>Split tile</source>
            <translation>Pisahkan kotak</translation>
        </message>
        <message>
            <source>Remove camera</source>
            <translation>Keluarkan kamera</translation>
        </message>
        <message>
            <source>Privacy masks...</source>
            <translation>Masker privasi...</translation>
        </message>
    </context>
    <context>
        <name>WallMapDock</name>
        <message>
            <source>Wall map</source>
            <translation>Peta dinding video</translation>
        </message>
        <message>
            <source>Wall</source>
            <translation>Dinding video</translation>
        </message>
        <message>
            <source>Shows</source>
            <translation>Menampilkan</translation>
        </message>
        <message>
            <source>Send focused tile to wall</source>
            <translation>Kirim kotak terpilih ke dinding video</translation>
        </message>
        <message>
            <source>Take control</source>
            <translation>Ambil kendali</translation>
        </message>
        <message>
            <source>Release control</source>
            <translation>Lepaskan kendali</translation>
        </message>
        <message>
            <source>Drag a saved layout onto a monitor</source>
            <translation>Seret tata letak tersimpan ke sebuah monitor</translation>
        </message>
        <message>
            <source>Saved layouts (drag onto a monitor):</source>
            <translation>Tata letak tersimpan (seret ke monitor):</translation>
        </message>
        <message>
            <source>online</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>lost since %1</source>
            <translation>hilang sejak %1</translation>
        </message>
        <message>
            <source>%1 · controlled by you</source>
            <translation>%1 · dikendalikan oleh Anda</translation>
        </message>
        <message>
            <source>%1 · controlled by %2 (%3) at %4</source>
            <translation>%1 · dikendalikan oleh %2 (%3) di %4</translation>
        </message>
        <message>
            <source>nothing reported yet</source>
            <translation>belum ada laporan</translation>
        </message>
        <message>
            <source>%1: %2 (live %3, dark %4)</source>
            <translation>%1: %2 (online %3, padam %4)</translation>
        </message>
        <message>
            <source>Sending to %1...</source>
            <translation>Mengirim ke %1...</translation>
        </message>
        <message>
            <source>Pick a monitor in the list first.</source>
            <translation>Pilih monitor di daftar terlebih dahulu.</translation>
        </message>
        <message>
            <source>Asking %1...</source>
            <translation>Meminta ke %1...</translation>
        </message>
        <message>
            <source>You released %1</source>
            <translation>Anda melepaskan %1</translation>
        </message>
        <message>
            <source>You control %1, taken over from %2</source>
            <translation>Anda mengendalikan %1, diambil alih dari %2</translation>
        </message>
        <message>
            <source>You control %1</source>
            <translation>Anda mengendalikan %1</translation>
        </message>
        <message>
            <source>%1 sent to %2</source>
            <translation>%1 dikirim ke %2</translation>
        </message>
        <message>
            <source>Refused: %1</source>
            <translation>Ditolak: %1</translation>
        </message>
        <message>
            <source>Focus a tile with a camera first.</source>
            <translation>Pilih kotak yang menampilkan kamera terlebih dahulu.</translation>
        </message>
    </context>
    <context>
        <name>WallView</name>
        <message>
            <source>No camera to show</source>
            <translation>Tidak ada kamera untuk ditampilkan</translation>
        </message>
        <message>
            <source>Put a camera here</source>
            <translation>Taruh kamera di sini</translation>
        </message>
        <message>
            <source>Camera:</source>
            <translation>Kamera:</translation>
        </message>
        <message>
            <source>No single camera matches %1</source>
            <translation>Tidak ada satu kamera yang cocok dengan %1</translation>
        </message>
    </context>
    <context>
        <name>WallWindow</name>
        <message>
            <source>videowall - wall on %1</source>
            <translation>videowall - dinding video di %1</translation>
        </message>
    </context>
    <context>
        <name>self._window</name>
        <message>
            <source>Bookmark (B)</source>
            <translation>Penanda (B)</translation>
        </message>
        <message>
            <source>Bookmark an incident on the focused tile: snapshot and clip</source>
            <translation>Tandai kejadian pada kotak yang dipilih: tangkapan gambar dan klip</translation>
        </message>
        <message>
            <source>Review...</source>
            <translation>Tinjau...</translation>
        </message>
        <message>
            <source>Review bookmarks, build cases, export evidence (Ctrl+R)</source>
            <translation>Tinjau penanda, susun kasus, ekspor bukti (Ctrl+R)</translation>
        </message>
        <message>
            <source>Click a tile first, then press B</source>
            <translation>Klik sebuah kotak dahulu, lalu tekan B</translation>
        </message>
        <message>
            <source>Bookmarked - clip in %1 s</source>
            <translation>Ditandai - klip dalam %1 dtk</translation>
        </message>
    </context>
    <context>
        <name>window</name>
        <message>
            <source>videowall - operator console</source>
            <translation>videowall - konsol operator</translation>
        </message>
        <message>
            <source>Pick a tile with a camera first</source>
            <translation>Pilih kotak yang berisi kamera terlebih dahulu</translation>
        </message>
        <message>
            <source>QUARANTINED: %1 - scene changed; supervisor review needed</source>
            <translation>DIKARANTINA: %1 - arah pandang berubah; perlu ditinjau supervisor</translation>
        </message>
        <message>
            <source>%n cameras marked private</source>
            <translation>%n kamera ditandai privat</translation>
        </message>
        <message>
            <source>%n cameras no longer private</source>
            <translation>%n kamera tidak lagi privat</translation>
        </message>
        <message>
            <source>Privacy</source>
            <translation>Privasi</translation>
        </message>
        <message>
            <source>Privacy masks of the focused tile...</source>
            <translation>Masker privasi kotak yang dipilih...</translation>
        </message>
        <message>
            <source>Scene review (new cameras, quarantine)...</source>
            <translation>Tinjauan pandangan (kamera baru, karantina)...</translation>
        </message>
        <message>
            <source>Audit trail...</source>
            <translation>Jejak audit...</translation>
        </message>
        <message>
            <source>Users...</source>
            <translation>Pengguna...</translation>
        </message>
        <message>
            <source>Lock session</source>
            <translation>Kunci sesi</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Pengaturan</translation>
        </message>
        <message>
            <source>Settings...</source>
            <translation>Pengaturan...</translation>
        </message>
        <message>
            <source>Not in the register any more: %1</source>
            <translation>Sudah tidak terdaftar: %1</translation>
        </message>
        <message>
            <source>Camera saved: %1</source>
            <translation>Kamera tersimpan: %1</translation>
        </message>
        <message>
            <source>Remove camera</source>
            <translation>Hapus kamera</translation>
        </message>
        <message>
            <source>Not removed: %1</source>
            <translation>Tidak dihapus: %1</translation>
        </message>
        <message>
            <source>Remove %1 (%2) from the register?

A camera that bookmarks name is retired instead: it leaves the tree and the walls, and its evidence keeps its name and place.</source>
            <translation>Hapus %1 (%2) dari daftar kamera?

Kamera yang disebut oleh penanda dipensiunkan saja: kamera itu keluar dari daftar dan dinding video, dan buktinya tetap menyimpan nama dan tempatnya.</translation>
        </message>
        <message>
            <source>%1 is named by %2 bookmarks: retired (kept with its evidence), not deleted</source>
            <translation>%1 disebut oleh %2 penanda: dipensiunkan (disimpan bersama buktinya), tidak dihapus</translation>
        </message>
        <message>
            <source>Camera removed: %1</source>
            <translation>Kamera dihapus: %1</translation>
        </message>
        <message>
            <source>Cameras</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <source>Add camera...</source>
            <translation>Tambah kamera...</translation>
        </message>
    </context>
</TS>