"""A synthetic but realistic staff list of a regional government, for demos and benchmarks.

Real staff lists cannot be shipped (names, NIPs and health flags are personal data), yet the
solver has to be shown and measured on something that looks like one: a regency of about
9,000 ASN in 2020 (Sragen, POLICY.md "Sizes"), or a province at 60,000. The generator builds
the organisation first (OPDs, their bidang/seksi/subbagian, kecamatan with kelurahan,
puskesmas, schools), then fills it with people so that the national post shares hold
(pelaksana 39%, teachers 35%, health and technical functional posts 15%, structural 11%),
then adds the noise of real SIMPEG exports: mixed eselon spellings, a blank `Jenis Jabatan`
here and there, vacancies that leave an OPD with one administrator or no pengawas.

Everything is drawn from one `numpy.random.default_rng(seed)` in a fixed order, so a
(size, seed) pair always gives the same frame.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from wfh_solver.sample_absences import PERIOD, add_absences
from wfh_solver.write.failure import naming

__all__ = ["COLUMNS", "make_sample", "write_sample"]

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
_SHARE_STRUCTURAL = 0.11
_SHARE_TEACHER = 0.35
_SHARE_FUNCTIONAL = 0.15
_SHARE_HEALTH_OF_FUNCTIONAL = 0.72
# Below this many rows an organisation cannot be both complete and in proportion;
# smaller samples are drawn from one of this size.
_MIN_BUILD = 100
# From this size on the sample looks like a province (upper secondary schools, branch offices).
_PROVINCE_SIZE = 20_000
# Field offices (balai/UPT) every provincial office with any keeps, at the least.
_PROVINCE_UPT = 30

# Row categories (internal codes).
_JPT, _ADMIN, _PENGAWAS, _PELAKSANA, _GURU, _HEALTH, _TECH = range(7)
_STRUCTURAL = (_JPT, _ADMIN, _PENGAWAS)
_LEVEL_CATEGORY = {"II": _JPT, "III": _ADMIN, "IV": _PENGAWAS}

# ---------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------

_KECAMATAN: tuple[str, ...] = (
    "Sragen", "Karangmalang", "Sidoharjo", "Masaran", "Kedawung", "Sambirejo", "Gondang",
    "Sambungmacan", "Ngrampal", "Tanon", "Gemolong", "Plupuh", "Kalijambe", "Miri",
    "Sumberlawang", "Mondokan", "Sukodono", "Gesi", "Tangen", "Jenar",
)
_CITIES: tuple[str, ...] = (
    "Semarang", "Surakarta", "Magelang", "Salatiga", "Pekalongan", "Tegal", "Kudus", "Pati",
    "Demak", "Jepara", "Rembang", "Blora", "Grobogan", "Boyolali", "Klaten", "Sukoharjo",
    "Wonogiri", "Karanganyar", "Sragen", "Purworejo", "Kebumen", "Banyumas", "Cilacap",
    "Purbalingga", "Banjarnegara", "Wonosobo", "Temanggung", "Kendal", "Batang", "Pemalang",
    "Brebes", "Ungaran", "Mungkid", "Slawi", "Kajen",
)
_VILLAGE_HEADS: tuple[str, ...] = (
    "Karang", "Sido", "Tegal", "Kebon", "Sumber", "Jati", "Wono", "Ngro", "Banyu", "Pandan",
    "Gading", "Mojo", "Bulu", "Purwo", "Tanjung", "Kali", "Sri", "Gedong", "Pucang", "Ngemplak",
)
_VILLAGE_TAILS: tuple[str, ...] = (
    "rejo", "harjo", "mulyo", "sari", "agung", "asri", "wangi", "roto", "joyo", "kerto",
    " Kulon", " Wetan", " Tengah", " Lor", " Kidul",
)

_MALE_FIRST: tuple[str, ...] = (
    "Agus", "Budi", "Bambang", "Joko", "Slamet", "Sugeng", "Heru", "Eko", "Dwi", "Tri",
    "Hadi", "Ahmad", "Muhammad", "Rudi", "Wahyu", "Arif", "Teguh", "Didik", "Aris", "Andi",
    "Bayu", "Dedi", "Fajar", "Hendra", "Indra", "Rizky", "Yusuf", "Puji", "Setyo", "Agung",
    "Bagus", "Catur", "Danang", "Edi", "Gatot", "Hari", "Imam", "Kurniawan", "Lukman",
    "Nur", "Purnomo", "Rahmat", "Sapto", "Sigit", "Suryo", "Totok", "Yoga", "Yudi",
    "Ari", "Dimas",
)
_FEMALE_FIRST: tuple[str, ...] = (
    "Sri", "Siti", "Dwi", "Tri", "Endang", "Nur", "Rina", "Dewi", "Ani", "Yuni", "Eni",
    "Ratna", "Retno", "Dian", "Fitri", "Indah", "Lina", "Nanik", "Puji", "Ika", "Kartika",
    "Rini", "Susi", "Tutik", "Umi", "Wulan", "Yeni", "Anik", "Erna", "Heni", "Ida", "Lilis",
    "Maya", "Novi", "Nining", "Okta", "Rahma", "Sari", "Titik", "Wiwik", "Yuli", "Ayu",
    "Desi", "Emi", "Fatimah", "Hesti", "Intan", "Lestari", "Mega", "Tari",
)
_MALE_LAST: tuple[str, ...] = (
    "Setiawan", "Santoso", "Wibowo", "Prasetyo", "Susanto", "Purnomo", "Hidayat", "Nugroho",
    "Saputra", "Kurniawan", "Gunawan", "Suryanto", "Priyanto", "Widodo", "Sulistyo",
    "Haryanto", "Wijaya", "Hartono", "Rahman", "Sutrisno", "Suparman", "Mulyono", "Raharjo",
    "Budiman", "Firmansyah", "Hermawan", "Iskandar", "Kuncoro", "Pamungkas", "Sasongko",
    "Sudarsono", "Triyono", "Utomo", "Wahyudi", "Yulianto", "Ardiansyah", "Darmawan",
    "Fauzi", "Nugraha", "Subagyo",
)
_FEMALE_LAST: tuple[str, ...] = (
    "Wahyuni", "Lestari", "Rahayu", "Astuti", "Handayani", "Susanti", "Wulandari",
    "Purwanti", "Mulyani", "Kusumawati", "Rahmawati", "Hartati", "Setyaningsih",
    "Sulistyowati", "Utami", "Pratiwi", "Nurhayati", "Yuliani", "Anggraeni", "Fitriani",
    "Hastuti", "Indrawati", "Kurniasih", "Maryati", "Ningsih", "Permatasari", "Puspitasari",
    "Rahmadani", "Safitri", "Sumarni", "Suryani", "Triana", "Widyastuti", "Winarsih",
    "Yuniarti", "Agustina", "Damayanti", "Oktaviani", "Rejeki", "Setyowati",
)

Weighted = tuple[tuple[str, float], ...]

# Pelaksana posts by the kind of place they work in.
_STAFF_POSTS: dict[str, Weighted] = {
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
_HEALTH_POSTS: dict[str, Weighted] = {
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
_INSTALASI_BY_WORD: tuple[tuple[str, tuple[str, ...]], ...] = (
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
_RS_STAFF_INSTALASI = ("Instalasi Rawat Jalan", "Instalasi Rawat Inap", "Instalasi Gawat Darurat",
                       "Instalasi Rekam Medis", "Instalasi Gizi")

# Technical functional posts by OPD.
_TECH_POSTS: dict[str, Weighted] = {
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

_TEACHERS: dict[str, Weighted] = {
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
_SCHOOLS_REGENCY: dict[str, tuple[float, float, float]] = {
    "SD": (0.62, 6.5, 0.6), "SMP": (0.38, 20.0, 2.0),
}
_SCHOOLS_PROVINCE: dict[str, tuple[float, float, float]] = {
    "SMA": (0.45, 45.0, 2.0), "SMK": (0.45, 50.0, 2.5), "SLB": (0.10, 18.0, 1.0),
}

_SETDA_BAGIAN: tuple[tuple[str, tuple[str, ...]], ...] = (
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
_SETDA_ASISTEN = ("Asisten Pemerintahan dan Kesejahteraan Rakyat",
                  "Asisten Perekonomian dan Pembangunan", "Asisten Administrasi Umum")
_STAF_AHLI = ("Bidang Hukum, Politik dan Pemerintahan", "Bidang Ekonomi, Keuangan dan Pembangunan",
              "Bidang Kemasyarakatan dan Sumber Daya Manusia")
_DPRD_BAGIAN = (
    "Umum: Tata Usaha dan Kepegawaian; Rumah Tangga; Perlengkapan"
    " | Keuangan: Anggaran; Perbendaharaan; Verifikasi dan Akuntansi"
    " | Persidangan dan Perundang-undangan: Persidangan dan Risalah; Perundang-undangan;"
    " Hubungan Masyarakat dan Publikasi"
    " | Fasilitasi Penganggaran dan Pengawasan: Fasilitasi Penganggaran; Fasilitasi Pengawasan;"
    " Kajian dan Aspirasi"
)
_SEKRETARIAT_SUBBAG = ("Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Evaluasi")
_KEC_SEKSI = ("Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Kesejahteraan Sosial",
              "Pemberdayaan Masyarakat dan Desa", "Pelayanan Umum")
_KEC_SUBBAG = ("Umum dan Kepegawaian", "Perencanaan dan Keuangan")
_GENERIC_SEKSI_PREFIX = ("Pengembangan", "Pembinaan", "Pengawasan")


@dataclass(frozen=True, slots=True)
class _Opd:
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


_CORE: tuple[_Opd, ...] = (
    _Opd("Sekretariat Daerah", "setda", 1.8, 2.0, tech="setda", tech_weight=1.0),
    _Opd("Dinas Pendidikan", "dinas", 1.3, 1.0,
         "Pembinaan Sekolah Dasar: Kurikulum Sekolah Dasar; Kelembagaan dan Sarana Prasarana"
         " Sekolah Dasar; Peserta Didik Sekolah Dasar"
         " | Pembinaan Sekolah Menengah Pertama: Kurikulum Sekolah Menengah Pertama;"
         " Kelembagaan dan Sarana Prasarana Sekolah Menengah Pertama;"
         " Peserta Didik Sekolah Menengah Pertama"
         " | Pendidikan Anak Usia Dini dan Pendidikan Nonformal: Kurikulum PAUD dan Pendidikan"
         " Nonformal; Kelembagaan PAUD dan Pendidikan Nonformal"
         " | Guru dan Tenaga Kependidikan: Pendidik; Tenaga Kependidikan",
         upt="UPT Pendidikan Wilayah", upt_max=20, tech="pendidikan", tech_weight=3.0),
    _Opd("Dinas Kesehatan", "dinas", 1.3, 1.0,
         "Kesehatan Masyarakat: Kesehatan Keluarga; Promosi Kesehatan dan Gizi;"
         " Kesehatan Lingkungan dan Kesehatan Kerja"
         " | Pencegahan dan Pengendalian Penyakit: Surveilans dan Imunisasi; Pencegahan dan"
         " Pengendalian Penyakit Menular; Penyakit Tidak Menular dan Kesehatan Jiwa"
         " | Pelayanan Kesehatan: Pelayanan Kesehatan Primer; Pelayanan Kesehatan Rujukan;"
         " Pelayanan Kesehatan Tradisional"
         " | Sumber Daya Kesehatan: Kefarmasian; Alat Kesehatan; Sumber Daya Manusia Kesehatan",
         health=0.05, health_table="dinkes"),
    _Opd("RSUD dr. Soehadi Prijonegoro", "rsud", 1.2, 2.5,
         "Pelayanan Medik: Pelayanan Medik Rawat Jalan; Pelayanan Medik Rawat Inap"
         " | Keperawatan: Asuhan Keperawatan; Mutu Keperawatan"
         " | Penunjang: Penunjang Medik; Penunjang Nonmedik"
         " | Keuangan: Anggaran dan Perbendaharaan; Akuntansi dan Mobilisasi Dana",
         flavor="rs", health=0.36, health_table="rs", service=True),
    _Opd("Sekretariat DPRD", "dprd", 1.0, 1.5, _DPRD_BAGIAN, tech="dprd", tech_weight=0.5),
    _Opd("Inspektorat", "inspektorat", 1.0, 0.8, tech="inspektorat", tech_weight=3.0),
    _Opd("Satuan Polisi Pamong Praja", "satpol", 1.0, 4.0,
         "Penegakan Peraturan Daerah: Pembinaan, Pengawasan dan Penyuluhan; Penyelidikan dan"
         " Penyidikan | Ketertiban Umum dan Ketenteraman Masyarakat: Operasi dan Pengendalian;"
         " Kerja Sama | Perlindungan Masyarakat: Satuan Perlindungan Masyarakat; Bina Potensi"
         " Masyarakat | Sumber Daya Aparatur: Pelatihan Dasar; Teknis Fungsional",
         flavor="satpol", tech="satpol", tech_weight=0.5, service=True),
    _Opd("Dinas Kependudukan dan Pencatatan Sipil", "dinas", 1.0, 2.0,
         "Pelayanan Pendaftaran Penduduk: Identitas Penduduk; Pindah Datang Penduduk;"
         " Pendataan Penduduk | Pelayanan Pencatatan Sipil: Kelahiran dan Kematian; Perkawinan"
         " dan Perceraian; Perubahan Status Anak dan Kewarganegaraan"
         " | Pengelolaan Informasi Administrasi Kependudukan: Sistem Informasi Administrasi"
         " Kependudukan; Pengolahan dan Penyajian Data Kependudukan"
         " | Pemanfaatan Data dan Inovasi Pelayanan: Kerja Sama; Inovasi Pelayanan",
         flavor="dukcapil", tech="dukcapil", tech_weight=0.6, service=True),
    _Opd("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", 1.0, 1.0,
         "Pengadaan, Pemberhentian dan Informasi: Pengadaan dan Pemberhentian; Data dan Informasi"
         " Kepegawaian | Mutasi dan Promosi: Mutasi; Promosi dan Kepangkatan"
         " | Pengembangan Sumber Daya Manusia: Pengembangan Kompetensi; Diklat Teknis dan"
         " Fungsional | Penilaian Kinerja dan Penghargaan: Penilaian Kinerja; Disiplin dan"
         " Penghargaan", flavor="kepegawaian", tech="bkpsdm", tech_weight=1.2),
    _Opd("Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", 1.3, 1.5,
         "Bina Marga: Pembangunan Jalan dan Jembatan; Pemeliharaan Jalan dan Jembatan;"
         " Perencanaan Teknis Jalan | Sumber Daya Air: Irigasi; Sungai dan Air Baku; Operasi dan"
         " Pemeliharaan | Cipta Karya: Bangunan Gedung; Air Minum dan Sanitasi; Jasa Konstruksi"
         " | Penataan Ruang: Perencanaan Tata Ruang; Pemanfaatan Ruang; Pengendalian Pemanfaatan"
         " Ruang", upt="UPT Pengelolaan Jalan dan Jembatan Wilayah", upt_max=8, tech="pupr",
         tech_weight=1.5),
    _Opd("Badan Pendapatan Daerah", "badan", 1.0, 1.5,
         "Pendaftaran dan Penetapan: Pendaftaran dan Pendataan; Penetapan dan Keberatan"
         " | Pajak Bumi dan Bangunan: Pendataan dan Penilaian; Pelayanan Pajak Bumi dan Bangunan"
         " | Penagihan dan Pembukuan: Penagihan; Pembukuan dan Pelaporan"
         " | Pengembangan Pendapatan: Pengembangan Pajak Daerah; Retribusi dan Pendapatan Lain",
         upt="UPT Pelayanan Pajak Daerah Wilayah", upt_max=4, flavor="pajak", service=True),
    _Opd("Badan Penanggulangan Bencana Daerah", "bpbd", 0.9, 1.5,
         "Pencegahan dan Kesiapsiagaan: Pencegahan; Kesiapsiagaan"
         " | Kedaruratan dan Logistik: Kedaruratan; Logistik"
         " | Rehabilitasi dan Rekonstruksi: Rehabilitasi; Rekonstruksi",
         flavor="bpbd", tech="bpbd", tech_weight=0.4, service=True),
    _Opd("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", 0.9, 1.2,
         "Penanaman Modal: Promosi Penanaman Modal; Pengendalian Penanaman Modal; Data dan"
         " Sistem Informasi Penanaman Modal | Pelayanan Perizinan: Perizinan Usaha; Perizinan"
         " Non Usaha; Informasi dan Pengaduan | Pengawasan Perizinan",
         flavor="perizinan", tech="umum", tech_weight=0.3, service=True),
    _Opd("Dinas Perhubungan", "dinas", 1.0, 2.0,
         "Lalu Lintas: Manajemen dan Rekayasa Lalu Lintas; Pengendalian dan Ketertiban Lalu"
         " Lintas; Keselamatan | Angkutan: Angkutan Orang; Angkutan Barang; Terminal"
         " | Sarana dan Prasarana: Pengujian Kendaraan Bermotor; Perparkiran; Perlengkapan Jalan",
         upt="UPT Perparkiran Wilayah", upt_max=1, flavor="dishub", tech="dishub", tech_weight=0.8,
         service=True),
    _Opd("Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup", "dinas", 1.1, 1.5,
         "Perumahan: Penyediaan Perumahan; Perumahan Swadaya | Kawasan Permukiman: Permukiman"
         " Kumuh; Prasarana, Sarana dan Utilitas | Lingkungan Hidup: Pengendalian Pencemaran;"
         " Pengelolaan Sampah; Pertamanan dan Penerangan Jalan | Pertanahan",
         upt="UPT Persampahan Wilayah", upt_max=2, tech="lh", tech_weight=1.0, service=True),
    _Opd("Badan Perencanaan Pembangunan Daerah", "badan", 1.0, 0.8,
         "Perencanaan, Pengendalian dan Evaluasi: Perencanaan; Pengendalian dan Evaluasi"
         " | Perekonomian dan Sumber Daya Alam: Perekonomian; Sumber Daya Alam"
         " | Pemerintahan dan Pembangunan Manusia: Pemerintahan; Pembangunan Manusia"
         " | Infrastruktur dan Pengembangan Wilayah: Infrastruktur; Pengembangan Wilayah",
         tech="bappeda", tech_weight=1.5),
    _Opd("Dinas Pemadam Kebakaran", "dinas", 0.8, 4.0,
         "Pencegahan Kebakaran: Pencegahan; Pemberdayaan Masyarakat"
         " | Pemadaman dan Penyelamatan: Operasi Pemadaman; Penyelamatan dan Evakuasi"
         " | Sarana dan Prasarana: Sarana Pemadam; Pemeliharaan Peralatan",
         upt="UPT Pos Pemadam Kebakaran Wilayah", upt_max=4, flavor="damkar", tech="damkar",
         tech_weight=0.6, service=True),
    _Opd("RSUD Gemolong", "rsud", 0.7, 1.5,
         "Pelayanan: Pelayanan Medik; Penunjang | Keperawatan: Asuhan Keperawatan",
         flavor="rs", health=0.12, health_table="rs", service=True),
    _Opd("Dinas Pertanian", "dinas", 1.2, 1.0,
         "Tanaman Pangan: Produksi Tanaman Pangan; Perlindungan Tanaman Pangan; Sarana dan"
         " Prasarana Pertanian | Hortikultura dan Perkebunan: Produksi Hortikultura; Produksi"
         " Perkebunan; Pengolahan dan Pemasaran Hasil | Penyuluhan: Kelembagaan Penyuluhan;"
         " Metode dan Informasi Penyuluhan; Ketenagaan Penyuluhan",
         upt="UPT Balai Penyuluhan Pertanian Wilayah", upt_max=20, tech="pertanian",
         tech_weight=5.0),
    _Opd("Dinas Sosial", "dinas", 1.0, 1.0,
         "Rehabilitasi Sosial | Perlindungan dan Jaminan Sosial | Pemberdayaan Sosial"
         " | Penanganan Fakir Miskin", upt="UPT Rehabilitasi Sosial Wilayah", upt_max=3,
         tech="sosial", tech_weight=1.0),
    _Opd("Badan Pengelolaan Keuangan dan Aset Daerah", "badan", 1.1, 1.0,
         "Anggaran: Penyusunan Anggaran; Pengendalian Anggaran | Perbendaharaan: Belanja;"
         " Kas Daerah | Akuntansi: Akuntansi Pemerintah Daerah; Pelaporan Keuangan"
         " | Aset: Penatausahaan Aset; Pemanfaatan dan Pengamanan Aset",
         flavor="keuangan", tech="umum", tech_weight=0.5),
    _Opd("Dinas Komunikasi dan Informatika", "dinas", 0.9, 0.8,
         "Informasi dan Komunikasi Publik | Aplikasi Informatika | Statistik dan Persandian",
         tech="kominfo", tech_weight=1.0),
    _Opd("Dinas Perdagangan", "dinas", 1.0, 1.5,
         "Perdagangan | Pengelolaan Pasar | Perlindungan Konsumen", upt="UPT Pasar Wilayah",
         upt_max=10, tech="perdagangan", tech_weight=0.6),
    _Opd("Dinas Pemberdayaan Masyarakat dan Desa", "dinas", 0.9, 0.8,
         "Pemerintahan Desa | Pemberdayaan Masyarakat | Kelembagaan dan Keuangan Desa"),
    _Opd("Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan"
         " Perlindungan Anak", "dinas", 1.0, 1.0,
         "Pengendalian Penduduk | Keluarga Berencana | Pemberdayaan Perempuan"
         " | Perlindungan Anak", tech="p3akb", tech_weight=1.2),
    _Opd("Dinas Tenaga Kerja dan Transmigrasi", "dinas", 0.9, 0.8,
         "Pelatihan dan Produktivitas | Penempatan Tenaga Kerja dan Transmigrasi"
         " | Hubungan Industrial", upt="UPT Balai Latihan Kerja Wilayah", upt_max=1, tech="naker",
         tech_weight=0.6),
    _Opd("Dinas Koperasi dan Usaha Kecil Menengah", "dinas", 0.9, 0.8,
         "Kelembagaan Koperasi | Usaha Kecil Menengah | Pengawasan Koperasi", tech="koperasi",
         tech_weight=0.5),
    _Opd("Dinas Pariwisata, Kepemudaan dan Olahraga", "dinas", 0.9, 1.0,
         "Pariwisata | Kepemudaan | Olahraga", upt="UPT Pengelolaan Objek Wisata Wilayah",
         upt_max=3, tech="pariwisata", tech_weight=0.4),
    _Opd("Dinas Ketahanan Pangan", "dinas", 0.8, 0.8,
         "Ketersediaan Pangan | Distribusi dan Cadangan Pangan | Konsumsi dan Keamanan Pangan",
         tech="pangan", tech_weight=0.8),
    _Opd("Dinas Peternakan dan Kesehatan Hewan", "dinas", 0.9, 1.0,
         "Produksi Peternakan | Kesehatan Hewan | Kesehatan Masyarakat Veteriner",
         upt="UPT Pusat Kesehatan Hewan Wilayah", upt_max=10, tech="peternakan", tech_weight=1.5),
    _Opd("Dinas Arsip dan Perpustakaan", "dinas", 0.8, 0.8,
         "Kearsipan | Perpustakaan | Pelestarian Bahan Pustaka", tech="arsip", tech_weight=1.5),
    _Opd("Badan Kesatuan Bangsa dan Politik", "badan", 0.7, 0.8,
         "Ideologi dan Wawasan Kebangsaan | Politik Dalam Negeri | Ketahanan Ekonomi, Sosial dan"
         " Budaya"),
    _Opd("Dinas Perindustrian", "dinas", 0.8, 0.8,
         "Industri Agro | Industri Logam dan Kimia | Sarana Industri",
         upt="UPT Sentra Industri Wilayah", upt_max=1, tech="perdagangan", tech_weight=0.4),
    _Opd("Dinas Kebudayaan", "dinas", 0.7, 0.8, "Cagar Budaya | Kesenian | Tradisi dan Nilai"
         " Budaya", tech="kebudayaan", tech_weight=0.5),
    _Opd("Badan Penelitian dan Pengembangan Daerah", "badan", 0.7, 0.6,
         "Penelitian | Pengembangan | Inovasi dan Teknologi", tech="peneliti", tech_weight=0.8),
    _Opd("Dinas Energi dan Sumber Daya Mineral", "dinas", 0.9, 0.8,
         "Energi | Ketenagalistrikan | Mineral dan Batubara | Air Tanah",
         upt="UPT Energi dan Sumber Daya Mineral Wilayah", tech="esdm", tech_weight=0.6),
    _Opd("Dinas Lingkungan Hidup dan Kehutanan", "dinas", 1.0, 1.0,
         "Tata Lingkungan | Pengendalian Pencemaran | Kehutanan | Konservasi Sumber Daya Alam",
         upt="UPT Kesatuan Pengelolaan Hutan Wilayah", tech="lh", tech_weight=1.0),
    _Opd("Dinas Kelautan dan Perikanan", "dinas", 0.9, 1.0,
         "Perikanan Tangkap | Perikanan Budidaya | Pengolahan dan Pemasaran Hasil Perikanan"
         " | Kelautan dan Pesisir", upt="UPT Pelabuhan Perikanan Wilayah", tech="perikanan",
         tech_weight=0.8),
    _Opd("Dinas Pekerjaan Umum Sumber Daya Air", "dinas", 1.1, 1.0,
         "Irigasi | Sungai dan Pantai | Air Baku | Operasi dan Pemeliharaan Sumber Daya Air",
         upt="UPT Balai Pengelolaan Sumber Daya Air Wilayah", tech="pupr", tech_weight=1.0),
    _Opd("Dinas Pekerjaan Umum Bina Marga dan Cipta Karya", "dinas", 1.1, 1.0,
         "Pembangunan Jalan | Preservasi Jalan | Jembatan | Cipta Karya",
         upt="UPT Balai Pemeliharaan Jalan Wilayah", tech="pupr", tech_weight=1.0),
    _Opd("Badan Penghubung Daerah", "badan", 0.5, 0.6, "Promosi dan Pemasaran | Fasilitasi"
         " dan Protokol"),
    _Opd("Badan Pendidikan dan Pelatihan Daerah", "badan", 0.8, 0.8,
         "Kompetensi Manajerial | Kompetensi Teknis | Sertifikasi dan Penjaminan Mutu",
         tech="widyaiswara", tech_weight=1.0),
    _Opd("Dinas Perkebunan", "dinas", 0.8, 0.8,
         "Produksi Perkebunan | Perlindungan Perkebunan | Usaha Perkebunan",
         upt="UPT Proteksi Tanaman Perkebunan Wilayah", tech="pertanian", tech_weight=1.0),
    _Opd("Dinas Pertanahan", "dinas", 0.7, 0.8,
         "Penatagunaan Tanah | Pengadaan Tanah | Penyelesaian Sengketa Tanah"),
    _Opd("Badan Riset dan Inovasi Daerah", "badan", 0.6, 0.6, "Riset | Inovasi | Kemitraan",
         tech="peneliti", tech_weight=0.5),
    _Opd("Dinas Pemuda dan Olahraga", "dinas", 0.7, 0.8,
         "Kepemudaan | Keolahragaan | Sarana dan Prasarana Olahraga"),
)
_PROVINCE_PENDIDIKAN = (
    "Pembinaan Sekolah Menengah Atas: Kurikulum SMA; Kelembagaan dan Sarana Prasarana SMA;"
    " Peserta Didik SMA | Pembinaan Sekolah Menengah Kejuruan: Kurikulum SMK; Kelembagaan dan"
    " Sarana Prasarana SMK; Peserta Didik SMK | Pembinaan Pendidikan Khusus: Kurikulum"
    " Pendidikan Khusus; Kelembagaan Pendidikan Khusus | Guru dan Tenaga Kependidikan: Pendidik;"
    " Tenaga Kependidikan"
)
_UPTD: tuple[_Opd, ...] = (
    _Opd("UPTD Laboratorium Kesehatan Daerah", "uptd", 0.4, 0.5, health=0.03,
         health_table="labkes", service=True),
    _Opd("UPTD Pengobatan Penyakit Paru", "uptd", 0.4, 0.5, health=0.03, health_table="paru",
         service=True),
)

# ---------------------------------------------------------------------------------------
# Organisation
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Post:
    jabatan: str
    eselon: str  # canonical "III.a"; "" for non-structural
    cat: int


@dataclass(slots=True)
class _Slot:
    """A structural post (or a sub-unit without one) that may or may not be in the sample.

    `key` orders the slots of one OPD so that every prefix is a plausible organisation
    (a bidang before its seksi); OPDs fill their structure in turn until the structural
    share is reached.
    """

    opd: int
    key: float
    order: float  # display order within the OPD
    sub_unit: str
    kind: str
    post: _Post | None
    mandatory: bool = False
    vacant: bool = False
    hosts: str = ""  # "leaf" (seksi-like, 1-8 pelaksana), "flex" or "" (no own staff)


@dataclass(slots=True)
class _Host:
    """A place rows are emitted for: an OPD's blank sub-unit or one named sub-unit."""

    opd: int
    name: str
    kind: str
    leaf: bool = False
    flex: float = 0.0
    posts: list[_Post] = field(default_factory=list)
    pelaksana: int = 0
    functional: list[tuple[str, int]] = field(default_factory=list)
    school: str = ""  # school type for schools
    teachers: int = 0


def _roman(number: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _parse_bidang(spec: str, prefix_words: int = 3) -> list[tuple[str, list[str]]]:
    """Bidang topics with their seksi topics; bare topics get generic seksi."""
    out: list[tuple[str, list[str]]] = []
    for part in spec.split("|"):
        part = part.strip()
        if not part:
            continue
        topic, _, rest = part.partition(":")
        topic = topic.strip()
        seksi = [s.strip() for s in rest.split(";") if s.strip()]
        if not seksi:
            first = topic.split()[0]
            seksi = [f"{p} {topic}" for p in _GENERIC_SEKSI_PREFIX if p != first][:prefix_words]
        out.append((topic, seksi))
    return out


def _interp_log(size: int, points: tuple[tuple[float, float], ...]) -> int:
    xs = [np.log10(x) for x, _ in points]
    ys = [y for _, y in points]
    return int(round(float(np.interp(np.log10(size), xs, ys))))


def _choice(rng: np.random.Generator, table: Weighted, n: int) -> list[str]:
    names = [name for name, _ in table]
    weights = np.array([w for _, w in table], dtype=float)
    picks = rng.choice(len(names), size=n, p=weights / weights.sum())
    return [names[i] for i in picks]


def _allocate(total: int, weights: npt.NDArray[np.float64], minimum: int = 0) -> npt.NDArray[
        np.int64]:
    """Integers proportional to `weights` that sum exactly to `total`, each ≥ `minimum`."""
    n = len(weights)
    out = np.zeros(n, dtype=np.int64)
    if n == 0 or total <= 0:
        return out
    minimum = min(minimum, total // n)
    rest = total - minimum * n
    w = np.asarray(weights, dtype=float)
    w = w / w.sum() if w.sum() > 0 else np.full(n, 1.0 / n)
    raw = rest * w
    floor = np.floor(raw).astype(np.int64)
    short = rest - int(floor.sum())
    if short > 0:
        floor[np.argsort(-(raw - floor), kind="stable")[:short]] += 1
    return floor + minimum


def _village_names(rng: np.random.Generator, n: int) -> list[str]:
    combos = [h + t for h in _VILLAGE_HEADS for t in _VILLAGE_TAILS]
    picks = rng.permutation(len(combos))[:n]
    return [combos[i] for i in picks]


def _catalogue(size: int) -> list[_Opd]:
    """The OPDs of a sample this size: bigger governments have more of everything."""
    n_core = _interp_log(size, ((100, 6), (300, 10), (1000, 18), (9000, 32), (60000, 46)))
    n_kec = int(np.clip(round(20 * (size / 9000) ** 0.4), 2, 20))
    n_pusk = int(np.clip(round(25 * (size / 9000) ** 0.4), 2, 25))
    n_uptd = 0 if size < 200 else (1 if size < 5000 else 2)
    province = size >= _PROVINCE_SIZE
    core = list(_CORE[:n_core])
    if province:
        core[1] = replace(core[1], bidang=_PROVINCE_PENDIDIKAN, upt="")
    kec = [_Opd(f"Kecamatan {p}", "kecamatan", 0.7, 0.8, flavor="kecamatan", service=True,
                place=p) for p in _KECAMATAN[:n_kec]]
    places = list(_KECAMATAN)
    split = max(0, n_pusk - len(places))
    pusk_places: list[str] = []
    for i, p in enumerate(places):
        pusk_places.extend([f"{p} I", f"{p} II"] if i < split else [p])
    pusk = [_Opd(f"Puskesmas {p}", "puskesmas", 0.3, 0.6, flavor="puskesmas",
                 health=0.42, health_table="puskesmas", service=True, place=p)
            for p in pusk_places[:n_pusk]]
    return core + kec + pusk + list(_UPTD[:n_uptd])


def _opd_slots(i: int, opd: _Opd, size: int, rng: np.random.Generator,
               villages: list[str]) -> list[_Slot]:
    """Every structural post the OPD could have, each with its fill key."""
    s: list[_Slot] = []
    province = size >= _PROVINCE_SIZE
    leader = "Gubernur" if province else "Bupati"

    def add(key: float, order: float, sub: str, kind: str, jabatan: str | None, eselon: str,
            hosts: str = "", mandatory: bool = False) -> None:
        post = None
        if jabatan is not None:
            post = _Post(jabatan, eselon, _LEVEL_CATEGORY[eselon.split(".")[0]])
        s.append(_Slot(i, key, order, sub, kind, post, mandatory, False, hosts))

    kind = opd.kind
    if kind == "setda":
        add(0, 0, "", "blank", "Sekretaris Daerah", "II.a", "flex", True)
        for k, asisten in enumerate(_SETDA_ASISTEN):
            add(0, 0.1 + k / 100, "", "blank", asisten, "II.b", mandatory=True)
        n_ahli = 3 if rng.random() < 0.5 else 2
        for k, ahli in enumerate(_STAF_AHLI[:n_ahli]):
            add(0, 0.2 + k / 100, "", "blank", f"Staf Ahli {leader} {ahli}", "II.b",
                mandatory=True)
        for j, (bagian, subs) in enumerate(_SETDA_BAGIAN):
            add(j * 0.7, 1 + j, f"Bagian {bagian}", "bagian", f"Kepala Bagian {bagian}", "III.a",
                "flex")
            for k, sub in enumerate(subs):
                add(j * 0.7 + 0.5 + 2.2 * k, 1 + j + (k + 1) / 10, f"Subbagian {sub}",
                    "subbagian", f"Kepala Subbagian {sub}", "IV.a", "leaf")
        return s
    if kind == "kecamatan":
        add(0, 0, "", "blank", f"Camat {opd.place}", "III.a", "flex", True)
        add(0, 1, "Sekretariat", "sekretariat", "Sekretaris Kecamatan", "III.b", "flex")
        for k, sub in enumerate(_KEC_SUBBAG):
            add(1.4 + 1.8 * k, 1.1 + k / 10, f"Subbagian {sub}", "subbagian",
                f"Kepala Subbagian {sub}", "IV.b", "leaf")
        for k, seksi in enumerate(_KEC_SEKSI):
            add(1 + 0.9 * k, 2 + k / 10, f"Seksi {seksi}", "seksi", f"Kepala Seksi {seksi}",
                "IV.a", "leaf")
        n_kel = int(rng.choice([0, 0, 0, 1, 1, 2])) if opd.place != _KECAMATAN[0] else 4
        for k in range(n_kel):
            name = villages.pop()
            add(2 + 1.3 * k, 3 + k, f"Kelurahan {name}", "kelurahan", f"Lurah {name}", "IV.a",
                "leaf")
            add(2.4 + 1.3 * k, 3 + k + 0.1, f"Kelurahan {name}", "kelurahan",
                "Sekretaris Kelurahan", "IV.b")
        return s
    if kind == "puskesmas":
        add(0, 0, "", "blank", f"Kepala {opd.name}", "IV.a", "flex", True)
        s.append(_Slot(i, 0, 1, "Tata Usaha", "tu", None, True, hosts="leaf"))
        return s
    if kind == "uptd":
        add(0, 0, "", "blank", f"Kepala {opd.name}", "IV.a", "flex", True)
        add(0, 1, "Tata Usaha", "tu", "Kepala Subbagian Tata Usaha", "IV.b", "leaf")
        return s
    if kind == "rsud":
        big = opd.weight >= 1.0
        add(0, 0, "", "blank", f"Direktur {opd.name}", "II.b", "flex", True)
        if big:
            add(0, 0.1, "", "blank", "Wakil Direktur Pelayanan", "III.a")
            add(0.5, 0.2, "", "blank", "Wakil Direktur Umum dan Keuangan", "III.a")
        add(1.2, 1, "Tata Usaha", "tu", "Kepala Subbagian Tata Usaha", "IV.a", "leaf")
        for j, (topic, rs_seksi) in enumerate(_parse_bidang(opd.bidang)):
            add(1 + j, 2 + j, f"Bidang {topic}", "bidang", f"Kepala Bidang {topic}", "III.b")
            for k, sub in enumerate(rs_seksi):
                add(1.5 + j + 1.6 * k, 2 + j + (k + 1) / 10, f"Seksi {sub}", "seksi",
                    f"Kepala Seksi {sub}", "IV.a", "leaf")
        for k, inst in enumerate(_RS_STAFF_INSTALASI):
            s.append(_Slot(i, 0, 50 + k, inst, "instalasi", None, True, hosts="flex"))
        return s

    # dinas, badan, satpol, bpbd, inspektorat, dprd
    if kind == "inspektorat":
        head, sekretaris = "Inspektur", "Sekretaris Inspektorat"
    elif kind == "dprd":
        head, sekretaris = "Sekretaris DPRD", ""
    elif kind == "satpol":
        head, sekretaris = f"Kepala {opd.name}", f"Sekretaris {opd.name}"
    elif kind == "bpbd":
        head, sekretaris = f"Kepala Pelaksana {opd.name}", "Sekretaris Badan"
    elif kind == "badan":
        head, sekretaris = f"Kepala {opd.name}", "Sekretaris Badan"
    else:
        head, sekretaris = f"Kepala {opd.name}", "Sekretaris Dinas"
    add(0, 0, "", "blank", head, "II.b", "flex", True)
    if sekretaris:
        add(0, 1, "Sekretariat", "sekretariat", sekretaris, "III.a", "flex")
        for k, sub in enumerate(_SEKRETARIAT_SUBBAG):
            add(1.2 + 1.5 * k, 1 + (k + 1) / 10, f"Subbagian {sub}", "subbagian",
                f"Kepala Subbagian {sub}", "IV.a", "leaf")
    if kind == "inspektorat":
        for j in range(4):
            r = _roman(j + 1)
            add(1 + j, 2 + j, f"Inspektorat Pembantu Wilayah {r}", "irban",
                f"Inspektur Pembantu Wilayah {r}", "III.b", "flex")
        return s
    if kind == "dprd":
        for j, (topic, bagian_subs) in enumerate(_parse_bidang(opd.bidang)):
            add(j, 2 + j, f"Bagian {topic}", "bagian", f"Kepala Bagian {topic}", "III.a", "flex")
            for k, sub in enumerate(bagian_subs):
                add(j + 0.5 + 1.5 * k, 2 + j + (k + 1) / 10, f"Subbagian {sub}", "subbagian",
                    f"Kepala Subbagian {sub}", "IV.a", "leaf")
        return s
    lower = "Subbidang" if kind == "badan" else "Seksi"
    n_prefix = 2 if kind == "badan" else 3
    for j, (topic, lower_units) in enumerate(_parse_bidang(opd.bidang, n_prefix)):
        add(1 + j, 2 + j, f"Bidang {topic}", "bidang", f"Kepala Bidang {topic}", "III.b", "flex")
        for k, sub in enumerate(lower_units):
            add(1.5 + j + 1.6 * k, 2 + j + (k + 1) / 10, f"{lower} {sub}", lower.lower(),
                f"Kepala {lower} {sub}", "IV.a", "leaf")
    if province and opd.name == "Dinas Pendidikan":
        for u in range(13):
            cab = f"Cabang Dinas Pendidikan Wilayah {_roman(u + 1)}"
            base = 6 + 0.7 * u
            add(base, 20 + u, cab, "cabdin", f"Kepala {cab}", "III.a", "flex")
            add(base + 0.3, 20 + u + 0.1, f"Tata Usaha {cab}", "tu",
                f"Kepala Subbagian Tata Usaha {cab}", "IV.a", "leaf")
            for k, level in enumerate(("SMA dan SLB", "SMK")):
                add(base + 0.4 + k / 10, 20 + u + 0.2 + k / 10, f"Seksi {level} {cab}", "seksi",
                    f"Kepala Seksi {level} {cab}", "IV.a", "leaf")
    if opd.upt:
        # Bigger governments run more field offices; 60 per office is the most we invent.
        n_upt = min(60, int(np.ceil(opd.upt_max * max(1.0, size / 9000))))
        if province:  # every provincial office keeps balai/UPT across the province
            n_upt = max(n_upt, _PROVINCE_UPT)
        for u in range(n_upt):
            upt = f"{opd.upt} {_roman(u + 1)}"
            base = 10 + 0.8 * u
            add(base, 100 + u, upt, "upt", f"Kepala {upt}", "IV.a", "flex")
            add(base + 0.3, 100 + u + 0.1, f"Tata Usaha {upt}", "tu",
                f"Kepala Subbagian Tata Usaha {upt}", "IV.b", "leaf")
            if province:
                add(base + 0.4, 100 + u + 0.2, f"Seksi Operasional {upt}", "seksi",
                    f"Kepala Seksi Operasional {upt}", "IV.b", "leaf")
                add(base + 0.5, 100 + u + 0.3, f"Seksi Pelayanan {upt}", "seksi",
                    f"Kepala Seksi Pelayanan {upt}", "IV.b", "leaf")
    return s


def _structure(size: int, opds: list[_Opd], rng: np.random.Generator) -> list[_Slot]:
    """The posts that exist in this sample, chosen so structural staff are ~11% of rows."""
    villages = _village_names(rng, 120)
    slots: list[_Slot] = []
    for i, opd in enumerate(opds):
        slots.extend(_opd_slots(i, opd, size, rng, villages))

    # Irregularities of real organisations: vacant posts. A few OPDs lose every Kepala
    # Bidang (one administrator left, so "at least 2 administrators" cannot be met) and a
    # few lose every pengawas (sub-units still exist, headed by nobody).
    plain = [i for i, o in enumerate(opds) if o.kind in ("dinas", "badan") and i >= 4
             and o.name != "Dinas Pendidikan"]
    n_irregular = min(len(plain), 2 if size < 3000 else 3)
    chosen: list[int] = ([int(c) for c in rng.choice(len(plain), size=n_irregular, replace=False)]
                         if plain else [])
    one_admin = {plain[c] for c in chosen[: max(1, n_irregular - 1)]}
    no_pengawas = {plain[c] for c in chosen[max(1, n_irregular - 1):]}
    for slot in slots:
        if slot.post is None:
            continue
        if slot.opd in one_admin and slot.kind == "bidang":
            slot.vacant = True
        if slot.opd in no_pengawas and slot.post.cat == _PENGAWAS:
            slot.vacant = True

    cost = np.array([0 if (sl.post is None or sl.vacant) else 1 for sl in slots])
    mandatory = np.array([sl.mandatory for sl in slots])
    budget = round(_SHARE_STRUCTURAL * size) - int(cost[mandatory].sum())
    offset = rng.uniform(0.0, 0.6, size=len(opds))
    weight = np.array([o.weight for o in opds])
    optional = np.flatnonzero(~mandatory)
    prio = np.array([(slots[k].key + offset[slots[k].opd]) / weight[slots[k].opd]
                     for k in optional])
    order = optional[np.argsort(prio, kind="stable")]
    taken = order[np.cumsum(cost[order]) <= budget]
    keep = mandatory.copy()
    keep[taken] = True
    return [sl for sl, k in zip(slots, keep, strict=True) if k]


def _hosts(slots: list[_Slot], opds: list[_Opd]) -> list[list[_Host]]:
    """Group the chosen posts by (OPD, sub-unit), in the order an export lists them."""
    per_opd: list[dict[str, _Host]] = [{"": _Host(i, "", "blank")} for i in range(len(opds))]
    for slot in sorted(slots, key=lambda sl: (sl.opd, sl.order)):
        hosts = per_opd[slot.opd]
        host = hosts.get(slot.sub_unit)
        if host is None:
            host = hosts[slot.sub_unit] = _Host(slot.opd, slot.sub_unit, slot.kind)
        if slot.post is not None and not slot.vacant:
            host.posts.append(slot.post)
        if slot.hosts == "leaf":
            host.leaf = True
        elif slot.hosts == "flex" and not host.leaf:
            host.flex = 1.0  # weighted by kind below
    for i, hosts in enumerate(per_opd):
        opd = opds[i]
        for host in hosts.values():
            if host.leaf or host.flex == 0:
                continue
            base = {"blank": 1.2, "sekretariat": 2.0, "bidang": 0.8, "bagian": 0.8,
                    "irban": 0.5, "upt": 4.0, "cabdin": 2.0, "instalasi": 4.0}.get(host.kind, 1.0)
            host.flex = base * opd.staff
    return [list(h.values()) for h in per_opd]


def _add_schools(pendidikan: list[_Host], opd: int, teachers: int, province: bool,
                 places: list[str], rng: np.random.Generator) -> None:
    """Schools as sub-units of the education office, with every teacher of the sample."""
    table = _SCHOOLS_PROVINCE if province else _SCHOOLS_REGENCY
    shares = np.array([v[0] for v in table.values()])
    per_type = _allocate(teachers, shares)
    counters: dict[tuple[str, str], int] = {}
    for (stype, (_, mean, pull)), n_teachers in zip(table.items(), per_type, strict=True):
        if n_teachers <= 0:
            continue
        n_schools = int(max(1, min(n_teachers // 2, round(n_teachers / mean))))
        sizes = _allocate(int(n_teachers), rng.gamma(4.0, mean / 4.0, size=n_schools), 2)
        where = rng.integers(0, len(places), size=n_schools)
        for n, w in zip(sizes, where, strict=True):
            place = places[int(w)]
            number = counters.get((stype, place), 0) + 1
            counters[(stype, place)] = number
            name = f"{stype} Negeri {number} {place}"
            host = _Host(opd, name, "sekolah", flex=pull * float(rng.gamma(3.0, 1 / 3.0)),
                         school=stype, teachers=int(n))
            pendidikan.append(host)


def _add_functional(hosts: list[list[_Host]], opds: list[_Opd], total: int,
                    rng: np.random.Generator) -> None:
    """Health staff into hospitals, puskesmas and labs; technical staff into their offices."""
    health_total = round(_SHARE_HEALTH_OF_FUNCTIONAL * total)
    health_opds = [i for i, o in enumerate(opds) if o.health > 0]
    weights = np.array([opds[i].health for i in health_opds])
    n_pusk = sum(1 for i in health_opds if opds[i].kind == "puskesmas")
    for k, i in enumerate(health_opds):
        if opds[i].kind == "puskesmas":
            weights[k] = weights[k] / max(1, n_pusk) * float(rng.gamma(6.0, 1 / 6.0))
    if not health_opds:
        health_total = 0
    for i, n in zip(health_opds, _allocate(health_total, weights), strict=True):
        opd = opds[i]
        jabatan = _choice(rng, _HEALTH_POSTS[opd.health_table], int(n))
        by_name = {h.name: h for h in hosts[i]}
        bidang = [h for h in hosts[i] if h.kind == "bidang"]
        for j in jabatan:
            if opd.kind == "rsud":
                options = next((o for word, o in _INSTALASI_BY_WORD if word in j),
                               _RS_STAFF_INSTALASI)
                name = options[int(rng.integers(len(options)))]
                host = by_name.get(name)
                if host is None:
                    host = by_name[name] = _Host(i, name, "instalasi", flex=0.0)
                    hosts[i].append(host)
            elif opd.kind == "dinas" and bidang and rng.random() < 0.7:
                host = bidang[int(rng.integers(len(bidang)))]
            else:
                host = hosts[i][0]
            host.functional.append((j, _HEALTH))
    tech_total = total - health_total
    tech_opds = [i for i, o in enumerate(opds) if o.tech_weight > 0 and o.tech]
    tw = np.array([opds[i].tech_weight for i in tech_opds]) * rng.gamma(8.0, 1 / 8.0,
                                                                         size=len(tech_opds))
    if not tech_opds:
        tech_total = 0
    for i, n in zip(tech_opds, _allocate(tech_total, tw), strict=True):
        jabatan = _choice(rng, _TECH_POSTS[opds[i].tech], int(n))
        places = [h for h in hosts[i] if h.kind == "irban"] or [
            h for h in hosts[i] if h.kind in ("bidang", "upt", "sekretariat", "bagian", "cabdin")]
        for j in jabatan:
            if places and rng.random() < 0.75:
                host = places[int(rng.integers(len(places)))]
            else:
                host = hosts[i][0]
            host.functional.append((j, _TECH))


def _add_pelaksana(hosts: list[list[_Host]], total: int, rng: np.random.Generator) -> None:
    """Staff: 1-8 per seksi/subbagian/TU/kelurahan, the rest where offices really keep them."""
    flat = [h for per in hosts for h in per]
    leaves = [h for h in flat if h.leaf]
    flexes = [h for h in flat if not h.leaf and h.flex > 0]
    demand = rng.choice(np.arange(1, 9), size=len(leaves),
                        p=[0.035, 0.17, 0.23, 0.2, 0.15, 0.095, 0.065, 0.055])
    leaf_total = int(min(demand.sum(), round(0.9 * total)))
    if leaves:
        # One each first, the rest by demand above one, so the small seksi stay small.
        extra = _allocate(max(0, leaf_total - len(leaves)), (demand - 1).astype(float))
        for h, n in zip(leaves, extra, strict=True):
            h.pelaksana = 1 + int(n) if leaf_total >= len(leaves) else 0
        leaf_total = sum(h.pelaksana for h in leaves)
    else:
        leaf_total = 0
    rest = total - leaf_total
    if not flexes:
        flexes = [per[0] for per in hosts]
    fw = np.array([h.flex for h in flexes]) * rng.gamma(3.0, 1 / 3.0, size=len(flexes))
    for h, n in zip(flexes, _allocate(rest, fw), strict=True):
        h.pelaksana += int(n)


def _pelaksana_table(host: _Host, opd: _Opd) -> str:
    if host.kind == "sekolah":
        return "sekolah"
    if "Keuangan" in host.name or "Anggaran" in host.name:
        return "keuangan"
    if "Kepegawaian" in host.name:
        return "kepegawaian"
    if host.kind in ("sekretariat", "subbagian") and opd.flavor not in (
            "rs", "puskesmas", "kecamatan"):
        return "umum"
    return opd.flavor


# ---------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _female_share(jabatan: str, cat: int) -> float:
    """How often this post is held by a woman (rough 2020 Indonesian civil-service shares)."""
    if jabatan.startswith("Bidan"):
        return 1.0
    if jabatan.startswith("Perawat"):
        return 0.75
    if jabatan.startswith("Dokter"):
        return 0.55
    manual = ("Pengemudi", "Petugas Pemadam", "Penjaga Sekolah", "Petugas Keamanan",
              "Petugas Ketenteraman", "Pemadam", "Polisi", "Petugas Tim Reaksi",
              "Petugas Pengatur", "Petugas Terminal")
    if jabatan.startswith(manual):
        return 0.03
    if cat == _GURU:
        if jabatan.startswith("Kepala Sekolah"):
            return 0.45
        return 0.72 if jabatan.startswith("Guru Kelas") else 0.6
    return {_JPT: 0.15, _ADMIN: 0.25, _PENGAWAS: 0.35, _HEALTH: 0.7}.get(cat, 0.42)


_GELAR_SUFFIX: dict[str, Weighted] = {
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
_SPESIALIS = {"Penyakit Dalam": "Sp.PD.", "Anak": "Sp.A.", "Bedah": "Sp.B.",
              "Obstetri dan Ginekologi": "Sp.OG.", "Anestesiologi": "Sp.An.",
              "Radiologi": "Sp.Rad.", "Patologi Klinik": "Sp.PK.", "Paru": "Sp.P."}


def _gelar_group(jabatan: str, cat: int) -> str:
    if cat == _GURU:
        if jabatan.startswith("Kepala Sekolah"):
            return "kepsek"
        return "guru_sd" if jabatan.startswith("Guru Kelas") else "guru"
    if cat == _JPT:
        return "jpt"
    if cat in (_ADMIN, _PENGAWAS):
        return "struktural"
    if cat == _PELAKSANA:
        return "pelaksana"
    if jabatan.startswith("Dokter"):
        return "dokter"
    if jabatan.startswith("Perawat"):
        return "perawat"
    if jabatan.startswith("Bidan"):
        return "bidan"
    if cat == _HEALTH:
        return "kesehatan"
    if "Veteriner" in jabatan:
        return "drh"
    if jabatan.startswith(("Pengawas Sekolah", "Penilik", "Pamong Belajar")):
        return "kepsek"
    if jabatan.startswith("Auditor"):
        return "auditor"
    if "Pertanian" in jabatan or "Tumbuhan" in jabatan or "Benih" in jabatan:
        return "tani"
    if jabatan.startswith("Teknik"):
        return "teknik"
    return "teknis"


def _names(jabatan: list[str], cats: npt.NDArray[np.int64], female: npt.NDArray[np.bool_],
           rng: np.random.Generator) -> list[str]:
    """Plausible Indonesian names with the degrees a staff list shows for the post."""
    n = len(jabatan)
    first_m = rng.integers(len(_MALE_FIRST), size=n)
    first_f = rng.integers(len(_FEMALE_FIRST), size=n)
    last_m = rng.integers(len(_MALE_LAST), size=n)
    last_f = rng.integers(len(_FEMALE_LAST), size=n)
    u = rng.random(n)
    u2 = rng.random(n)
    tables = {k: ([name for name, _ in t], np.cumsum([w for _, w in t]) / sum(w for _, w in t))
              for k, t in _GELAR_SUFFIX.items()}
    out: list[str] = []
    for k in range(n):
        if female[k]:
            base = f"{_FEMALE_FIRST[first_f[k]]} {_FEMALE_LAST[last_f[k]]}"
        else:
            base = f"{_MALE_FIRST[first_m[k]]} {_MALE_LAST[last_m[k]]}"
        group = _gelar_group(jabatan[k], int(cats[k]))
        prefix = suffix = ""
        if group == "dokter":
            if jabatan[k].startswith("Dokter Gigi"):
                prefix = "drg."
            else:
                prefix = "dr."
                spec = jabatan[k].removeprefix("Dokter Spesialis ")
                if spec != jabatan[k]:
                    suffix = _SPESIALIS.get(spec, "")
                elif u[k] < 0.2:
                    suffix = "M.Kes."
        elif group == "drh":
            prefix = "drh."
        else:
            names, cum = tables[group]
            suffix = names[int(np.searchsorted(cum, u[k], side="right").clip(0, len(names) - 1))]
            if group in ("jpt", "struktural") and suffix in ("M.Si.", "M.M."):
                prefix = "Drs." if u2[k] < 0.7 else "Ir."
                if female[k] and prefix == "Drs.":
                    prefix = "Dra."
        text = f"{prefix} {base}" if prefix else base
        out.append(f"{text}, {suffix}" if suffix else text)
    return out


def _age_draw(rng: np.random.Generator, cats: npt.NDArray[np.int64], status: npt.NDArray[
        np.str_], kepsek: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Ages on 2020-03-01, 22-58, about a quarter 50 or over, officials older than staff."""
    n = len(cats)
    age = np.zeros(n, dtype=np.int64)
    lo = np.full(n, -1)
    hi = np.full(n, -1)
    for cat, (a, b) in ((_JPT, (46, 58)), (_ADMIN, (38, 58)), (_PENGAWAS, (30, 58))):
        lo[cats == cat] = a
        hi[cats == cat] = b
    lo[kepsek] = 40
    hi[kepsek] = 58
    fixed = lo >= 0
    u = rng.random(n)
    age[fixed] = lo[fixed] + np.floor(u[fixed] * (hi[fixed] - lo[fixed] + 1)).astype(np.int64)
    young = (status != "PNS") & ~fixed
    age[young] = 22 + np.floor(u[young] * 13).astype(np.int64)  # 22-34
    free = ~fixed & ~young
    old_fixed = np.sum(np.clip((hi[fixed] - 49) / (hi[fixed] - lo[fixed] + 1), 0, 1))
    q = float(np.clip((0.25 * n - old_fixed) / max(1, int(free.sum())), 0.0, 1.0))
    is_old = rng.random(n) < q
    old = free & is_old
    age[old] = 50 + np.floor(u[old] * 9).astype(np.int64)  # 50-58
    rest = free & ~is_old
    ages = np.arange(22, 50)
    w = np.minimum(ages - 20, 16).astype(float)
    age[rest] = rng.choice(ages, size=int(rest.sum()), p=w / w.sum())
    return age


def _dates(age: npt.NDArray[np.int64], status: npt.NDArray[np.str_], rng: np.random.Generator
           ) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.int64]]:
    """Birth dates for the ages, and NIP start months (year*12 + month-1) that fit them."""
    n = len(age)
    ages = np.arange(0, 100)
    ref = REFERENCE_DATE
    first = np.array([date(ref.year - a - 1, 3, 2).toordinal() for a in ages])
    last = np.array([date(ref.year - a, 3, 1).toordinal() for a in ages])
    span = last[age] - first[age] + 1
    ordinal = first[age] + np.floor(rng.random(n) * span).astype(np.int64)
    birth = (ordinal - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    month = birth.astype("datetime64[M]").astype(np.int64) % 12
    birth_mi = year * 12 + month
    # PNS: appointed at 19-35 (most at 22-30), by February 2019 at the latest (a CPNS
    # becomes PNS after a year). CPNS and PPPK: appointed between February 2019 and March 2020.
    limit = 2019 * 12 + 1
    s_max = (limit - birth_mi - 1) // 12
    s = np.clip(np.round(rng.normal(25.5, 3.5, size=n)).astype(np.int64), 19, 35)
    s = np.minimum(s, s_max)
    e_max = np.minimum(11, limit - birth_mi - 12 * s)
    e = 1 + np.floor(rng.random(n) * e_max).astype(np.int64)
    start = birth_mi + 12 * s + e
    recent = status != "PNS"
    window = rng.integers(2019 * 12 + 1, 2020 * 12 + 3, size=n)
    start = np.where(recent, window, start)
    return birth, start


def _people(hosts: list[list[_Host]], opds: list[_Opd], rng: np.random.Generator,
            ) -> pd.DataFrame:
    unit: list[str] = []
    sub: list[str] = []
    jabatan: list[str] = []
    eselon: list[str] = []
    cats: list[int] = []
    opd_idx: list[int] = []
    leaf: list[bool] = []

    def emit(host: _Host, names: list[str], cat: int, canon: str = "") -> None:
        for j in names:
            unit.append(opds[host.opd].name)
            sub.append(host.name)
            jabatan.append(j)
            eselon.append(canon)
            cats.append(cat)
            opd_idx.append(host.opd)
            leaf.append(host.leaf)

    for per in hosts:
        for host in per:
            opd = opds[host.opd]
            for post in host.posts:
                emit(host, [post.jabatan], post.cat, post.eselon)
            if host.teachers:
                emit(host, [f"Kepala Sekolah {host.name}"], _GURU)
                emit(host, _choice(rng, _TEACHERS[host.school], host.teachers - 1), _GURU)
            for j, cat in host.functional:
                emit(host, [j], cat)
            if host.pelaksana:
                table = _STAFF_POSTS[_pelaksana_table(host, opd)]
                emit(host, _choice(rng, table, host.pelaksana), _PELAKSANA)
    n = len(jabatan)
    cat_a = np.array(cats, dtype=np.int64)
    opd_a = np.array(opd_idx, dtype=np.int64)
    jab_a = np.array(jabatan, dtype=object)
    structural = np.isin(cat_a, _STRUCTURAL)
    kepsek = np.array([j.startswith("Kepala Sekolah") for j in jabatan])

    female = rng.random(n) < np.array([_female_share(j, c) for j, c in zip(jabatan, cats,
                                                                            strict=True)])
    # Status: PPPK (first intake 2019: teachers, some health staff and farm advisers), CPNS.
    p_pppk = np.zeros(n)
    p_pppk[(cat_a == _GURU) & ~kepsek] = 0.135
    p_pppk[cat_a == _HEALTH] = 0.02
    p_pppk[np.array(["Penyuluh Pertanian" in j for j in jabatan])] = 0.15
    pppk = rng.random(n) < p_pppk
    cpns_pool = ~structural & ~kepsek & ~pppk
    p_cpns = 0.02 * n / max(1, int(cpns_pool.sum()))
    cpns = cpns_pool & (rng.random(n) < p_cpns)
    status = np.where(pppk, "PPPK", np.where(cpns, "CPNS", "PNS"))

    age = _age_draw(rng, cat_a, status, kepsek)
    birth, start = _dates(age, status, rng)
    sex = np.where(female, 2, 1)
    # NIP: birth date, start month, sex, then a sequence number that keeps it unique.
    yr = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    mo = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dy = (birth - birth.astype("datetime64[M]")).astype(np.int64) + 1
    prefix = [f"{a:04d}{b:02d}{c:02d}{d // 12:04d}{d % 12 + 1:02d}{x}"
              for a, b, c, d, x in zip(yr, mo, dy, start, sex, strict=True)]
    frame = pd.DataFrame({"p": prefix, "o": rng.integers(0, 5, size=n)})
    seq = frame.groupby("p", sort=False).cumcount().to_numpy() + frame.groupby(
        "p", sort=False)["o"].transform("first").to_numpy() + 1
    nip = [f"{p}{q:03d}" for p, q in zip(prefix, seq, strict=True)]

    names = _names(jabatan, cat_a, female, rng)

    # Health and duty flags.
    w = (age - 15).astype(float)
    komorbid = rng.random(n) < 0.04 * w / w.mean()
    young_women = female & (age <= 42)
    p_hamil = 0.02 * female.sum() / max(1, int(young_women.sum()))
    hamil = young_women & (rng.random(n) < p_hamil)

    service = np.array([o.service for o in opds])[opd_a]
    health_post = cat_a == _HEALTH
    # Wajib WFH only where no bundled circular forces the person into the office, and at
    # most one per seksi-like sub-unit with 3+ staff, so "≥ 2 pelaksana" stays satisfiable.
    frame = pd.DataFrame({"u": unit, "s": sub, "leaf": leaf, "cat": cat_a})
    pel_count = frame[frame.cat == _PELAKSANA].groupby(["u", "s"]).size()
    key = pd.MultiIndex.from_arrays([frame.u, frame.s])
    staff_here = pel_count.reindex(key).fillna(0).to_numpy()
    eligible = ~structural & ~kepsek & ~health_post & ~service
    eligible &= ~(np.array(leaf) & (cat_a == _PELAKSANA) & (staff_here < 3))
    wfh = _pick_spread(eligible, frame, round(0.005 * n), rng)
    wfo = _pick_spread(~structural & ~wfh, frame, round(0.005 * n), rng)

    # Export noise: eselon spellings per OPD (and a few per row), blank Jenis Jabatan.
    styles = ("{}.{}", "{}/{}", "{}{}", "{}-{}")
    opd_style = rng.choice(4, size=len(opds), p=[0.5, 0.2, 0.15, 0.15])
    row_style = np.where(rng.random(n) < 0.05, rng.integers(0, 4, size=n), opd_style[opd_a])
    blank_forms = ("-", "Non Eselon", "")
    opd_blank = rng.choice(3, size=len(opds), p=[0.4, 0.3, 0.3])
    row_blank = np.where(rng.random(n) < 0.1, rng.integers(0, 3, size=n), opd_blank[opd_a])
    eselon_text = []
    for k in range(n):
        if eselon[k]:
            major, minor = eselon[k].split(".")
            eselon_text.append(styles[row_style[k]].format(major, minor))
        elif kepsek[k]:
            eselon_text.append("")
        else:
            eselon_text.append(blank_forms[row_blank[k]])
    jenis = np.where(structural, "Struktural", np.where(cat_a == _PELAKSANA, "Pelaksana",
                                                        "Fungsional"))
    jenis = np.where((rng.random(n) < 0.05) & ~kepsek, "", jenis)

    def ya(flag: npt.NDArray[np.bool_]) -> npt.NDArray[np.str_]:
        return np.where(flag, "Ya", "")

    out = pd.DataFrame({
        "NIP": nip,
        "Nama": names,
        "Unit Kerja": unit,
        "Sub Unit": sub,
        "Jabatan": jab_a.astype(str),
        "Eselon": eselon_text,
        "Jenis Jabatan": jenis,
        "Status": status,
        "Tanggal Lahir": birth.astype("datetime64[s]"),
        "Komorbid": ya(komorbid),
        "Hamil/Menyusui": ya(hamil),
        "Wajib WFO": ya(wfo),
        "Wajib WFH": ya(wfh),
    })
    return out


def _pick_spread(eligible: npt.NDArray[np.bool_], frame: pd.DataFrame, n: int,
                 rng: np.random.Generator) -> npt.NDArray[np.bool_]:
    """`n` eligible rows, at most one per seksi-like sub-unit, chosen at random."""
    idx = np.flatnonzero(eligible)
    idx = idx[rng.permutation(len(idx))]
    leaf = frame["leaf"].to_numpy()[idx]
    group = np.where(leaf, (frame["u"] + "\x00" + frame["s"]).to_numpy()[idx],
                     idx.astype(str))
    _, first = np.unique(group, return_index=True)
    idx = idx[np.sort(first)][:n]
    out = np.zeros(len(eligible), dtype=bool)
    out[idx] = True
    return out


def _build(size: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    province = size >= _PROVINCE_SIZE
    opds = _catalogue(size)
    slots = _structure(size, opds, rng)
    hosts = _hosts(slots, opds)
    n_struct = sum(len(h.posts) for per in hosts for h in per)
    teachers = round(_SHARE_TEACHER * size)
    functional = round(_SHARE_FUNCTIONAL * size)
    pendidikan = next(i for i, o in enumerate(opds) if o.name == "Dinas Pendidikan")
    places = list(_CITIES if province else _KECAMATAN[: max(5, sum(
        1 for o in opds if o.kind == "kecamatan"))])
    _add_schools(hosts[pendidikan], pendidikan, teachers, province, places, rng)
    _add_functional(hosts, opds, functional, rng)
    pelaksana = size - n_struct - teachers - functional
    _add_pelaksana(hosts, max(0, pelaksana), rng)
    frame = _people(hosts, opds, rng)
    if len(frame) != size:  # only when mandatory posts alone exceed the size
        frame = frame.iloc[:size]
    return frame.reset_index(drop=True)


def make_sample(size: int = 9000, seed: int = 0, leave_share: float = 0.0,
                travel_share: float = 0.0, period: tuple[date, date] = PERIOD) -> pd.DataFrame:
    """A staff list of `size` rows with the columns of `COLUMNS`, the same for the same seed.

    Text columns hold strings (blank is ""); `Tanggal Lahir` holds dates. With a leave or
    travel share, `Cuti` and `Dinas Luar` columns too: runs of working days inside
    `period` (see `sample_absences`), the staff themselves unchanged.
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    if size >= _MIN_BUILD:
        frame = _build(size, seed)
    else:
        # A complete organisation needs ~100 people; smaller samples are a random subset of
        # one, still with unique NIPs and every column filled the same way.
        base = _build(_MIN_BUILD, seed)
        pick = np.sort(np.random.default_rng(seed).choice(_MIN_BUILD, size=size, replace=False))
        frame = base.iloc[pick].reset_index(drop=True)
    if leave_share or travel_share:
        frame = add_absences(frame, seed, leave_share, travel_share, period)
    return frame


# ---------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------

_WIDTHS = {"NIP": 21, "Nama": 34, "Unit Kerja": 44, "Sub Unit": 40, "Jabatan": 44, "Eselon": 11,
           "Jenis Jabatan": 14, "Status": 8, "Tanggal Lahir": 13, "Komorbid": 10,
           "Hamil/Menyusui": 15, "Wajib WFO": 10, "Wajib WFH": 10, "Cuti": 26,
           "Dinas Luar": 26}


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """NIPs as text (an 18-digit number loses digits in Excel), dates as real Excel dates."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        sheet = workbook.add_worksheet("Pegawai")
        bold = workbook.add_format({"bold": True})
        text = workbook.add_format({"num_format": "@"})
        day = workbook.add_format({"num_format": "dd/mm/yyyy"})
        columns = list(frame.columns)
        for c, name in enumerate(columns):
            sheet.set_column(c, c, _WIDTHS.get(name, 12), text if name == "NIP" else None)
        sheet.freeze_panes(1, 0)
        for c, name in enumerate(columns):
            sheet.write_string(0, c, name, bold)
        epoch = np.datetime64("1899-12-30", "D")
        serial = (frame["Tanggal Lahir"].to_numpy().astype("datetime64[D]") - epoch).astype(
            np.int64)
        texts = [frame[c].tolist() if c != "Tanggal Lahir" else None for c in columns]
        write_string = sheet.write_string
        write_number = sheet.write_number
        for r in range(len(frame)):
            row = r + 1
            for c, values in enumerate(texts):
                if values is None:
                    write_number(row, c, int(serial[r]), day)
                    continue
                value = values[r]
                if value:
                    if c == 0:
                        write_string(row, c, value, text)
                    else:
                        write_string(row, c, value)
        sheet.autofilter(0, 0, len(frame), len(columns) - 1)
    finally:
        workbook.close()


def write_sample(path: Path, size: int = 9000, seed: int = 0, leave_share: float = 0.0,
                 travel_share: float = 0.0, period: tuple[date, date] = PERIOD) -> None:
    """Write `make_sample(...)` as .xlsx or .csv, replacing `path` atomically.

    A reader (or a half-finished demo) never sees a partial file: the sample goes to a
    temporary file beside `path` and is renamed over it only when complete.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValueError(f"write_sample writes .xlsx or .csv, not {path.suffix!r}")
    frame = make_sample(size, seed, leave_share, travel_share, period)
    with naming(path):  # a full disk names `path`, not the temporary file
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        # mkstemp makes the file private; a shipped sample should be as readable as the old one.
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        try:
            if suffix == ".xlsx":
                _write_xlsx(frame, tmp)
            else:
                out = frame.copy()
                out["Tanggal Lahir"] = out["Tanggal Lahir"].dt.strftime("%Y-%m-%d")
                out.to_csv(tmp, index=False, encoding="utf-8")
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
