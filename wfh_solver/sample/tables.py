"""The sample's data: an Indonesian regional government's organisation and name tables.

Plain data only (the OPD catalogue, sub-unit names, posts and their weights, personal names,
degrees): the generator (`generator.py`) draws from these in a fixed order. Edit a table here
to change what the sample looks like; no code lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

COLUMNS: tuple[str, ...] = (
    "NIP",
    "Nama",
    "Unit Kerja",
    "Sub Unit",
    "Jabatan",
    "Eselon",
    "Jenis Jabatan",
    "Status",
    "Tanggal Lahir",
    "Komorbid",
    "Hamil/Menyusui",
    "Wajib WFO",
    "Wajib WFH",
)

#: Ages are measured on this day: the start of the 2020 circulars.
REFERENCE_DATE = date(2020, 3, 1)

# Target shares of all rows (POLICY.md "Sizes", 2019 figures).
SHARE_STRUCTURAL = 0.11
SHARE_TEACHER = 0.35
SHARE_FUNCTIONAL = 0.15
SHARE_HEALTH_OF_FUNCTIONAL = 0.72
# Below this many rows an organisation cannot be both complete and in proportion;
# smaller samples are drawn from one of this size.
MIN_BUILD = 100
# From this size on the sample looks like a province (upper secondary schools, branch offices).
PROVINCE_SIZE = 20_000
# Field offices (balai/UPT) every provincial office with any keeps, at the least.
PROVINCE_UPT = 30

# Row categories (internal codes).
JPT, ADMIN, PENGAWAS, PELAKSANA, GURU, HEALTH, TECH = range(7)
STRUCTURAL = (JPT, ADMIN, PENGAWAS)
LEVEL_CATEGORY = {"II": JPT, "III": ADMIN, "IV": PENGAWAS}

# ---------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------

KECAMATAN: tuple[str, ...] = (
    "Sragen", "Karangmalang", "Sidoharjo", "Masaran", "Kedawung", "Sambirejo", "Gondang",
    "Sambungmacan", "Ngrampal", "Tanon", "Gemolong", "Plupuh", "Kalijambe", "Miri",
    "Sumberlawang", "Mondokan", "Sukodono", "Gesi", "Tangen", "Jenar",
)
CITIES: tuple[str, ...] = (
    "Semarang", "Surakarta", "Magelang", "Salatiga", "Pekalongan", "Tegal", "Kudus", "Pati",
    "Demak", "Jepara", "Rembang", "Blora", "Grobogan", "Boyolali", "Klaten", "Sukoharjo",
    "Wonogiri", "Karanganyar", "Sragen", "Purworejo", "Kebumen", "Banyumas", "Cilacap",
    "Purbalingga", "Banjarnegara", "Wonosobo", "Temanggung", "Kendal", "Batang", "Pemalang",
    "Brebes", "Ungaran", "Mungkid", "Slawi", "Kajen",
)
VILLAGE_HEADS: tuple[str, ...] = (
    "Karang", "Sido", "Tegal", "Kebon", "Sumber", "Jati", "Wono", "Ngro", "Banyu", "Pandan",
    "Gading", "Mojo", "Bulu", "Purwo", "Tanjung", "Kali", "Sri", "Gedong", "Pucang", "Ngemplak",
)
VILLAGE_TAILS: tuple[str, ...] = (
    "rejo", "harjo", "mulyo", "sari", "agung", "asri", "wangi", "roto", "joyo", "kerto",
    " Kulon", " Wetan", " Tengah", " Lor", " Kidul",
)

MALE_FIRST: tuple[str, ...] = (
    "Agus", "Budi", "Bambang", "Joko", "Slamet", "Sugeng", "Heru", "Eko", "Dwi", "Tri",
    "Hadi", "Ahmad", "Muhammad", "Rudi", "Wahyu", "Arif", "Teguh", "Didik", "Aris", "Andi",
    "Bayu", "Dedi", "Fajar", "Hendra", "Indra", "Rizky", "Yusuf", "Puji", "Setyo", "Agung",
    "Bagus", "Catur", "Danang", "Edi", "Gatot", "Hari", "Imam", "Kurniawan", "Lukman",
    "Nur", "Purnomo", "Rahmat", "Sapto", "Sigit", "Suryo", "Totok", "Yoga", "Yudi",
    "Ari", "Dimas",
)
FEMALE_FIRST: tuple[str, ...] = (
    "Sri", "Siti", "Dwi", "Tri", "Endang", "Nur", "Rina", "Dewi", "Ani", "Yuni", "Eni",
    "Ratna", "Retno", "Dian", "Fitri", "Indah", "Lina", "Nanik", "Puji", "Ika", "Kartika",
    "Rini", "Susi", "Tutik", "Umi", "Wulan", "Yeni", "Anik", "Erna", "Heni", "Ida", "Lilis",
    "Maya", "Novi", "Nining", "Okta", "Rahma", "Sari", "Titik", "Wiwik", "Yuli", "Ayu",
    "Desi", "Emi", "Fatimah", "Hesti", "Intan", "Lestari", "Mega", "Tari",
)
MALE_LAST: tuple[str, ...] = (
    "Setiawan", "Santoso", "Wibowo", "Prasetyo", "Susanto", "Purnomo", "Hidayat", "Nugroho",
    "Saputra", "Kurniawan", "Gunawan", "Suryanto", "Priyanto", "Widodo", "Sulistyo",
    "Haryanto", "Wijaya", "Hartono", "Rahman", "Sutrisno", "Suparman", "Mulyono", "Raharjo",
    "Budiman", "Firmansyah", "Hermawan", "Iskandar", "Kuncoro", "Pamungkas", "Sasongko",
    "Sudarsono", "Triyono", "Utomo", "Wahyudi", "Yulianto", "Ardiansyah", "Darmawan",
    "Fauzi", "Nugraha", "Subagyo",
)
FEMALE_LAST: tuple[str, ...] = (
    "Wahyuni", "Lestari", "Rahayu", "Astuti", "Handayani", "Susanti", "Wulandari",
    "Purwanti", "Mulyani", "Kusumawati", "Rahmawati", "Hartati", "Setyaningsih",
    "Sulistyowati", "Utami", "Pratiwi", "Nurhayati", "Yuliani", "Anggraeni", "Fitriani",
    "Hastuti", "Indrawati", "Kurniasih", "Maryati", "Ningsih", "Permatasari", "Puspitasari",
    "Rahmadani", "Safitri", "Sumarni", "Suryani", "Triana", "Widyastuti", "Winarsih",
    "Yuniarti", "Agustina", "Damayanti", "Oktaviani", "Rejeki", "Setyowati",
)

Weighted = tuple[tuple[str, float], ...]

# Pelaksana posts by the kind of place they work in.
STAFF_POSTS: dict[str, Weighted] = {
    "umum": (
        ("Pengadministrasi Umum", 30), ("Pengelola Data", 8), ("Pengemudi", 5),
        ("Pramu Kantor", 4), ("Pengolah Data", 5), ("Penyusun Program Anggaran dan Pelaporan", 5),
        ("Pengadministrasi Kepegawaian", 4), ("Pengelola Keuangan", 6), ("Analis Kepegawaian", 2),
        ("Pengelola Barang Milik Daerah", 4), ("Caraka", 2), ("Petugas Keamanan", 2),
        ("Pengadministrasi Keuangan", 4), ("Bendahara", 2), ("Verifikator Keuangan", 2),
        ("Analis Data dan Informasi", 3),
    ),
    "keuangan": (
        ("Pengelola Keuangan", 30), ("Bendahara", 10), ("Verifikator Keuangan", 10),
        ("Pengadministrasi Keuangan", 20), ("Penyusun Laporan Keuangan", 10),
        ("Pengadministrasi Umum", 10),
    ),
    "kepegawaian": (
        ("Analis Kepegawaian", 25), ("Pengadministrasi Kepegawaian", 25),
        ("Pengadministrasi Umum", 25), ("Pengemudi", 10), ("Pramu Kantor", 8), ("Caraka", 5),
    ),
    "sekolah": (
        ("Penjaga Sekolah", 40), ("Pengadministrasi Sekolah", 35),
        ("Pengelola Perpustakaan Sekolah", 10), ("Pengadministrasi Umum", 15),
    ),
    "rs": (
        ("Pengadministrasi Umum", 25), ("Petugas Pendaftaran Pasien", 15),
        ("Pengadministrasi Rekam Medis dan Informasi", 8), ("Pengemudi Ambulans", 8),
        ("Pengelola Keuangan", 10), ("Pengelola Barang Milik Daerah", 5), ("Petugas Keamanan", 5),
        ("Pengelola Makanan", 5), ("Pengelola Data", 5),
    ),
    "puskesmas": (
        ("Pengadministrasi Umum", 35), ("Petugas Pendaftaran Pasien", 20),
        ("Pengemudi Ambulans", 12), ("Pengelola Keuangan", 15),
        ("Pengelola Barang Milik Daerah", 8), ("Pengelola Data", 10),
    ),
    "satpol": (
        ("Petugas Ketenteraman dan Ketertiban Umum", 60), ("Pengadministrasi Umum", 20),
        ("Pengemudi", 10), ("Petugas Keamanan", 10),
    ),
    "damkar": (
        ("Petugas Pemadam Kebakaran", 60), ("Pengemudi Mobil Pemadam Kebakaran", 20),
        ("Pengadministrasi Umum", 15), ("Petugas Komunikasi Operasi", 5),
    ),
    "dukcapil": (
        ("Pengelola Data Kependudukan", 35), ("Petugas Registrasi Kependudukan", 30),
        ("Pengadministrasi Umum", 25), ("Pengemudi", 5), ("Pengelola Keuangan", 5),
    ),
    "perizinan": (
        ("Pengelola Perizinan", 35), ("Petugas Pelayanan Perizinan", 30),
        ("Pengadministrasi Umum", 25), ("Pengelola Data", 10),
    ),
    "dishub": (
        ("Petugas Pengatur Lalu Lintas", 35), ("Petugas Terminal", 15),
        ("Pengelola Perparkiran", 15), ("Pengadministrasi Umum", 25), ("Pengemudi", 10),
    ),
    "pajak": (
        ("Pengelola Pajak Daerah", 30), ("Verifikator Pajak Daerah", 15),
        ("Penagih Pajak Daerah", 15), ("Pengadministrasi Umum", 25), ("Pengelola Data", 15),
    ),
    "bpbd": (
        ("Petugas Pusat Pengendalian Operasi", 30), ("Petugas Tim Reaksi Cepat", 30),
        ("Pengadministrasi Umum", 25), ("Pengemudi", 15),
    ),
    "kecamatan": (
        ("Pengadministrasi Umum", 35), ("Pengadministrasi Pemerintahan", 20),
        ("Pengelola Pelayanan Umum", 15), ("Pengelola Data", 10), ("Pengemudi", 5),
        ("Pramu Kantor", 5), ("Pengelola Keuangan", 10),
    ),
}

# Health functional posts by kind of health unit.
HEALTH_POSTS: dict[str, Weighted] = {
    "rs": (
        ("Perawat Pelaksana", 14), ("Perawat Pelaksana Lanjutan", 10), ("Perawat Penyelia", 6),
        ("Perawat Ahli Pertama", 8), ("Perawat Ahli Muda", 4), ("Bidan Terampil", 4),
        ("Bidan Mahir", 3), ("Bidan Penyelia", 2), ("Dokter Umum", 4), ("Dokter Ahli Pertama", 2),
        ("Dokter Spesialis Penyakit Dalam", 1.2), ("Dokter Spesialis Anak", 1),
        ("Dokter Spesialis Bedah", 1), ("Dokter Spesialis Obstetri dan Ginekologi", 1),
        ("Dokter Spesialis Anestesiologi", 0.6), ("Dokter Spesialis Radiologi", 0.5),
        ("Dokter Spesialis Patologi Klinik", 0.5), ("Dokter Gigi", 0.8),
        ("Apoteker Ahli Pertama", 2), ("Tenaga Teknis Kefarmasian Terampil", 3),
        ("Pranata Laboratorium Kesehatan Terampil", 4), ("Radiografer Terampil", 2),
        ("Nutrisionis Terampil", 2), ("Fisioterapis Terampil", 1.5),
        ("Perekam Medis Terampil", 3), ("Sanitarian Terampil", 1),
        ("Terapis Gigi dan Mulut Terampil", 1), ("Teknisi Elektromedis Terampil", 1),
    ),
    "puskesmas": (
        ("Bidan Terampil", 16), ("Bidan Mahir", 8), ("Bidan Penyelia", 6),
        ("Bidan Ahli Pertama", 3), ("Perawat Pelaksana", 10), ("Perawat Pelaksana Lanjutan", 6),
        ("Perawat Penyelia", 4), ("Perawat Ahli Pertama", 5), ("Dokter Umum", 6),
        ("Dokter Ahli Pertama", 2), ("Dokter Gigi", 2.5), ("Sanitarian Terampil", 4),
        ("Nutrisionis Terampil", 4), ("Pranata Laboratorium Kesehatan Terampil", 3.5),
        ("Tenaga Teknis Kefarmasian Terampil", 3), ("Apoteker Ahli Pertama", 1.5),
        ("Penyuluh Kesehatan Masyarakat Ahli Pertama", 2.5), ("Perekam Medis Terampil", 2),
        ("Terapis Gigi dan Mulut Terampil", 1.5), ("Epidemiolog Kesehatan Terampil", 1),
    ),
    "dinkes": (
        ("Epidemiolog Kesehatan Ahli Pertama", 3), ("Sanitarian Ahli Pertama", 2),
        ("Nutrisionis Ahli Pertama", 2), ("Penyuluh Kesehatan Masyarakat Ahli Muda", 2),
        ("Administrator Kesehatan Ahli Pertama", 3), ("Apoteker Ahli Pertama", 2),
        ("Dokter Ahli Muda", 1), ("Perawat Ahli Muda", 1), ("Bidan Ahli Muda", 1),
    ),
    "labkes": (
        ("Pranata Laboratorium Kesehatan Terampil", 6),
        ("Pranata Laboratorium Kesehatan Ahli Pertama", 3),
        ("Dokter Spesialis Patologi Klinik", 0.5), ("Dokter Umum", 1),
        ("Entomolog Kesehatan Ahli Pertama", 1), ("Sanitarian Terampil", 1),
    ),
    "paru": (
        ("Dokter Umum", 2), ("Dokter Spesialis Paru", 0.7), ("Perawat Pelaksana", 4),
        ("Perawat Pelaksana Lanjutan", 3), ("Radiografer Terampil", 1.5),
        ("Pranata Laboratorium Kesehatan Terampil", 1.5),
        ("Tenaga Teknis Kefarmasian Terampil", 1), ("Fisioterapis Terampil", 1),
    ),
}

# Where in a hospital each health post works (Sub Unit = instalasi).
INSTALASI_BY_WORD: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Bidan", ("Instalasi Rawat Inap", "Instalasi Kamar Bersalin")),
    ("Perawat", ("Instalasi Rawat Inap", "Instalasi Gawat Darurat", "Instalasi Rawat Jalan",
                 "Instalasi Bedah Sentral", "Instalasi Perawatan Intensif")),
    ("Dokter Spesialis", ("Instalasi Rawat Jalan", "Instalasi Rawat Inap")),
    ("Dokter Gigi", ("Instalasi Rawat Jalan",)),
    ("Dokter", ("Instalasi Gawat Darurat", "Instalasi Rawat Inap", "Instalasi Rawat Jalan")),
    ("Laboratorium", ("Instalasi Laboratorium",)),
    ("Radiografer", ("Instalasi Radiologi",)),
    ("Kefarmasian", ("Instalasi Farmasi",)),
    ("Apoteker", ("Instalasi Farmasi",)),
    ("Nutrisionis", ("Instalasi Gizi",)),
    ("Perekam Medis", ("Instalasi Rekam Medis",)),
    ("Fisioterapis", ("Instalasi Rehabilitasi Medik",)),
    ("Sanitarian", ("Instalasi Sanitasi",)),
    ("Elektromedis", ("Instalasi Pemeliharaan Sarana",)),
    ("Terapis Gigi", ("Instalasi Rawat Jalan",)),
)
RS_STAFF_INSTALASI = ("Instalasi Rawat Jalan", "Instalasi Rawat Inap", "Instalasi Gawat Darurat",
                       "Instalasi Rekam Medis", "Instalasi Gizi")

# Technical functional posts by OPD.
TECH_POSTS: dict[str, Weighted] = {
    "umum": (("Analis Kebijakan Ahli Pertama", 3), ("Pranata Komputer Terampil", 2),
             ("Arsiparis Terampil", 2), ("Perencana Ahli Pertama", 1)),
    "setda": (("Pengelola Pengadaan Barang/Jasa Ahli Pertama", 3),
              ("Perancang Peraturan Perundang-undangan Ahli Pertama", 2),
              ("Analis Kebijakan Ahli Pertama", 2), ("Pranata Hubungan Masyarakat Terampil", 1)),
    "dprd": (("Analis Kebijakan Ahli Pertama", 2), ("Arsiparis Terampil", 1)),
    "pendidikan": (("Pengawas Sekolah Ahli Madya", 5), ("Pengawas Sekolah Ahli Muda", 3),
                   ("Penilik Ahli Pertama", 2), ("Pamong Belajar Ahli Pertama", 1)),
    "inspektorat": (("Auditor Ahli Pertama", 5), ("Auditor Ahli Muda", 3), ("Auditor Terampil", 2),
                    ("Pengawas Penyelenggaraan Urusan Pemerintahan Daerah Ahli Pertama", 3)),
    "satpol": (("Polisi Pamong Praja Terampil", 4), ("Polisi Pamong Praja Ahli Pertama", 1)),
    "damkar": (("Pemadam Kebakaran Terampil", 4), ("Analis Kebakaran Ahli Pertama", 1)),
    "bpbd": (("Analis Kebencanaan Ahli Pertama", 1), ("Pranata Komputer Terampil", 1)),
    "dukcapil": (("Administrator Database Kependudukan Ahli Pertama", 2),
                 ("Pranata Komputer Terampil", 1)),
    "bkpsdm": (("Analis Kepegawaian Ahli Pertama", 4), ("Analis Kepegawaian Ahli Muda", 2),
               ("Assessor SDM Aparatur Ahli Pertama", 1)),
    "pupr": (("Teknik Jalan dan Jembatan Ahli Pertama", 3), ("Teknik Pengairan Ahli Pertama", 2),
             ("Penata Ruang Ahli Pertama", 1), ("Teknik Tata Bangunan dan Perumahan Terampil", 2)),
    "dishub": (("Penguji Kendaraan Bermotor Terampil", 3), ("Penguji Kendaraan Bermotor Ahli "
                                                             "Pertama", 1)),
    "lh": (("Pengendali Dampak Lingkungan Ahli Pertama", 3),
           ("Pengawas Lingkungan Hidup Ahli Pertama", 2), ("Polisi Kehutanan Terampil", 1),
           ("Penyuluh Kehutanan Ahli Pertama", 1)),
    "bappeda": (("Perencana Ahli Pertama", 4), ("Perencana Ahli Muda", 2),
                ("Statistisi Ahli Pertama", 1)),
    "pertanian": (("Penyuluh Pertanian", 4), ("Penyuluh Pertanian Terampil", 5),
                  ("Penyuluh Pertanian Ahli Pertama", 4),
                  ("Pengendali Organisme Pengganggu Tumbuhan Terampil", 2),
                  ("Pengawas Benih Tanaman Ahli Pertama", 1)),
    "sosial": (("Pekerja Sosial Terampil", 3), ("Penyuluh Sosial Ahli Pertama", 1)),
    "kominfo": (("Pranata Komputer Ahli Pertama", 3), ("Pranata Hubungan Masyarakat Ahli Pertama",
                                                        2), ("Statistisi Terampil", 1)),
    "perdagangan": (("Pengawas Perdagangan Ahli Pertama", 2),
                    ("Penyuluh Perindustrian dan Perdagangan Ahli Pertama", 1)),
    "p3akb": (("Penyuluh Keluarga Berencana Ahli Pertama", 3), ("Pekerja Sosial Terampil", 1)),
    "naker": (("Mediator Hubungan Industrial Ahli Pertama", 2),
              ("Pengantar Kerja Ahli Pertama", 2), ("Instruktur Terampil", 2)),
    "koperasi": (("Pengawas Koperasi Ahli Pertama", 1),),
    "pariwisata": (("Adyatama Kepariwisataan dan Ekonomi Kreatif Ahli Pertama", 1),),
    "pangan": (("Analis Ketahanan Pangan Ahli Pertama", 2), ("Pengawas Mutu Hasil Pertanian "
                                                              "Terampil", 1)),
    "peternakan": (("Medik Veteriner Ahli Pertama", 2), ("Paramedik Veteriner Terampil", 3),
                   ("Pengawas Bibit Ternak Ahli Pertama", 1)),
    "arsip": (("Arsiparis Terampil", 3), ("Pustakawan Ahli Pertama", 2),
              ("Pustakawan Terampil", 2)),
    "kebudayaan": (("Pamong Budaya Ahli Pertama", 1),),
    "peneliti": (("Peneliti Ahli Pertama", 2), ("Perekayasa Ahli Pertama", 1)),
    "esdm": (("Inspektur Tambang Ahli Pertama", 1), ("Penyelidik Bumi Ahli Pertama", 1)),
    "perikanan": (("Penyuluh Perikanan Ahli Pertama", 2), ("Pengawas Perikanan Terampil", 1)),
    "widyaiswara": (("Widyaiswara Ahli Pertama", 2), ("Widyaiswara Ahli Muda", 2)),
}

TEACHERS: dict[str, Weighted] = {
    "SD": (("Guru Kelas", 70), ("Guru Pendidikan Agama Islam", 14),
           ("Guru Pendidikan Jasmani, Olahraga dan Kesehatan", 12),
           ("Guru Pendidikan Agama Kristen", 1.5), ("Guru Bahasa Inggris", 2.5)),
    "SMP": (("Guru Mata Pelajaran Matematika", 12), ("Guru Mata Pelajaran Bahasa Indonesia", 12),
            ("Guru Mata Pelajaran Bahasa Inggris", 10),
            ("Guru Mata Pelajaran Ilmu Pengetahuan Alam", 11),
            ("Guru Mata Pelajaran Ilmu Pengetahuan Sosial", 10),
            ("Guru Mata Pelajaran Pendidikan Pancasila dan Kewarganegaraan", 7),
            ("Guru Mata Pelajaran Pendidikan Agama Islam", 7),
            ("Guru Mata Pelajaran Pendidikan Jasmani, Olahraga dan Kesehatan", 6),
            ("Guru Mata Pelajaran Seni Budaya", 5), ("Guru Mata Pelajaran Bahasa Jawa", 5),
            ("Guru Mata Pelajaran Prakarya", 4), ("Guru Bimbingan dan Konseling", 6)),
    "SMA": (("Guru Mata Pelajaran Matematika", 10), ("Guru Mata Pelajaran Bahasa Indonesia", 9),
            ("Guru Mata Pelajaran Bahasa Inggris", 9), ("Guru Mata Pelajaran Fisika", 6),
            ("Guru Mata Pelajaran Kimia", 6), ("Guru Mata Pelajaran Biologi", 6),
            ("Guru Mata Pelajaran Ekonomi", 5), ("Guru Mata Pelajaran Sosiologi", 4),
            ("Guru Mata Pelajaran Geografi", 4), ("Guru Mata Pelajaran Sejarah", 5),
            ("Guru Mata Pelajaran Pendidikan Agama Islam", 6),
            ("Guru Mata Pelajaran Pendidikan Pancasila dan Kewarganegaraan", 5),
            ("Guru Mata Pelajaran Pendidikan Jasmani, Olahraga dan Kesehatan", 5),
            ("Guru Mata Pelajaran Seni Budaya", 3), ("Guru Bimbingan dan Konseling", 6)),
    "SMK": (("Guru Mata Pelajaran Matematika", 8), ("Guru Mata Pelajaran Bahasa Indonesia", 7),
            ("Guru Mata Pelajaran Bahasa Inggris", 7),
            ("Guru Mata Pelajaran Teknik Kendaraan Ringan", 6),
            ("Guru Mata Pelajaran Teknik Komputer dan Jaringan", 6),
            ("Guru Mata Pelajaran Akuntansi dan Keuangan Lembaga", 6),
            ("Guru Mata Pelajaran Otomatisasi dan Tata Kelola Perkantoran", 5),
            ("Guru Mata Pelajaran Teknik Instalasi Tenaga Listrik", 4),
            ("Guru Mata Pelajaran Tata Boga", 3), ("Guru Mata Pelajaran Agribisnis Tanaman", 3),
            ("Guru Mata Pelajaran Pendidikan Agama Islam", 5),
            ("Guru Mata Pelajaran Pendidikan Pancasila dan Kewarganegaraan", 4),
            ("Guru Mata Pelajaran Pendidikan Jasmani, Olahraga dan Kesehatan", 4),
            ("Guru Bimbingan dan Konseling", 5)),
    "SLB": (("Guru Pendidikan Khusus", 85), ("Guru Mata Pelajaran Pendidikan Agama Islam", 8),
            ("Guru Mata Pelajaran Pendidikan Jasmani, Olahraga dan Kesehatan", 7)),
}
# School type -> (share of teachers, mean PNS teachers per school incl. the head, staff pull).
SCHOOLS_REGENCY: dict[str, tuple[float, float, float]] = {
    "SD": (0.62, 6.5, 0.6), "SMP": (0.38, 20.0, 2.0),
}
SCHOOLS_PROVINCE: dict[str, tuple[float, float, float]] = {
    "SMA": (0.45, 45.0, 2.0), "SMK": (0.45, 50.0, 2.5), "SLB": (0.10, 18.0, 1.0),
}

SETDA_BAGIAN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Hukum", ("Perundang-undangan", "Bantuan Hukum", "Dokumentasi dan Informasi Hukum")),
    ("Organisasi", ("Kelembagaan dan Analisis Jabatan", "Reformasi Birokrasi", "Tata Laksana")),
    ("Tata Pemerintahan", ("Pemerintahan Umum", "Otonomi Daerah", "Kerja Sama")),
    ("Kesejahteraan Rakyat", ("Bina Mental Spiritual", "Kesejahteraan Sosial",
                              "Pendidikan dan Kesehatan")),
    ("Perekonomian", ("Sarana Perekonomian", "Produksi Daerah", "Badan Usaha Milik Daerah")),
    ("Administrasi Pembangunan", ("Pengendalian Program", "Evaluasi dan Pelaporan Pembangunan",
                                  "Administrasi Pengendalian Pembangunan")),
    ("Pengadaan Barang dan Jasa", ("Pengelolaan Pengadaan", "Layanan Pengadaan Secara Elektronik",
                                   "Pembinaan dan Advokasi Pengadaan")),
    ("Umum", ("Tata Usaha Pimpinan", "Rumah Tangga", "Keuangan")),
    ("Protokol dan Komunikasi Pimpinan", ("Protokol", "Komunikasi Pimpinan",
                                          "Dokumentasi Pimpinan")),
)
SETDA_ASISTEN = ("Asisten Pemerintahan dan Kesejahteraan Rakyat",
                  "Asisten Perekonomian dan Pembangunan", "Asisten Administrasi Umum")
STAF_AHLI = ("Bidang Hukum, Politik dan Pemerintahan", "Bidang Ekonomi, Keuangan dan Pembangunan",
              "Bidang Kemasyarakatan dan Sumber Daya Manusia")
DPRD_BAGIAN = (
    "Umum: Tata Usaha dan Kepegawaian; Rumah Tangga; Perlengkapan"
    " | Keuangan: Anggaran; Perbendaharaan; Verifikasi dan Akuntansi"
    " | Persidangan dan Perundang-undangan: Persidangan dan Risalah; Perundang-undangan;"
    " Hubungan Masyarakat dan Publikasi"
    " | Fasilitasi Penganggaran dan Pengawasan: Fasilitasi Penganggaran; Fasilitasi Pengawasan;"
    " Kajian dan Aspirasi"
)
SEKRETARIAT_SUBBAG = ("Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Evaluasi")
KEC_SEKSI = ("Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Kesejahteraan Sosial",
              "Pemberdayaan Masyarakat dan Desa", "Pelayanan Umum")
KEC_SUBBAG = ("Umum dan Kepegawaian", "Perencanaan dan Keuangan")
GENERIC_SEKSI_PREFIX = ("Pengembangan", "Pembinaan", "Pengawasan")


@dataclass(frozen=True, slots=True)
class Opd:
    """One OPD of the catalogue: how it is built and who works there."""

    name: str
    kind: str  # setda dprd inspektorat dinas badan satpol bpbd rsud kecamatan puskesmas uptd
    weight: float = 1.0  # structural richness: how early it gets its next post
    staff: float = 1.0  # pull on pelaksana that are not in a seksi
    bidang: str = ""  # "Topic: seksi; seksi | Topic" (seksi optional)
    upt: str = ""  # UPT name stem; empty = no UPTs
    upt_max: int = 2  # UPTs a regency office has at most (a province has more)
    flavor: str = "umum"  # pelaksana table
    tech: str = ""  # technical functional table
    tech_weight: float = 0.0
    health: float = 0.0  # share of health functional staff
    health_table: str = ""
    service: bool = False  # named as a service or exempt unit by a bundled circular
    place: str = ""  # kecamatan/puskesmas place name


CORE: tuple[Opd, ...] = (
    Opd("Sekretariat Daerah", "setda", 1.8, 2.0, tech="setda", tech_weight=1.0),
    Opd("Dinas Pendidikan", "dinas", 1.3, 1.0,
         "Pembinaan Sekolah Dasar: Kurikulum Sekolah Dasar; Kelembagaan dan Sarana Prasarana"
         " Sekolah Dasar; Peserta Didik Sekolah Dasar"
         " | Pembinaan Sekolah Menengah Pertama: Kurikulum Sekolah Menengah Pertama;"
         " Kelembagaan dan Sarana Prasarana Sekolah Menengah Pertama;"
         " Peserta Didik Sekolah Menengah Pertama"
         " | Pendidikan Anak Usia Dini dan Pendidikan Nonformal: Kurikulum PAUD dan Pendidikan"
         " Nonformal; Kelembagaan PAUD dan Pendidikan Nonformal"
         " | Guru dan Tenaga Kependidikan: Pendidik; Tenaga Kependidikan",
         upt="UPT Pendidikan Wilayah", upt_max=20, tech="pendidikan", tech_weight=3.0),
    Opd("Dinas Kesehatan", "dinas", 1.3, 1.0,
         "Kesehatan Masyarakat: Kesehatan Keluarga; Promosi Kesehatan dan Gizi;"
         " Kesehatan Lingkungan dan Kesehatan Kerja"
         " | Pencegahan dan Pengendalian Penyakit: Surveilans dan Imunisasi; Pencegahan dan"
         " Pengendalian Penyakit Menular; Penyakit Tidak Menular dan Kesehatan Jiwa"
         " | Pelayanan Kesehatan: Pelayanan Kesehatan Primer; Pelayanan Kesehatan Rujukan;"
         " Pelayanan Kesehatan Tradisional"
         " | Sumber Daya Kesehatan: Kefarmasian; Alat Kesehatan; Sumber Daya Manusia Kesehatan",
         health=0.05, health_table="dinkes"),
    Opd("RSUD dr. Soehadi Prijonegoro", "rsud", 1.2, 2.5,
         "Pelayanan Medik: Pelayanan Medik Rawat Jalan; Pelayanan Medik Rawat Inap"
         " | Keperawatan: Asuhan Keperawatan; Mutu Keperawatan"
         " | Penunjang: Penunjang Medik; Penunjang Nonmedik"
         " | Keuangan: Anggaran dan Perbendaharaan; Akuntansi dan Mobilisasi Dana",
         flavor="rs", health=0.36, health_table="rs", service=True),
    Opd("Sekretariat DPRD", "dprd", 1.0, 1.5, DPRD_BAGIAN, tech="dprd", tech_weight=0.5),
    Opd("Inspektorat", "inspektorat", 1.0, 0.8, tech="inspektorat", tech_weight=3.0),
    Opd("Satuan Polisi Pamong Praja", "satpol", 1.0, 4.0,
         "Penegakan Peraturan Daerah: Pembinaan, Pengawasan dan Penyuluhan; Penyelidikan dan"
         " Penyidikan | Ketertiban Umum dan Ketenteraman Masyarakat: Operasi dan Pengendalian;"
         " Kerja Sama | Perlindungan Masyarakat: Satuan Perlindungan Masyarakat; Bina Potensi"
         " Masyarakat | Sumber Daya Aparatur: Pelatihan Dasar; Teknis Fungsional",
         flavor="satpol", tech="satpol", tech_weight=0.5, service=True),
    Opd("Dinas Kependudukan dan Pencatatan Sipil", "dinas", 1.0, 2.0,
         "Pelayanan Pendaftaran Penduduk: Identitas Penduduk; Pindah Datang Penduduk;"
         " Pendataan Penduduk | Pelayanan Pencatatan Sipil: Kelahiran dan Kematian; Perkawinan"
         " dan Perceraian; Perubahan Status Anak dan Kewarganegaraan"
         " | Pengelolaan Informasi Administrasi Kependudukan: Sistem Informasi Administrasi"
         " Kependudukan; Pengolahan dan Penyajian Data Kependudukan"
         " | Pemanfaatan Data dan Inovasi Pelayanan: Kerja Sama; Inovasi Pelayanan",
         flavor="dukcapil", tech="dukcapil", tech_weight=0.6, service=True),
    Opd("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", 1.0, 1.0,
         "Pengadaan, Pemberhentian dan Informasi: Pengadaan dan Pemberhentian; Data dan Informasi"
         " Kepegawaian | Mutasi dan Promosi: Mutasi; Promosi dan Kepangkatan"
         " | Pengembangan Sumber Daya Manusia: Pengembangan Kompetensi; Diklat Teknis dan"
         " Fungsional | Penilaian Kinerja dan Penghargaan: Penilaian Kinerja; Disiplin dan"
         " Penghargaan", flavor="kepegawaian", tech="bkpsdm", tech_weight=1.2),
    Opd("Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", 1.3, 1.5,
         "Bina Marga: Pembangunan Jalan dan Jembatan; Pemeliharaan Jalan dan Jembatan;"
         " Perencanaan Teknis Jalan | Sumber Daya Air: Irigasi; Sungai dan Air Baku; Operasi dan"
         " Pemeliharaan | Cipta Karya: Bangunan Gedung; Air Minum dan Sanitasi; Jasa Konstruksi"
         " | Penataan Ruang: Perencanaan Tata Ruang; Pemanfaatan Ruang; Pengendalian Pemanfaatan"
         " Ruang", upt="UPT Pengelolaan Jalan dan Jembatan Wilayah", upt_max=8, tech="pupr",
         tech_weight=1.5),
    Opd("Badan Pendapatan Daerah", "badan", 1.0, 1.5,
         "Pendaftaran dan Penetapan: Pendaftaran dan Pendataan; Penetapan dan Keberatan"
         " | Pajak Bumi dan Bangunan: Pendataan dan Penilaian; Pelayanan Pajak Bumi dan Bangunan"
         " | Penagihan dan Pembukuan: Penagihan; Pembukuan dan Pelaporan"
         " | Pengembangan Pendapatan: Pengembangan Pajak Daerah; Retribusi dan Pendapatan Lain",
         upt="UPT Pelayanan Pajak Daerah Wilayah", upt_max=4, flavor="pajak", service=True),
    Opd("Badan Penanggulangan Bencana Daerah", "bpbd", 0.9, 1.5,
         "Pencegahan dan Kesiapsiagaan: Pencegahan; Kesiapsiagaan"
         " | Kedaruratan dan Logistik: Kedaruratan; Logistik"
         " | Rehabilitasi dan Rekonstruksi: Rehabilitasi; Rekonstruksi",
         flavor="bpbd", tech="bpbd", tech_weight=0.4, service=True),
    Opd("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", 0.9, 1.2,
         "Penanaman Modal: Promosi Penanaman Modal; Pengendalian Penanaman Modal; Data dan"
         " Sistem Informasi Penanaman Modal | Pelayanan Perizinan: Perizinan Usaha; Perizinan"
         " Non Usaha; Informasi dan Pengaduan | Pengawasan Perizinan",
         flavor="perizinan", tech="umum", tech_weight=0.3, service=True),
    Opd("Dinas Perhubungan", "dinas", 1.0, 2.0,
         "Lalu Lintas: Manajemen dan Rekayasa Lalu Lintas; Pengendalian dan Ketertiban Lalu"
         " Lintas; Keselamatan | Angkutan: Angkutan Orang; Angkutan Barang; Terminal"
         " | Sarana dan Prasarana: Pengujian Kendaraan Bermotor; Perparkiran; Perlengkapan Jalan",
         upt="UPT Perparkiran Wilayah", upt_max=1, flavor="dishub", tech="dishub", tech_weight=0.8,
         service=True),
    Opd("Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup", "dinas", 1.1, 1.5,
         "Perumahan: Penyediaan Perumahan; Perumahan Swadaya | Kawasan Permukiman: Permukiman"
         " Kumuh; Prasarana, Sarana dan Utilitas | Lingkungan Hidup: Pengendalian Pencemaran;"
         " Pengelolaan Sampah; Pertamanan dan Penerangan Jalan | Pertanahan",
         upt="UPT Persampahan Wilayah", upt_max=2, tech="lh", tech_weight=1.0, service=True),
    Opd("Badan Perencanaan Pembangunan Daerah", "badan", 1.0, 0.8,
         "Perencanaan, Pengendalian dan Evaluasi: Perencanaan; Pengendalian dan Evaluasi"
         " | Perekonomian dan Sumber Daya Alam: Perekonomian; Sumber Daya Alam"
         " | Pemerintahan dan Pembangunan Manusia: Pemerintahan; Pembangunan Manusia"
         " | Infrastruktur dan Pengembangan Wilayah: Infrastruktur; Pengembangan Wilayah",
         tech="bappeda", tech_weight=1.5),
    Opd("Dinas Pemadam Kebakaran", "dinas", 0.8, 4.0,
         "Pencegahan Kebakaran: Pencegahan; Pemberdayaan Masyarakat"
         " | Pemadaman dan Penyelamatan: Operasi Pemadaman; Penyelamatan dan Evakuasi"
         " | Sarana dan Prasarana: Sarana Pemadam; Pemeliharaan Peralatan",
         upt="UPT Pos Pemadam Kebakaran Wilayah", upt_max=4, flavor="damkar", tech="damkar",
         tech_weight=0.6, service=True),
    Opd("RSUD Gemolong", "rsud", 0.7, 1.5,
         "Pelayanan: Pelayanan Medik; Penunjang | Keperawatan: Asuhan Keperawatan",
         flavor="rs", health=0.12, health_table="rs", service=True),
    Opd("Dinas Pertanian", "dinas", 1.2, 1.0,
         "Tanaman Pangan: Produksi Tanaman Pangan; Perlindungan Tanaman Pangan; Sarana dan"
         " Prasarana Pertanian | Hortikultura dan Perkebunan: Produksi Hortikultura; Produksi"
         " Perkebunan; Pengolahan dan Pemasaran Hasil | Penyuluhan: Kelembagaan Penyuluhan;"
         " Metode dan Informasi Penyuluhan; Ketenagaan Penyuluhan",
         upt="UPT Balai Penyuluhan Pertanian Wilayah", upt_max=20, tech="pertanian",
         tech_weight=5.0),
    Opd("Dinas Sosial", "dinas", 1.0, 1.0,
         "Rehabilitasi Sosial | Perlindungan dan Jaminan Sosial | Pemberdayaan Sosial"
         " | Penanganan Fakir Miskin", upt="UPT Rehabilitasi Sosial Wilayah", upt_max=3,
         tech="sosial", tech_weight=1.0),
    Opd("Badan Pengelolaan Keuangan dan Aset Daerah", "badan", 1.1, 1.0,
         "Anggaran: Penyusunan Anggaran; Pengendalian Anggaran | Perbendaharaan: Belanja;"
         " Kas Daerah | Akuntansi: Akuntansi Pemerintah Daerah; Pelaporan Keuangan"
         " | Aset: Penatausahaan Aset; Pemanfaatan dan Pengamanan Aset",
         flavor="keuangan", tech="umum", tech_weight=0.5),
    Opd("Dinas Komunikasi dan Informatika", "dinas", 0.9, 0.8,
         "Informasi dan Komunikasi Publik | Aplikasi Informatika | Statistik dan Persandian",
         tech="kominfo", tech_weight=1.0),
    Opd("Dinas Perdagangan", "dinas", 1.0, 1.5,
         "Perdagangan | Pengelolaan Pasar | Perlindungan Konsumen", upt="UPT Pasar Wilayah",
         upt_max=10, tech="perdagangan", tech_weight=0.6),
    Opd("Dinas Pemberdayaan Masyarakat dan Desa", "dinas", 0.9, 0.8,
         "Pemerintahan Desa | Pemberdayaan Masyarakat | Kelembagaan dan Keuangan Desa"),
    Opd("Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan"
         " Perlindungan Anak", "dinas", 1.0, 1.0,
         "Pengendalian Penduduk | Keluarga Berencana | Pemberdayaan Perempuan"
         " | Perlindungan Anak", tech="p3akb", tech_weight=1.2),
    Opd("Dinas Tenaga Kerja dan Transmigrasi", "dinas", 0.9, 0.8,
         "Pelatihan dan Produktivitas | Penempatan Tenaga Kerja dan Transmigrasi"
         " | Hubungan Industrial", upt="UPT Balai Latihan Kerja Wilayah", upt_max=1, tech="naker",
         tech_weight=0.6),
    Opd("Dinas Koperasi dan Usaha Kecil Menengah", "dinas", 0.9, 0.8,
         "Kelembagaan Koperasi | Usaha Kecil Menengah | Pengawasan Koperasi", tech="koperasi",
         tech_weight=0.5),
    Opd("Dinas Pariwisata, Kepemudaan dan Olahraga", "dinas", 0.9, 1.0,
         "Pariwisata | Kepemudaan | Olahraga", upt="UPT Pengelolaan Objek Wisata Wilayah",
         upt_max=3, tech="pariwisata", tech_weight=0.4),
    Opd("Dinas Ketahanan Pangan", "dinas", 0.8, 0.8,
         "Ketersediaan Pangan | Distribusi dan Cadangan Pangan | Konsumsi dan Keamanan Pangan",
         tech="pangan", tech_weight=0.8),
    Opd("Dinas Peternakan dan Kesehatan Hewan", "dinas", 0.9, 1.0,
         "Produksi Peternakan | Kesehatan Hewan | Kesehatan Masyarakat Veteriner",
         upt="UPT Pusat Kesehatan Hewan Wilayah", upt_max=10, tech="peternakan", tech_weight=1.5),
    Opd("Dinas Arsip dan Perpustakaan", "dinas", 0.8, 0.8,
         "Kearsipan | Perpustakaan | Pelestarian Bahan Pustaka", tech="arsip", tech_weight=1.5),
    Opd("Badan Kesatuan Bangsa dan Politik", "badan", 0.7, 0.8,
         "Ideologi dan Wawasan Kebangsaan | Politik Dalam Negeri | Ketahanan Ekonomi, Sosial dan"
         " Budaya"),
    Opd("Dinas Perindustrian", "dinas", 0.8, 0.8,
         "Industri Agro | Industri Logam dan Kimia | Sarana Industri",
         upt="UPT Sentra Industri Wilayah", upt_max=1, tech="perdagangan", tech_weight=0.4),
    Opd("Dinas Kebudayaan", "dinas", 0.7, 0.8, "Cagar Budaya | Kesenian | Tradisi dan Nilai"
         " Budaya", tech="kebudayaan", tech_weight=0.5),
    Opd("Badan Penelitian dan Pengembangan Daerah", "badan", 0.7, 0.6,
         "Penelitian | Pengembangan | Inovasi dan Teknologi", tech="peneliti", tech_weight=0.8),
    Opd("Dinas Energi dan Sumber Daya Mineral", "dinas", 0.9, 0.8,
         "Energi | Ketenagalistrikan | Mineral dan Batubara | Air Tanah",
         upt="UPT Energi dan Sumber Daya Mineral Wilayah", tech="esdm", tech_weight=0.6),
    Opd("Dinas Lingkungan Hidup dan Kehutanan", "dinas", 1.0, 1.0,
         "Tata Lingkungan | Pengendalian Pencemaran | Kehutanan | Konservasi Sumber Daya Alam",
         upt="UPT Kesatuan Pengelolaan Hutan Wilayah", tech="lh", tech_weight=1.0),
    Opd("Dinas Kelautan dan Perikanan", "dinas", 0.9, 1.0,
         "Perikanan Tangkap | Perikanan Budidaya | Pengolahan dan Pemasaran Hasil Perikanan"
         " | Kelautan dan Pesisir", upt="UPT Pelabuhan Perikanan Wilayah", tech="perikanan",
         tech_weight=0.8),
    Opd("Dinas Pekerjaan Umum Sumber Daya Air", "dinas", 1.1, 1.0,
         "Irigasi | Sungai dan Pantai | Air Baku | Operasi dan Pemeliharaan Sumber Daya Air",
         upt="UPT Balai Pengelolaan Sumber Daya Air Wilayah", tech="pupr", tech_weight=1.0),
    Opd("Dinas Pekerjaan Umum Bina Marga dan Cipta Karya", "dinas", 1.1, 1.0,
         "Pembangunan Jalan | Preservasi Jalan | Jembatan | Cipta Karya",
         upt="UPT Balai Pemeliharaan Jalan Wilayah", tech="pupr", tech_weight=1.0),
    Opd("Badan Penghubung Daerah", "badan", 0.5, 0.6, "Promosi dan Pemasaran | Fasilitasi"
         " dan Protokol"),
    Opd("Badan Pendidikan dan Pelatihan Daerah", "badan", 0.8, 0.8,
         "Kompetensi Manajerial | Kompetensi Teknis | Sertifikasi dan Penjaminan Mutu",
         tech="widyaiswara", tech_weight=1.0),
    Opd("Dinas Perkebunan", "dinas", 0.8, 0.8,
         "Produksi Perkebunan | Perlindungan Perkebunan | Usaha Perkebunan",
         upt="UPT Proteksi Tanaman Perkebunan Wilayah", tech="pertanian", tech_weight=1.0),
    Opd("Dinas Pertanahan", "dinas", 0.7, 0.8,
         "Penatagunaan Tanah | Pengadaan Tanah | Penyelesaian Sengketa Tanah"),
    Opd("Badan Riset dan Inovasi Daerah", "badan", 0.6, 0.6, "Riset | Inovasi | Kemitraan",
         tech="peneliti", tech_weight=0.5),
    Opd("Dinas Pemuda dan Olahraga", "dinas", 0.7, 0.8,
         "Kepemudaan | Keolahragaan | Sarana dan Prasarana Olahraga"),
)
PROVINCE_PENDIDIKAN = (
    "Pembinaan Sekolah Menengah Atas: Kurikulum SMA; Kelembagaan dan Sarana Prasarana SMA;"
    " Peserta Didik SMA | Pembinaan Sekolah Menengah Kejuruan: Kurikulum SMK; Kelembagaan dan"
    " Sarana Prasarana SMK; Peserta Didik SMK | Pembinaan Pendidikan Khusus: Kurikulum"
    " Pendidikan Khusus; Kelembagaan Pendidikan Khusus | Guru dan Tenaga Kependidikan: Pendidik;"
    " Tenaga Kependidikan"
)
UPTD: tuple[Opd, ...] = (
    Opd("UPTD Laboratorium Kesehatan Daerah", "uptd", 0.4, 0.5, health=0.03,
         health_table="labkes", service=True),
    Opd("UPTD Pengobatan Penyakit Paru", "uptd", 0.4, 0.5, health=0.03, health_table="paru",
         service=True),
)



GELAR_SUFFIX: dict[str, Weighted] = {
    "guru_sd": (("S.Pd.", 50), ("S.Pd.SD", 30), ("S.Pd.I.", 8), ("", 7), ("A.Ma.Pd.", 5)),
    "guru": (("S.Pd.", 70), ("S.Pd., M.Pd.", 10), ("S.Si.", 5), ("S.Pd.I.", 6), ("S.Kom.", 3),
             ("S.S.", 3), ("S.E.", 3)),
    "kepsek": (("S.Pd.", 50), ("S.Pd., M.Pd.", 40), ("S.Pd.SD", 10)),
    "perawat": (("S.Kep., Ns.", 40), ("A.Md.Kep.", 50), ("", 10)),
    "bidan": (("A.Md.Keb.", 65), ("S.Tr.Keb.", 20), ("S.ST.", 10), ("", 5)),
    "kesehatan": (("A.Md.Kes.", 60), ("S.KM.", 25), ("S.Tr.Kes.", 10), ("", 5)),
    "jpt": (("S.H., M.H.", 10), ("S.Sos., M.Si.", 15), ("S.E., M.M.", 12), ("S.T., M.T.", 8),
            ("S.IP., M.Si.", 10), ("M.Si.", 12), ("M.M.", 8), ("S.Pd., M.Pd.", 6), ("S.H.", 5),
            ("S.STP., M.Si.", 8), ("S.Kom., M.Kom.", 3)),
    "struktural": (("S.Sos.", 14), ("S.E.", 12), ("S.H.", 10), ("S.IP.", 8), ("S.T.", 6),
                   ("S.Kom.", 4), ("S.STP.", 5), ("S.Sos., M.Si.", 8), ("S.E., M.M.", 6),
                   ("M.Si.", 4), ("S.Pd.", 4), ("S.AP.", 5), ("", 4)),
    "pelaksana": (("", 45), ("S.E.", 8), ("S.Sos.", 7), ("A.Md.", 12), ("S.Kom.", 5),
                  ("S.H.", 4), ("S.IP.", 3), ("S.AP.", 3), ("A.Md.Kom.", 4), ("S.Pd.", 3),
                  ("S.T.", 3), ("S.Ak.", 3)),
    "teknis": (("S.E.", 10), ("S.T.", 10), ("S.P.", 8), ("S.Kom.", 8), ("S.Si.", 8),
               ("S.H.", 8), ("S.Sos.", 10), ("S.Ak.", 6), ("S.IP.", 8), ("A.Md.", 10),
               ("M.Si.", 4)),
    "auditor": (("S.E.", 40), ("S.Ak.", 30), ("S.E., M.Ak.", 10), ("S.H.", 10), ("S.T.", 10)),
    "tani": (("S.P.", 50), ("S.TP.", 15), ("A.Md.", 20), ("", 15)),
    "teknik": (("S.T.", 70), ("A.Md.T.", 20), ("S.T., M.T.", 10)),
}
SPESIALIS = {"Penyakit Dalam": "Sp.PD.", "Anak": "Sp.A.", "Bedah": "Sp.B.",
              "Obstetri dan Ginekologi": "Sp.OG.", "Anestesiologi": "Sp.An.",
              "Radiologi": "Sp.Rad.", "Patologi Klinik": "Sp.PK.", "Paru": "Sp.P."}
