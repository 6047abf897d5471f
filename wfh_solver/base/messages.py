"""The message catalogue: every sentence a user reads, in Indonesian (default) and English.

Code asks for `t("key", **params)`; the language is set once per run (`--lang`) with
`set_language`. Workbook labels live beside this in `labels.py` and are looked up
through the same `t`, so a translation is a change to these two tables only.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from wfh_solver.base.labels import EN as LABELS_EN
from wfh_solver.base.labels import ID as LABELS_ID

LANGUAGES = ("id", "en")
_language: ContextVar[str] = ContextVar("wfh_solver_language", default="id")

_ID: dict[str, str] = {
    # where a problem is
    "loc_sheet": "sheet {sheet!r}",
    "loc_row": "baris {row}",
    "loc_column": "kolom {column}",
    "loc_value": " (nilai {value!r})",
    # files
    "file_not_found": "berkas tidak ditemukan",
    "hint_check_path": "periksa nama dan lokasi berkas",
    "is_folder": "ini sebuah folder, bukan spreadsheet",
    "file_empty": "berkas kosong",
    "file_too_large": "berkas lebih besar dari {limit} MB",
    "password": "workbook dilindungi kata sandi",
    "hint_password": "buka di Excel, hapus kata sandinya (File > Info), lalu simpan ulang",
    "not_spreadsheet": "bukan spreadsheet (berkas biner tak dikenal)",
    "hint_save_xlsx": "simpan dari Excel sebagai .xlsx atau .csv",
    "zip_no_workbook": "bukan spreadsheet (berkas zip tanpa workbook)",
    "zip_too_big": "workbook membengkak menjadi {size} MB, di atas batas {limit} MB",
    "zip_bomb": "workbook dikompresi secara tidak wajar (zip bomb?)",
    "corrupt_part": "workbook rusak (bagian {part} rusak)",
    "corrupt": "workbook rusak atau terpotong ({detail})",
    "hint_resave": "buka lalu simpan ulang di Excel sebagai .xlsx",
    "unreadable": "workbook tidak dapat dibaca: {detail}",
    "too_many_rows": "sheet {sheet!r} memiliki lebih dari {limit} baris",
    "csv_unreadable": "bukan berkas CSV yang dapat dibaca ({detail})",
    "html_no_table": "berkas HTML tanpa tabel",
    "no_sheets": "workbook tidak memiliki sheet",
    "no_cells": "workbook kosong: tidak ada sel berisi",
    "no_sheet_named": "tidak ada sheet bernama {name!r}",
    "hint_sheets": "sheet dalam berkas: {names}",
    # table
    "missing_columns": "kolom wajib tidak ada: {missing}. Kolom yang ditemukan: {found}",
    "hint_accepted": "nama yang diterima — {accepted}",
    "none": "tidak ada",
    "no_rows": "tabel memiliki judul kolom tetapi tidak ada baris pegawai",
    "empty_nip": "NIP kosong",
    "hint_empty_nip": "setiap pegawai perlu NIP (atau ID untuk non-ASN)",
    "empty_unit": "Unit Kerja kosong",
    "hint_empty_unit": "isi OPD tempat pegawai bekerja",
    "empty_name": "nama kosong",
    "both_flags": "pegawai ditandai Wajib WFO sekaligus Wajib WFH",
    "hint_both_flags": "pilih salah satu",
    "eselon_bad": "bukan kode eselon",
    "hint_eselon": "tulis kodenya seperti II.a, III.b, IV.a, atau '-' untuk non-struktural",
    "nip_not_number": "NIP bukan angka",
    "nip_not_whole": "NIP bukan bilangan bulat",
    "nip_rounded": "NIP tersimpan sebagai angka sehingga Excel membulatkan digit terakhirnya",
    "hint_nip_text": "format kolom NIP sebagai Teks lalu ketik ulang NIP (atau awali dengan ')",
    "nip_scientific": "NIP tertulis dalam notasi ilmiah, digitnya hilang",
    "nip_length": "NIP harus 18 digit (ada {length})",
    "hint_nip_length": "periksa NIP di SIMPEG; untuk pegawai non-ASN isi Status dengan PTT/Honorer",
    "nip_birth_date": "8 digit pertama NIP bukan tanggal lahir yang sah",
    "nip_start": "digit ke-9 s.d. 14 NIP bukan tahun dan bulan pengangkatan yang sah",
    "nip_sex": "digit ke-15 NIP (jenis kelamin) harus 1 atau 2",
    "nip_birth_year": "tahun lahir pada NIP tidak mungkin",
    "flag_bad": "isi dengan Ya atau Tidak",
    "date_bad": "bukan tanggal",
    "hint_date": "tulis sebagai dd/mm/yyyy",
    "dates_bad": "tanggal tidak terbaca: {detail}",
    "hint_dates": "tulis tanggal dd/mm/yyyy, dipisah ; atau rentang 24/03/2020 s.d. 26/03/2020",
    "duplicate_nip": "NIP ganda: {count} kali (baris {rows})",
    "hint_duplicate": "setiap pegawai hanya boleh muncul sekali",
    "and_more": "dan {count} lainnya",
    "duplicates_more": "{count} NIP ganda lainnya tidak dicantumkan satu per satu",
    # rows skipped (info lines of validate)
    "skip_header": "baris judul kolom berulang (pergantian halaman), dilewati",
    "skip_numbers": "baris nomor kolom berulang, dilewati",
    "skip_total": "baris jumlah atau subtotal, dilewati",
    "skip_signature": "tanda tangan, tempat/tanggal atau catatan di bawah tabel, dilewati",
    "skip_section": "baris judul unit, dilewati (unit dibaca dari kolom Unit Kerja)",
    "skip_note": "baris tanpa NIP dan nama (bukan baris pegawai), dilewati",
    "second_table_same": "tabel kedua dengan kolom yang sama: barisnya dibaca sebagai pegawai",
    "second_table_other": "tabel kedua dengan kolom berbeda di sheet yang sama",
    "hint_second_table": "pindahkan tabel itu ke sheet lain atau hapus, lalu coba lagi",
    "merged_overlap": "sel gabungan (merge) saling menimpa; sebagian tidak diisi",
    "staff_above_header": "baris pegawai di atas baris judul kolom (baris {row})",
    "hint_staff_above_header": "letakkan baris judul kolom di atas semua pegawai",
    "v_problems_in": "Masalah dan baris yang dilewati — {file}",
    # policy
    "where_office": "di kantor",
    "where_home": "di rumah",
    "whole_org": "seluruh organisasi",
    "conflict": "{name} (NIP {nip}, baris {row}, {unit}) harus {where} menurut aturan "
                "'{rule}', tetapi sudah ditetapkan sebaliknya oleh '{other}'",
    "personal_override": "{name} (NIP {nip}, baris {row}, {unit}): {flag} lebih spesifik dan "
                         "mengalahkan aturan '{rule}'.",
    "capped": "{where}: aturan '{rule}' meminta {minimum} orang di kantor setiap hari, tetapi "
              "hanya ada {available} pegawai yang memenuhi; semuanya tetap di kantor.",
    "capped_days": "{where}: aturan '{rule}' meminta {minimum} orang di kantor, tetapi pada "
                   "{dates} pegawai yang hadir lebih sedikit (cuti/DL); semua yang hadir tetap "
                   "di kantor pada hari itu.",
    "empty_scopes": "Aturan '{rule}': {count} unit/sub-unit tidak memiliki pegawai jenis yang "
                    "disebut aturan; aturan tidak berlaku di sana.",
    "max_fixed": "{where}: aturan '{rule}' membolehkan paling banyak {maximum} dari {members} "
                 "pegawai di kantor per hari, tetapi {fixed} orang wajib selalu di kantor menurut "
                 "aturan lain; hanya mereka yang masuk.",
    "max_below_min": "{where}: aturan '{rule}' membolehkan paling banyak {maximum} orang "
                     "di kantor, "
                     "tetapi aturan lain memerlukan paling sedikit {minimum}.",
    "cap_clash": "{unit}: aturan '{rule}' membolehkan paling banyak {maximum} orang di kantor per "
                 "hari, tetapi aturan {others} bersama-sama memerlukan paling sedikit {need} "
                 "({days}).",
    "every_working_day": "setiap hari kerja",
    "generic_clash": "Aturan untuk {units} tidak dapat dipenuhi bersamaan pada hari yang sama; "
                     "periksa aturan minimum dan maksimum unit-unit ini.",
    "extra_groups": "Kelompok pegawai setara (variabel model)",
    "extra_components": "Sub-model independen",
    "extra_blocks": "Blok hari (jumlah atas sub-model)",
    "extra_history": "Hari WFH dari jadwal sebelumnya (--previous), jumlah semua pegawai",
    "extra_pins": "Sel yang sudah ditetapkan (--pin) dan dipertahankan",
    "pin_rule_absent": "cuti/dinas luar menurut daftar pegawai",
    "pin_clash": "{name} (NIP {nip}) ditetapkan {code} pada {day}, tetapi bertentangan dengan "
                 "'{rule}'.",
    "pin_count": "Sel yang ditetapkan {code} untuk {people} pada {day} membuat aturan '{rule}' "
                 "({where}) tidak terpenuhi (batas {limit} orang di kantor).",
    "timeout": "batas waktu habis sebelum jadwal apa pun ditemukan; naikkan --time-limit",
    "level_intent": "tujuan kebijakan: hari kerja di kantor (WFH maksimal), selisih dari "
                    "target WFH harian, atau hari WFH di bawah batas kantor (max_wfo)",
    "level_vulnerable": "hari di kantor pegawai rentan (usia 50+, komorbid, hamil/menyusui)",
    "level_fairness": "jumlah per unit dari selisih (maks − min) hari WFH pegawai yang tidak "
                      "ditetapkan aturan; hari WFH dihitung atas hari hadir (cuti/DL tidak "
                      "mengurangi jatah WFH)",
    # scenario
    "scenario_not_found": "skenario {name!r} tidak ditemukan: bukan berkas dan bukan nama bawaan "
                          "(bawaan: {names})",
    "scenario_did_you_mean": "skenario {name!r} tidak ditemukan; maksud Anda {guess}?",
    "period_after_scenario": "periode tidak sah: awal {start} sesudah akhir {end}{which}",
    "period_of_scenario": " (akhir skenario {name}; berikan juga --to)",
    "period_before_scenario": "periode tidak sah: akhir {end} sebelum awal {start}{which}",
    "period_start_of_scenario": " (awal skenario {name}; berikan juga --from)",
    "scenario_unreadable": "skenario tidak dapat dibaca ({detail})",
    "scenario_bad_toml": "bukan TOML yang sah ({detail})",
    "scenario_unknown_key": "kunci tidak dikenal `{key}`",
    "scenario_no_rule": "tidak ada aturan bernama {rule!r}; aturan yang ada: {rules}",
    "batch_bad_scheduler": "--scheduler harus 'local' atau tcp://HOST:PORT, bukan {value!r}",
    "batch_no_dask": "scheduler Dask memerlukan `pip install 'wfh-solver[dask]'`",
    "batch_no_files": "tidak ada daftar pegawai (.xlsx, .xls, .ods, .csv) di {spec}",
    "batch_failed": "{failed} dari {total} tugas gagal (lihat kolom galat di {out}):",
    "batch_done": "{total} tugas: {done} selesai, {failed} gagal → {out}",
    "no_working_days": "periode {start} s.d. {end} tidak memiliki hari kerja (akhir pekan dan "
                       "hari libur saja)",
    # cli
    "error": "error",
    "more_problems": "… dan {count} masalah lain (jalankan `wfh-solver validate` untuk tabel "
                     "lengkap)",
    "policy_cannot": "kebijakan tidak dapat dipenuhi:",
    "out_is_input": "--out tidak boleh sama dengan berkas masukan",
    "out_suffix": "--out {path}: gunakan nama berkas .xlsx atau .csv",
    # output safety (write/outputs.py)
    "out_is_input_path": "{path} adalah berkas masukan {input}; pilih nama atau folder "
                         "keluaran lain",
    "out_twice": "{path} dan {other} menunjuk berkas yang sama; pilih nama atau folder lain",
    "out_is_folder": "{path} adalah sebuah folder; beri nama berkas keluaran",
    "out_not_folder": "{path} adalah sebuah berkas, bukan folder",
    "out_exists": "{path} sudah ada dan bukan buatan wfh-solver; pilih nama lain atau tambahkan "
                  "--overwrite untuk menimpanya",
    "temp_failed": "tidak dapat membuat berkas sementara di samping {path}",
    "far_cells_ignored": "sel yang jauh di luar tabel diabaikan (hanya tabel pegawai yang dibaca)",
    "cells_ignored": "{count} sel terisi di bawah {blank} baris kosong diabaikan",
    "too_many_cells": "sheet {sheet!r} berisi lebih dari {limit} sel terisi",
    "v_more_problems": "… dan {count} masalah lain (gunakan --format json untuk semuanya)",
    "xls_far_cells": "berkas .xls berisi sel yang jauh di luar tabel ({cells})",
    "hint_far_cells": "hapus isi sel itu, atau simpan berkas sebagai .xlsx",
    "write_failed": "tidak dapat menulis {path}: {reason}; berkas keluaran sebelumnya tidak diubah",
    "signal_stopped": "dihentikan ({signal}) saat {phase}; tidak ada berkas yang ditulis",
    "signal_stopped_plain": "dihentikan ({signal})",
    "signal_solved": "dihentikan ({signal}) saat menyelesaikan: jadwal terbaik sejauh ini ditulis",
    "bad_date": "{option} {value!r} bukan tanggal (tulis 01/04/2020 atau 2020-04-01)",
    "period_reversed": "periode tidak sah: awal {start} sesudah akhir {end}",
    "aborted": "dibatalkan",
    "usage_hint": "lihat `{command}`",
    "usage_no_command": "perintah belum diberikan; pilih salah satu: {commands}",
    "usage_no_command_named": "tidak ada perintah {name!r}",
    "usage_no_option": "opsi {option} tidak dikenal",
    "did_you_mean": "; maksud Anda {guess}?",
    "usage_missing": "{what} wajib diisi",
    "usage_bad_value": "nilai {what} tidak sah: harus {expected}",
    "usage_needs_value": "opsi {option} memerlukan nilai",
    "usage_extra": "argumen berlebih: {args}",
    "expect_int": "bilangan bulat",
    "expect_int_from": "bilangan bulat paling kecil {low}",
    "expect_int_between": "bilangan bulat {low} s.d. {high}",
    "expect_number": "angka",
    "sc_name": "nama",
    "sc_source": "surat edaran",
    "sc_period": "periode",
    "sc_title": "judul",
    "bad_lang": "--lang {value!r}: gunakan id atau en",
    "bad_format": "--format {value!r}: gunakan table atau json",
    "interrupted": "dihentikan (Ctrl-C): jadwal terbaik sejauh ini ditulis; belum terbukti "
                   "optimal",
    "time_limit_hit": "batas waktu tercapai: jadwal layak tetapi belum terbukti optimal (lihat "
                      "gap di Ringkasan)",
    "summary_head": "{title}: {employees} pegawai × {days} hari kerja → {out}",
    "summary_status": "status {status}; {warnings} peringatan; selesai dalam {seconds:.1f} detik",
    "wrote_sample": "{size} pegawai ditulis ke {out}",
    "v_severity": "tingkat",
    "v_sheet": "sheet",
    "v_row": "baris",
    "v_column": "kolom",
    "v_value": "nilai",
    "v_reason": "masalah",
    "v_hint": "cara memperbaiki",
    "v_problems": "Masalah",
    "v_understood": "{file}: sheet {sheet!r}, {employees} pegawai, {units} unit kerja",
    "v_categories": "Kategori",
    "v_statuses": "Status pegawai (Status kosong dibaca PNS, yaitu ASN)",
    "v_unit_types": "Jenis unit",
    "v_roles": "Peran",
    "v_columns": "Kolom terpetakan",
    "v_spellings": "Ejaan unit yang disatukan",
    "v_units": "Pegawai per unit",
    # rules judged on a finished roster (evaluate, check, --relax, explain; issue 12)
    "ev_and_more": "dan {count} lainnya",
    "ev_pin_office": "{who} wajib di kantor ('{rule}'), tetapi WFH pada {day} ({cell})",
    "ev_pin_home": "{who} wajib di rumah ('{rule}'), tetapi WFO pada {day} ({cell})",
    "ev_rule_absence": "Cuti/DL sesuai daftar pegawai",
    "ev_away_working": "{who} cuti/DL pada {day} menurut daftar pegawai, tetapi jadwal menulis "
                       "WFO/WFH ({cell})",
    "ev_not_away": "{who}: jadwal menulis CUTI/DL pada {day}, tetapi daftar pegawai tidak "
                   "mencatat cuti/DL hari itu ({cell})",
    "ev_minimum": "{where}: aturan '{rule}' memerlukan paling sedikit {required} orang di kantor "
                  "pada {day}, hanya {achieved}; bisa masuk: {who} ({cells})",
    "ev_minimum_none": "{where}: aturan '{rule}' memerlukan paling sedikit {required} orang di "
                       "kantor pada {day}, hanya {achieved}; tidak ada lagi yang bisa masuk",
    "ev_pinned_home": "; ditetapkan WFH oleh HR (--pin): {who} ({cells})",
    "ev_maximum": "{where}: aturan '{rule}' membolehkan paling banyak {required} orang di kantor "
                  "pada {day}, ada {achieved}: {who} ({cells})",
    "ev_rule_fairness": "Rotasi adil (selisih hari WFH paling banyak 1)",
    "ev_fairness": "{where}, {category}: {few} mendapat {low} hari WFH, {many} mendapat {high}; "
                   "pegawai setara boleh berselisih paling banyak 1 hari ({cells})",
    "ck_rule_sheet": "Isi jadwal",
    "ck_no_sheet": "tidak ada sheet jadwal: perlu baris judul dengan kolom NIP dan kolom "
                   "tanggal",
    "ck_hint_layout": "pakai tata letak keluaran wfh-solver: NIP, Nama, …, satu kolom per "
                      "tanggal",
    "previous_overlap": "jadwal sebelumnya {file} memuat {count} hari kerja periode ini "
                        "({first}–{last}); hari WFH-nya ikut dihitung sebagai riwayat — "
                        "periksa apakah berkas itu benar jadwal periode lalu",
    "roster_not_day": "bukan tanggal",
    "roster_hint_day": "tulis tanggal seperti 01/07/2020 atau 2020-07-01",
    "roster_twice": "NIP {nip} punya dua isian berbeda untuk {day}: {first} dan {second}",
    "roster_hint_twice": "hapus salah satu baris",
    "ck_missing_day": "hari kerja {day} tidak punya kolom di jadwal",
    "ck_extra_day": "kolom {cell} ({day}) bukan hari kerja periode ini",
    "ck_unknown": "NIP {nip} ({name}) di {cell} tidak ada di daftar pegawai",
    "ck_duplicate": "{name} (NIP {nip}) muncul lagi di {cell} (pertama di baris {first}); "
                    "baris pertama yang dinilai",
    "ck_missing": "{name} (NIP {nip}, baris {row} daftar pegawai, {unit}) tidak ada di jadwal",
    "ck_blank": "{who}: sel {cell} kosong (harus WFO, WFH, CUTI atau DL)",
    "ck_bad_code": "{who}: sel {cell} berisi {value!r}, bukan WFO, WFH, CUTI atau DL",
    "ck_same_file": "{path} diberikan sebagai jadwal dan sebagai daftar pegawai (--input); "
                    "--input harus daftar pegawai yang dipakai untuk membuat jadwal",
    "ck_clean": "{path}: jadwal memenuhi semua aturan '{scenario}' ({employees} pegawai × "
                "{days} hari).",
    "ck_found": "{path}: {count} pelanggaran aturan '{scenario}' ({employees} pegawai × {days} "
                "hari).",
    "ck_more": "… dan {count} pelanggaran lagi (--limit 0 untuk semuanya)",
    "level_shortfall": "kekurangan aturan (--relax): orang-hari di bawah/di atas aturan "
                       "jumlah × {weight} + aturan persentase; pin dan cuti tetap",
    "rx_warning": "ATURAN DILANGGAR (--relax): {count} pelanggaran, kekurangan total {total} "
                  "orang-hari ({counts} pada aturan jumlah, {shares} pada aturan persentase), "
                  "terbukti paling sedikit; lihat sheet Pelanggaran.",
    "rx_mismatch": "Peringatan internal: pelanggaran yang dihitung ({found}) berbeda dari "
                   "minimum terbukti ({proven}).",
    "rx_head": "PERHATIAN: jadwal ini MELANGGAR {count} aturan-hari (kekurangan {total} "
               "orang-hari, terbukti paling sedikit); daftarnya di sheet Pelanggaran.",
    "rx_clean": "--relax: semua aturan terpenuhi, tidak ada yang perlu dilonggarkan.",
    "ex_pin_office": "{who}, {position}, wajib di kantor ('{rule}')",
    "ex_pin_home": "{who}, {position}, wajib di rumah ('{rule}')",
    "ex_cell_rule": "Ditetapkan HR (--pin)",
    "ex_cell": "{who}, {position}, ditetapkan {code} oleh HR (--pin)",
    "ex_leave": "cuti",
    "ex_travel": "dinas luar",
    "ex_absence": "{who} {word} pada {day}",
    "ex_rule_max": "'{rule}': paling banyak {maximum} dari {members} pegawai {where} di kantor",
    "ex_rule_min": "'{rule}': paling sedikit {minimum} dari {members} pegawai terpilih {where} "
                   "di kantor",
    "ex_conflict": "{where} ({days}): tidak bisa dipenuhi bersamaan — {items}",
    "ex_rule_group": "'{rule}': {parts}",
    "ex_min_part": "paling sedikit {minimum} di kantor di {where} ({members} orang terpilih)",
    "ex_max_part": "paling banyak {maximum} dari {members} orang {where} di kantor",
    "ex_not_minimal": "(daftar ini cukup untuk berbenturan, tetapi belum diperkecil menjadi "
                      "minimal)",
    "ex_rotation": "aturan rotasi adil: pegawai setara (unit, sub-unit, jenis jabatan, kerentanan "
                   "dan hari cuti yang sama) berselisih paling banyak 1 hari WFH, padahal aturan "
                   "di bawah ini memperlakukan mereka berbeda",
    "ex_head": "Aturan tidak bisa dipenuhi bersamaan di {count} unit; tidak ada jadwal yang "
               "ditulis.",
    "ex_written": "Daftar lengkap konflik: {path} (sheet Konflik).",
    "ex_more_units": "… dan {count} unit lain (lihat sheet Konflik)",
    "ex_by_rule": "Aturan yang paling sering terlibat: {rules}",
    # wfh-solver serve (the web page)
    "web_title": "Jadwal WFH/WFO dari daftar pegawai",
    "web_tagline": "jadwal bergiliran sesuai surat edaran",
    "web_footer": "wfh-solver — berjalan di komputer ini; berkas tidak dikirim ke mana pun",
    "web_step_upload": "Unggah daftar pegawai",
    "web_step_check": "Periksa",
    "web_step_circular": "Pilih surat edaran",
    "web_step_solve": "Susun jadwal",
    "web_step_download": "Unduh",
    "web_upload_label": "Daftar pegawai (ekspor SIMPEG/SIASN)",
    "web_upload_hint": ".xlsx, .xls, .ods atau .csv, paling besar {limit} MB",
    "web_upload_button": "Unggah dan periksa",
    "web_private": "Berkas disimpan di folder sementara pribadi dan dihapus setelah tidak dipakai.",
    "web_bad_form": "formulir unggahan tidak sah; muat ulang halaman lalu coba lagi",
    "web_csrf": (
        "formulir kedaluwarsa atau bukan dari halaman ini; muat ulang halaman lalu coba "
        "lagi"),
    "web_too_large": "berkas lebih besar dari {limit} MB",
    "web_no_file": "tidak ada berkas yang dipilih (atau berkas kosong)",
    "web_unreadable": "berkas tidak dapat dibaca (pembaca berhenti)",
    "web_internal": "terjadi kesalahan internal; rincian ada di log server",
    "web_not_found": "halaman atau data tidak ditemukan (data dihapus setelah lama tidak dipakai)",
    "web_bad_request": "permintaan tidak sah",
    "web_error_title": "Tidak dapat dilanjutkan",
    "web_back_home": "Kembali ke awal",
    "web_understood": "Sheet {sheet!r}: {employees} pegawai dalam {units} unit kerja.",
    "web_problems": "Masalah dalam berkas ({count})",
    "web_sev_error": "galat",
    "web_sev_warning": "peringatan",
    "web_fix_first": "Perbaiki galat di atas pada spreadsheet, simpan, lalu unggah ulang.",
    "web_upload_again": "Unggah berkas lain",
    "web_how_read": "Bagaimana berkas dibaca (kategori, jenis unit, jabatan, kolom)",
    "web_running": "Penyusunan jadwal sedang berjalan untuk berkas ini.",
    "web_see_progress": "Lihat kemajuan",
    "web_choose": "Pilih surat edaran",
    "web_custom": "Skenario yang diubah",
    "web_download_toml": "Unduh skenario (.toml)",
    "web_edit_numbers": "ubah angka",
    "web_solve_button": "Susun jadwal",
    "web_runs": "Penyusunan untuk berkas ini",
    "web_delete": "Selesai: hapus berkas dan hasil",
    "web_edit_title": "Ubah aturan surat edaran",
    "web_edited": "diubah",
    "web_start": "Mulai",
    "web_end": "Sampai",
    "web_workweek": "Pekan kerja",
    "web_ww_mon-fri": "Senin–Jumat",
    "web_ww_mon-sat": "Senin–Sabtu",
    "web_number": "Angka",
    "web_unit_count": "orang",
    "web_unit_share": "%",
    "web_unit_levels": "tingkat",
    "web_edit_hint": (
        "Skenario yang diubah disimpan sebagai TOML yang dapat diunduh dan dipakai dengan"
        " wfh-solver solve --scenario."),
    "web_save_scenario": "Simpan skenario",
    "web_cancel_edit": "Batal",
    "web_bad_field": "isian {field!r} tidak sah: {value!r}",
    "web_bad_scenario": "skenario tidak sah: {detail}",
    "web_solving": "Menyusun jadwal",
    "web_phase_start": "memulai",
    "web_phase_read": "membaca berkas",
    "web_phase_build": "menyusun aturan",
    "web_phase_solve": "menyelesaikan",
    "web_components": "{done} dari {total} bagian selesai",
    "web_level": "Tingkat",
    "web_objective": "Nilai",
    "web_bound": "Batas terbukti",
    "web_proven_parts": "Bagian terbukti",
    "web_cancel": "Hentikan (simpan jadwal terbaik sejauh ini)",
    "web_stopping": "Menghentikan… jadwal terbaik sejauh ini sedang disimpan.",
    "web_reload": "Muat ulang halaman untuk melihat kemajuan.",
    "web_finished_see": "Selesai — lihat hasil",
    "web_state_running": "berjalan",
    "web_state_done": "selesai",
    "web_state_infeasible": "aturan tidak dapat dipenuhi",
    "web_state_failed": "gagal",
    "web_infeasible_title": "Aturan tidak dapat dipenuhi bersamaan",
    "web_infeasible_hint": (
        "Ubah angka surat edaran (misalnya jumlah minimum) atau periksa data unit yang "
        "disebut, lalu susun ulang."),
    "web_failed_title": "Jadwal tidak dapat disusun",
    "web_worker_died": "proses penyusun jadwal berhenti tak terduga (kehabisan memori?)",
    "web_result_summary": "{employees} pegawai × {days} hari kerja, selesai dalam {seconds} detik.",
    "web_interrupted": (
        "Dihentikan: ini jadwal terbaik yang ditemukan sejauh ini; belum terbukti "
        "optimal."),
    "web_downloads": "Unduh",
    "web_download_xlsx": "Jadwal (.xlsx)",
    "web_download_zip": "Jadwal per unit (.zip)",
    "web_download_pdf": "PDF per unit untuk dicetak (.zip)",
    "web_download_hint": (
        "Berkas unduhan dibuat saat diminta dan dihapus dari server setelah terkirim."),
    "web_presence_all": "Kehadiran harian (seluruh organisasi)",
    "web_warnings": "Catatan ({count})",
    "web_calendar": "Kalender per unit",
    "web_show": "Tampilkan",
    "web_more_rows": "{count} pegawai lain di unit ini ada di workbook.",
    "web_away": "cuti/DL",
    "web_chart_label": "Jumlah pegawai WFO, WFH dan cuti/DL per hari kerja",
    "web_chart_caption": "skala sampai {maximum} pegawai",
    "web_exposed": (
        "PERINGATAN: halaman dapat dibuka dari komputer lain di jaringan ({host}); data "
        "pegawai ikut terbuka. Tanpa --host halaman hanya untuk komputer ini."),
    "web_ready": "Halaman siap di {url} (Ctrl-C untuk berhenti)",
    "web_port_busy": "port {port} sudah dipakai; pilih yang lain dengan --port",
    "web_relax_hint": (
        "Jadwal tetap dapat disusun dengan melonggarkan aturan sesedikit mungkin (seperti"
        " wfh-solver solve --relax); setiap aturan yang dilanggar disebut beserta selnya."),
    "web_relax_button": "Susun jadwal yang paling sedikit melanggar",
    "web_relaxed": (
        "Jadwal ini melanggar {count} ketentuan seminimal mungkin, karena aturan tidak "
        "dapat dipenuhi bersamaan:"),
    "web_check_title": "Periksa jadwal yang diedit",
    "web_check_hint": (
        "Unggah jadwal (hasil unduhan yang diedit di Excel, atau buatan sendiri) untuk "
        "memeriksa setiap aturan terhadap daftar pegawai ini; setiap pelanggaran menyebut"
        " selnya."),
    "web_circular": "Surat edaran",
    "web_check_button": "Periksa jadwal",
    "web_check_clean": (
        "Jadwal memenuhi semua aturan '{scenario}' ({employees} pegawai × {days} hari "
        "kerja)."),
    "web_check_found": (
        "{count} pelanggaran aturan '{scenario}' ({employees} pegawai × {days} hari "
        "kerja)."),
    "web_v_kind": "Jenis",
    "web_v_cells": "Sel",
    "web_v_text": "Keterangan",
    "web_check_again": "Periksa jadwal lain",
    "web_download_conflicts": "Unduh rincian konflik (.xlsx)",
    # --- s5-bombs ---
    "text_unreadable": "tidak dapat dibaca ({detail})",
    "text_is_folder": "ini sebuah folder, bukan berkas",
    "not_regular_file": "bukan berkas biasa (perangkat, pipa atau soket)",
    "text_too_large": "berkas lebih besar dari {limit}",
    "text_not_utf8": "bukan teks UTF-8 (bita ke-{position})",
    "toml_too_deep": "susunan bersarang terlalu dalam",
    "colmap_not_text": "nilai '{key}' berupa {kind}, bukan nama kolom",
    "colmap_unknown": "nama kolom tidak dikenal: {pairs}",
    "hint_colmap": "tulis \"Judul di berkas\" = \"nip\"; nama kolom: {columns}",
    "toml_table": "tabel",
    "toml_array": "daftar (array)",
    "toml_boolean": "nilai benar/salah",
    "toml_number": "angka",
    "toml_date": "tanggal",
    "period_too_many_days": (
        "periode {start} s.d. {end} memiliki {days} hari kerja; lembar Jadwal memuat paling "
        "banyak {limit} kolom hari (Excel: {columns} kolom) — perpendek periode"),
    "period_too_large": (
        "{staff} pegawai × {days} hari kerja = {cells} hari-orang, lebih dari batas {limit} "
        "(jadwal sebesar ini memerlukan lebih dari 1 GiB memori) — perpendek periode atau "
        "bagi daftar pegawai per OPD"),
    "dates_limit_pieces": (
        "sel Cuti/Dinas Luar berkas ini bersama-sama menyebut lebih dari {limit} tanggal dan "
        "rentang; pembacaan dihentikan di sel ini"),
    "dates_limit_days": (
        "sel Cuti/Dinas Luar berkas ini bersama-sama menyebut lebih dari {limit} hari dalam "
        "periode; pembacaan dihentikan di sel ini"),
    "hint_dates_limit": "tulis rentang (24/03/2020 s.d. 26/03/2020) hanya untuk hari periode ini",
    "dates_limit_days_unbounded": (
        "sel Cuti/Dinas Luar berkas ini bersama-sama menyebut lebih dari {limit} hari; "
        "pembacaan dihentikan di sel ini"),
    "hint_dates_limit_unbounded": (
        "sebutkan skenario (-s) atau periode, agar hanya hari periode itu yang dibaca"),
    "outside_grid": (
        "berkas berisi alamat sel di luar batas Excel (kolom XFD, baris 1.048.576): {refs}"),
    "header_marks": (
        "judul kolom berisi karakter tak terlihat atau lebar penuh ({marks}); dibaca tanpa "
        "karakter itu"),
    "period_detail_rows": (
        "lembar Rincian Aturan akan berisi {rows} baris (satu per unit dan aturan, untuk "
        "setiap hari dari {days} hari kerja); Excel memuat paling banyak {limit} baris — "
        "perpendek periode"),
    # --- s5-outputs ---
    "batch_workers_late": "{count} worker Dask belum siap setelah {seconds} detik",
    "signal_kept_none": (
        "dihentikan ({signal}) saat {phase}; tidak ada berkas yang ditulis, berkas yang sudah "
        "ada tetap seperti semula"),
    # --- s5-serve ---
    "period_out_of_window": (
        "tanggal {day} di luar rentang yang masuk akal (tahun {first}–{last}); periksa tahun"
        " pada periode"),
    "period_backwards": "periode berakhir ({end}) sebelum dimulai ({start})",
    "period_too_long": (
        "periode {days} hari terlalu panjang (paling lama {limit} hari); susun per bulan atau"
        " per tahun"),
    "web_state_queued": "menunggu giliran",
    "web_phase_queued": "menunggu giliran",
    "web_queued": (
        "Menunggu giliran: urutan ke-{place} dalam antrean ({slots} penyusunan berjalan"
        " bersamaan di server ini)."),
    "web_cancelled_queued": "dibatalkan sebelum mulai disusun",
    "web_quota_jobs": (
        "sudah ada {count} penyusunan dari komputer Anda yang berjalan atau menunggu; tunggu"
        " salah satunya selesai atau hentikan"),
    "web_quota_uploads": (
        "sudah ada {count} unggahan dari komputer Anda; klik 'Selesai' pada unggahan lama"
        " untuk menghapusnya"),
    "web_queue_full": "antrean penyusunan penuh ({count}); coba lagi beberapa menit lagi",
    "web_disk_full": (
        "ruang penyimpanan halaman ini penuh (batas {limit} MB); coba lagi setelah unggahan"
        " lama dihapus"),
    "web_timeout": "pengiriman terlalu lambat dan dihentikan; coba lagi",
    "web_body_too_large": "permintaan terlalu besar",
    "web_write_failed": (
        "berkas unduhan tidak dapat ditulis ({reason}); tidak ada berkas setengah jadi yang"
        " tersisa"),
    "web_bad_host": (
        "nama alamat {host!r} tidak diizinkan untuk halaman ini; jalankan serve dengan"
        " --allow-host {host} bila nama itu memang milik komputer ini"),
    "web_bad_origin": "permintaan datang dari situs lain dan ditolak",
    "web_token_title": "Masukkan token halaman",
    "web_token_needed": (
        "Halaman ini dibuka untuk jaringan dan memerlukan token, yang dicetak di terminal saat"
        " wfh-solver serve dimulai."),
    "web_token_wrong": "token salah",
    "web_token_label": "Token",
    "web_token_button": "Buka halaman",
    "web_token_line": (
        "Token halaman: {token} (buka tautan di atas sekali; browser lalu mengingatnya)"),
    "web_allow_hint": (
        "Dari komputer lain buka http://ALAMAT-IP:{port}/?token=…; nama komputer lain perlu"
        " --allow-host NAMA."),
    # --- s5-pins ---
    "pin_outside": "berkas pin {file}: {count} sel di luar hari kerja periode ini "
                   "({first}–{last}) diabaikan",
    "pin_unknown_staff": "berkas pin {file}: {count} sel untuk {people} NIP yang tidak ada "
                         "dalam daftar pegawai diabaikan: {nips}",
    "pin_unchanged": "berkas pin {file}: {count} sel tidak mengubah apa pun (sudah "
                     "ditetapkan oleh cuti, dinas luar atau aturan orang itu): {cells}",
    "roster_code": "bukan WFO, WFH, CUTI atau DL",
    "roster_hint_code": "kosongkan sel yang belum ditetapkan",
    "too_many_person_days": "tata letak panjang (satu baris per pegawai per hari) memiliki "
                            "lebih dari {limit} baris",
    "csv_line_too_long": "ada baris yang lebih panjang dari {limit} karakter",
    "cli_note": "peringatan: {text}",
    # --- s5-print ---
    "ck_kind_missing": "tidak ada di jadwal",
    "ck_kind_added": "tidak ada di daftar pegawai",
    "ck_kind_nip": "NIP berbeda",
    "ck_kind_unit_renamed": "nama unit berubah",
    "ck_kind_moved": "pindah unit",
    "ck_kind_sub_unit_renamed": "nama sub unit berubah",
    "ck_kind_sub_unit": "pindah sub unit",
    "ck_kind_name": "nama berbeda",
    "ck_diff_nip": "{cell}: NIP {written} tertulis untuk {name}; di daftar pegawai NIP {nip}",
    "ck_diff_name": "{cell}: nama tertulis '{written}'; di daftar pegawai NIP {nip} bernama "
                    "'{name}'",
    "ck_diff_moved": "{name} (NIP {nip}) tertulis di unit '{written}' ({cell}); di daftar "
                     "pegawai unitnya '{unit}'",
    "ck_diff_unit_renamed": "unit '{unit}' tertulis '{written}' di {count} baris ({cells}); "
                            "tidak ada unit bernama itu di daftar pegawai",
    "ck_diff_sub": "{name} (NIP {nip}) tertulis di sub unit '{written}' ({cell}); di daftar "
                   "pegawai sub unitnya '{sub}' ({unit})",
    "ck_diff_sub_renamed": "sub unit '{sub}' ({unit}) tertulis '{written}' di {count} baris "
                           "({cells}); tidak ada sub unit bernama itu di unit ini",
    "ck_more_cells": " dan {count} sel lagi",
    "ck_found_people": "{path}: {differences} perbedaan dengan daftar pegawai dan {count} "
                       "pelanggaran aturan '{scenario}' ({employees} pegawai × {days} hari).",
    "ck_section_people": "Perbedaan dengan daftar pegawai (NIP, nama, unit, sub unit): "
                         "{count}",
    "ck_section_rules": "Pelanggaran aturan: {count}",
    "ck_more_people": "… dan {count} perbedaan lagi (--limit 0 untuk semuanya)",
    "web_check_people": "Perbedaan dengan daftar pegawai",
    # --- s5-page ---
    "web_job_of": "Berkas {file} · {circular}",
    "web_summary_title": "Ringkasan",
    "web_waited": "{employees} pegawai × {days} hari kerja; Anda menunggu {seconds} detik.",
    "web_continue_hint": "Jadwal ini belum terbukti yang terbaik. Lanjutkan penyusunan dengan "
                         "waktu lebih lama (paling lama {seconds} detik); jadwal ini tetap ada "
                         "di halaman ini.",
    "web_continue_button": "Lanjutkan penyusunan",
    "web_interpreted": "Cara aturan ditafsirkan",
    "web_notes_title": "Catatan untuk diperiksa ({count})",
    "web_notes_whole": "Seluruh instansi",
    "web_technical": "Teknis (angka penyusun jadwal)",
    "web_solver_time": "Status penyusun: {status}; waktu hitung {seconds} detik.",
    "web_status": "Status",
    "web_days": "Sen Sel Rab Kam Jum Sab Min",
    "web_relaxed_region": "Daftar pelanggaran",
    "web_see_result": "Lihat hasil",
    "web_state_stopped": "dihentikan, belum terbukti terbaik",
    "web_vkind_pin": "sel yang ditetapkan",
    "web_vkind_absence": "cuti/dinas luar",
    "web_vkind_minimum": "kurang dari minimum",
    "web_vkind_maximum": "melebihi batas",
    "web_vkind_fairness": "pemerataan",
    "web_vkind_roster": "isi jadwal",
    "web_vkind_person": "aturan per orang",
    "web_check_file": "Jadwal yang diedit (.xlsx)",
    "web_form_invalid": "Isian tidak sah — perbaiki kolom yang ditandai:",
    "web_err_date": "'{value}' bukan tanggal; tulis sebagai dd/mm/yyyy, misalnya 23/03/2020.",
    "web_err_end_before": "Tanggal selesai sebelum tanggal mulai ({start}).",
    "web_err_window": "Periode harus di antara tahun 2000 dan 2100 dan paling lama 366 hari.",
    "web_err_workweek": "Pilih Senin–Jumat atau Senin–Sabtu.",
    "web_err_share": "'{value}' tidak sah: isi persen antara 0 dan 100 (%).",
    "web_err_count": "'{value}' tidak sah: isi jumlah orang, bilangan bulat 0 atau lebih.",
    "web_err_levels": "'{value}' tidak sah: isi jumlah tingkat jabatan, bilangan bulat 1 "
                      "sampai 5.",
    "web_level_shortfall": "kekurangan aturan (orang-hari di bawah/di atas aturan)",
    # --- s6-page ---
    "web_download_per_unit": "Jadwal per unit (.zip)",
    "web_download_all": "Jadwal dan PDF per unit (.zip)",
    "web_export_title_per_unit": "Jadwal per unit",
    "web_export_title_pdf": "PDF per unit",
    "web_export_title_all": "Jadwal dan PDF per unit",
    "web_export_starting": "Menyiapkan berkas per unit…",
    "web_export_running": "Menulis berkas per unit: {done} dari {total}",
    "web_export_bar": "Kemajuan",
    "web_export_done": "{total} berkas siap dalam {seconds} detik.",
    "web_export_download": "Unduh berkas .zip",
    "web_more_files": "Sel yang sudah ditetapkan dan jadwal sebelumnya (boleh dikosongkan)",
    "web_pin_label": "Jadwal dengan sel yang sudah ditetapkan",
    "web_pin_hint": "Sel WFO, WFH, CUTI dan DL yang terisi dipertahankan persis; sel kosong "
                    "disusun (seperti wfh-solver solve --pin).",
    "web_previous_label": "Jadwal periode sebelumnya (boleh lebih dari satu)",
    "web_previous_hint": "Hari WFH di jadwal ini ikut dihitung agar giliran tetap adil "
                         "(seperti wfh-solver solve --previous).",
    "web_job_pin": "sel tetap dari {file}",
    "web_job_previous": "jadwal sebelumnya: {files}",
    "web_conflict_people": "Orang yang terlibat:",
    "web_conflict_fix": "Perubahan terkecil:",
    "web_conflict_more": "dan {count} orang lagi (semua ada di workbook Konflik)",
    "web_relax_cannot": "Melonggarkan aturan pun tidak menghasilkan jadwal: aturan yang "
                        "menetapkan orang tertentu di kantor atau di rumah saling bertentangan "
                        "dan tidak dilonggarkan. Ubah salah satu aturan itu.",
    "web_edit_rules": "ubah aturan",
    "web_rules_title": "Aturan ({count})",
    "web_scope": "Berlaku",
    "web_param_count": "Jumlah orang",
    "web_param_share": "Persen",
    "web_param_levels": "Jumlah tingkat jabatan",
    "web_param_days": "Jumlah hari",
    "web_unit_days": "hari",
    "web_who": "Siapa yang diatur",
    "web_who_categories": "Jenis jabatan",
    "web_who_roles": "Jabatan pimpinan",
    "web_who_flags": "Tanda pegawai",
    "web_who_unit_types": "Jenis unit kerja",
    "web_who_sub_unit_kinds": "Jenis sub-unit",
    "web_who_units": "Unit kerja (sebagian nama)",
    "web_who_sub_units": "Sub-unit (sebagian nama)",
    "web_who_positions": "Nama jabatan (sebagian nama)",
    "web_who_eselon": "Eselon",
    "web_who_statuses": "Status kepegawaian",
    "web_who_hint_units": "pisahkan dengan ; — misalnya Dinas Kesehatan; RSUD",
    "web_who_hint_sub_units": "pisahkan dengan ; — misalnya Seksi; Puskesmas",
    "web_who_hint_positions": "pisahkan dengan ; — misalnya Guru; Perawat",
    "web_who_hint_eselon": "pisahkan dengan ; — misalnya II; III.a",
    "web_who_hint_statuses": "pisahkan dengan ; — misalnya PNS; PPPK",
    "web_remove_rule": "Hapus aturan ini",
    "web_add_kind": "Jenis aturan baru",
    "web_add_rule": "Tambah aturan",
    "web_refresh_rules": "Perbarui nama aturan",
    "web_err_kind": "Pilih jenis aturan dari daftar.",
    "web_err_scope": "'{kind}' berlaku {scopes}; pilih salah satu.",
    "web_err_days": "'{value}' tidak sah: isi jumlah hari, bilangan bulat {low} sampai {high}.",
    "web_err_unknown_value": "'{value}' tidak dikenal; pilih dari: {known}.",
    "web_err_eselon": "'{value}' bukan eselon; tulis seperti II, III.a atau IV.b.",
    "web_err_pattern": "'{value}' tidak bisa dipakai untuk mencari nama; hapus tanda kurung "
                       "atau garis miring terbalik yang tidak berpasangan.",
    "web_toml_label": "Atau unggah skenario sendiri (berkas TOML)",
    "web_toml_hint": "Berkas yang sama dengan wfh-solver solve --scenario; diperiksa dengan "
                     "cara yang sama.",
    "web_toml_button": "Unggah skenario",
    "web_toml_refused": "Skenario {file} tidak dapat dipakai:",
    "web_toml_unreadable": "berkas tidak dapat dibaca: {detail}",
    "web_toml_syntax": "baris {line}, kolom {column}: penulisan TOML salah (periksa tanda "
                       "kutip, tanda = dan kurung siku).",
    "web_toml_syntax_somewhere": "penulisan TOML salah (periksa tanda kutip, tanda = dan "
                                 "kurung siku).",
    "web_toml_rule": "aturan ke-{number}{name}",
    "web_toml_key": "kunci `{key}`",
    "web_err_missing": "wajib diisi",
    "web_err_unknown_key": "kunci ini tidak dikenal; periksa ejaannya",
    "web_err_share_file": "{value} tidak sah: tulis persen sebagai pecahan antara 0 dan 1 "
                          "(0.25 berarti 25%)",
    "web_err_range_high": "{value} terlalu besar; paling besar {high}",
    "web_err_range_low": "{value} terlalu kecil; paling kecil {low}",
    "web_err_choice": "'{value}' tidak dikenal; pilihan: {choices}",
    "web_err_not_number": "'{value}' bukan angka",
    "web_err_toml_date": "'{value}' bukan tanggal; tulis tanpa tanda kutip, misalnya "
                         "2020-03-23",
    "web_err_not_text": "harus teks dalam tanda kutip",
    "web_err_not_list": "harus daftar dalam kurung siku, misalnya [\"a\", \"b\"]",
    "web_err_not_table": "harus tabel, misalnya {{ units = [\"Dinas\"] }}",
    "web_err_value": "nilai {value} tidak bisa dipakai",
    "web_err_needs": "aturan '{kind}' perlu angka `{parameter}`",
    "web_err_unique": "dua aturan bernama sama; setiap aturan perlu nama sendiri",
    "web_err_intent": "aturan '{kind}' hanya dipakai dengan intent = \"wfh_target\" (dan "
                      "sebaliknya)",
    # --- lead: Telaah on the page ---
    "web_review_hint": "Yang akan ditanyakan kepala unit sebelum menandatangani: siapa yang "
                       "tidak pernah ke kantor, siapa yang tidak pernah di rumah, kelompok "
                       "yang seluruhnya di rumah, unit layanan yang dirumahkan, masing-masing "
                       "dengan aturan yang akan mengubahnya (juga di sheet Telaah pada berkas "
                       "Excel).",
    # --- page21 ---
    "web_conflicts_lead": "Penyebabnya, per unit kerja:",
    # --- end page21 ---
    # --- page-replan ---
    "web_replan_title": "Ubah mulai tanggal",
    "web_replan_hint": "Ada perubahan sejak jadwal ini diumumkan (surat edaran baru, pegawai "
                       "sakit atau dinas luar, unit yang harus buka lagi)? Hari sebelum "
                       "tanggal ini tetap seperti yang diumumkan; mulai tanggal ini jadwal "
                       "disusun lagi dengan sesedikit mungkin perubahan.",
    "web_replan_label": "Berlaku mulai tanggal",
    "web_replan_button": "Ubah mulai tanggal",
    "web_replan_bad_day": "Tanggal mulai perubahan harus di dalam jadwal, {first} sampai "
                          "{last}.",
    "web_revision": "Revisi ke-{number}, berlaku mulai {day}: {cells} sel berubah untuk "
                    "{people} pegawai.",
    # --- end page-replan ---
    # --- replan ---
    "level_changes": "perubahan jadwal yang sudah diumumkan: sel yang berubah (sekecil "
                     "mungkin)",
    "replan_needs_from": "--replan memerlukan --from: tanggal mulai berlakunya perubahan",
    "replan_from_outside": "tanggal mulai perubahan {day} di luar jadwal yang diumumkan "
                           "{file} ({first} – {last}); pilih tanggal di dalamnya",
    "replan_empty": "jadwal yang diumumkan tidak berisi sel hari (WFO, WFH, CUTI, DL)",
    "replan_other_staff": "jadwal yang diumumkan {file} adalah jadwal pegawai lain: tidak "
                          "satu pun NIP daftar pegawai ada di dalamnya",
    "replan_hint_staff": "berikan jadwal yang dibuat dari daftar pegawai ini",
    "replan_missing": "{count} pegawai daftar ini tidak ada di jadwal yang diumumkan {file}: "
                      "{people}",
    "replan_hint_missing": "tambahkan baris mereka ke jadwal yang diumumkan, atau susun "
                           "jadwal baru tanpa --replan",
    "replan_relax": "--relax tidak dapat dipakai bersama --replan",
    "replan_forced_cap": "batas '{rule}' mulai {day}: {count} pegawai {unit} dipindah ke WFH",
    "replan_forced_min": "minimal '{rule}' mulai {day}: {count} pegawai {unit} dipindah ke "
                         "WFO",
    "replan_forced_away": "cuti/dinas luar mulai {day}: {count} pegawai {unit} tidak hadir",
    "replan_forced_other": "mulai {day}: {count} pegawai lain berubah karena aturan per orang, "
                           "pemerataan atau sel yang ditetapkan",
    "replan_line": "Revisi ke-{number}, berlaku mulai {day}: {cells} sel berubah untuk "
                   "{people} pegawai (paling sedikit yang mungkin: {proven})",
    "replan_why": "Perubahan yang dipaksa aturan: {reason}",
    "replan_yes": "ya, terbukti",
    "pr_revision": "Revisi ke-{number}, berlaku mulai {day}",
    "replan_no": "belum terbukti",
    # --- end replan ---
}

_EN: dict[str, str] = {
    "loc_sheet": "sheet {sheet!r}",
    "loc_row": "row {row}",
    "loc_column": "column {column}",
    "loc_value": " (value {value!r})",
    "file_not_found": "file not found",
    "hint_check_path": "check the file name and path",
    "is_folder": "is a folder, not a spreadsheet",
    "file_empty": "the file is empty",
    "file_too_large": "file is larger than {limit} MB",
    "password": "the workbook is password-protected",
    "hint_password": "open it in Excel, remove the password (File > Info), save again",
    "not_spreadsheet": "not a spreadsheet (unrecognised binary file)",
    "hint_save_xlsx": "save it from Excel as .xlsx or .csv",
    "zip_no_workbook": "not a spreadsheet (zip file without a workbook)",
    "zip_too_big": "the workbook unpacks to {size} MB, over the {limit} MB limit",
    "zip_bomb": "the workbook is abnormally compressed (zip bomb?)",
    "corrupt_part": "the workbook is corrupt (damaged part {part})",
    "corrupt": "the workbook is corrupt or truncated ({detail})",
    "hint_resave": "open it and save it again in Excel as .xlsx",
    "unreadable": "the workbook cannot be read: {detail}",
    "too_many_rows": "sheet {sheet!r} has more than {limit} rows",
    "csv_unreadable": "not a readable CSV file ({detail})",
    "html_no_table": "an HTML file without a table",
    "no_sheets": "the workbook has no sheets",
    "no_cells": "the workbook is empty: no cell holds a value",
    "no_sheet_named": "no sheet named {name!r}",
    "hint_sheets": "sheets in the file: {names}",
    "missing_columns": "missing required column(s): {missing}. Columns found: {found}",
    "hint_accepted": "accepted names — {accepted}",
    "none": "none",
    "no_rows": "the table has a header but no employee rows",
    "empty_nip": "empty NIP",
    "hint_empty_nip": "every employee needs a NIP (or an ID for non-ASN staff)",
    "empty_unit": "empty unit (Unit Kerja)",
    "hint_empty_unit": "fill in the employee's OPD",
    "empty_name": "empty name",
    "both_flags": "the employee is marked both Wajib WFO and Wajib WFH",
    "hint_both_flags": "keep one of the two",
    "eselon_bad": "not an eselon code",
    "hint_eselon": "write the code as II.a, III.b, IV.a, or '-' for non-structural",
    "nip_not_number": "NIP is not a number",
    "nip_not_whole": "NIP is not a whole number",
    "nip_rounded": "NIP is stored as a number, so Excel has rounded its last digits",
    "hint_nip_text": "format the NIP column as Text and type the NIPs again (or prefix with ')",
    "nip_scientific": "NIP is written in scientific notation, digits are lost",
    "nip_length": "NIP must have 18 digits (has {length})",
    "hint_nip_length": "check the number in SIMPEG; for non-ASN staff set Status to PTT/Honorer",
    "nip_birth_date": "NIP's first 8 digits are not a valid birth date",
    "nip_start": "NIP's digits 9–14 are not a valid start year and month",
    "nip_sex": "NIP's 15th digit (sex) must be 1 or 2",
    "nip_birth_year": "NIP's birth year is impossible",
    "flag_bad": "expected Ya or Tidak (yes or no)",
    "date_bad": "not a date",
    "hint_date": "write it as dd/mm/yyyy",
    "dates_bad": "unreadable dates: {detail}",
    "hint_dates": "write dates as dd/mm/yyyy separated by ; or a range 24/03/2020 s.d. 26/03/2020",
    "duplicate_nip": "duplicate NIP: {count} times (rows {rows})",
    "hint_duplicate": "each employee must appear once",
    "and_more": "and {count} more",
    "duplicates_more": "{count} more duplicate NIPs not listed one by one",
    "skip_header": "header row repeated (page break), skipped",
    "skip_numbers": "row of column numbers repeated, skipped",
    "skip_total": "totals or subtotal row, skipped",
    "skip_signature": "signature, place/date or note below the table, skipped",
    "skip_section": "unit title row, skipped (units come from the Unit Kerja column)",
    "skip_note": "row without NIP and name (not an employee row), skipped",
    "second_table_same": "second table with the same columns: its rows are read as staff",
    "second_table_other": "second table with different columns on the same sheet",
    "hint_second_table": "move that table to a sheet of its own or delete it, then retry",
    "merged_overlap": "merged cell ranges overlap; some were not filled",
    "staff_above_header": "employee row above the header row (row {row})",
    "hint_staff_above_header": "put the header row above every employee",
    "v_problems_in": "Problems and skipped rows — {file}",
    "where_office": "in office",
    "where_home": "at home",
    "whole_org": "the whole organisation",
    "conflict": "{name} (NIP {nip}, row {row}, {unit}) must be {where} under '{rule}' but is "
                "fixed the other way by '{other}'",
    "personal_override": "{name} (NIP {nip}, row {row}, {unit}): {flag} is more specific and "
                         "overrides rule '{rule}'.",
    "capped": "{where}: rule '{rule}' asks for {minimum} in office each day but only "
              "{available} eligible staff exist; all of them are kept in office.",
    "capped_days": "{where}: rule '{rule}' asks for {minimum} in office, but on {dates} fewer "
                   "eligible staff are present (leave/travel); all who are present are kept "
                   "in office on those days.",
    "empty_scopes": "Rule '{rule}': {count} unit(s)/sub-unit(s) have no staff of the kind the "
                    "rule names; the rule does not apply there.",
    "max_fixed": "{where}: rule '{rule}' allows at most {maximum} of {members} staff in office "
                 "each day, but {fixed} must always be in office by other rules; only they "
                 "come in.",
    "max_below_min": "{where}: rule '{rule}' allows at most {maximum} in office but other rules "
                     "need at least {minimum}.",
    "cap_clash": "{unit}: rule '{rule}' allows at most {maximum} in office each day, but rules "
                 "{others} together need at least {need} ({days}).",
    "every_working_day": "every working day",
    "generic_clash": "The rules for {units} cannot all hold on the same day; check the minimum "
                     "and maximum rules of these units.",
    "extra_groups": "Groups of interchangeable staff (model variables)",
    "extra_components": "Independent sub-models",
    "extra_blocks": "Day blocks (summed over sub-models)",
    "extra_history": "WFH days from earlier rosters (--previous), all staff together",
    "extra_pins": "Cells already decided (--pin), kept",
    "pin_rule_absent": "leave/travel in the staff list",
    "pin_clash": "{name} (NIP {nip}) is pinned {code} on {day}, which contradicts '{rule}'.",
    "pin_count": "The {code} pins of {people} on {day} break rule '{rule}' ({where}): limit "
                 "{limit} in office.",
    "timeout": "the time limit ran out before any roster was found; raise --time-limit",
    "level_intent": "policy intent: office-days (max WFH), deviation from the daily WFH "
                    "target, or WFH-days under an office cap (max_wfo)",
    "level_vulnerable": "office-days of vulnerable staff (aged 50+, comorbid, pregnant/nursing)",
    "level_fairness": "sum over units of the spread (max − min) of WFH days among free staff; "
                      "WFH days are counted over the days present (leave/travel costs no WFH "
                      "day)",
    "scenario_not_found": "scenario {name!r} not found: not a file and not a bundled name "
                          "(bundled: {names})",
    "scenario_did_you_mean": "scenario {name!r} not found; did you mean {guess}?",
    "period_after_scenario": "invalid period: the start {start} is after the end {end}{which}",
    "period_of_scenario": " (the end of scenario {name}; give --to as well)",
    "period_before_scenario": "invalid period: the end {end} is before the start {start}{which}",
    "period_start_of_scenario": " (the start of scenario {name}; give --from as well)",
    "scenario_unreadable": "cannot read scenario ({detail})",
    "scenario_bad_toml": "not valid TOML ({detail})",
    "scenario_unknown_key": "unknown key `{key}`",
    "scenario_no_rule": "no rule named {rule!r}; the rules are: {rules}",
    "batch_bad_scheduler": "--scheduler must be 'local' or tcp://HOST:PORT, not {value!r}",
    "batch_no_dask": "a Dask scheduler needs `pip install 'wfh-solver[dask]'`",
    "batch_no_files": "no staff lists (.xlsx, .xls, .ods, .csv) in {spec}",
    "batch_failed": "{failed} of {total} tasks failed (see the error column in {out}):",
    "batch_done": "{total} tasks: {done} done, {failed} failed → {out}",
    "no_working_days": "the period {start} to {end} has no working days (only weekends and "
                       "holidays)",
    "error": "error",
    "more_problems": "… and {count} more problems (run `wfh-solver validate` for the full table)",
    "policy_cannot": "the policy cannot be met:",
    "out_is_input": "--out must not be the input file",
    "out_suffix": "--out {path}: use a .xlsx or .csv file name",
    # output safety (write/outputs.py)
    "out_is_input_path": "{path} is the input file {input}; choose another output name or folder",
    "out_twice": "{path} and {other} are the same file; choose another name or folder",
    "out_is_folder": "{path} is a folder; give an output file name",
    "out_not_folder": "{path} is a file, not a folder",
    "out_exists": "{path} exists and was not made by wfh-solver; choose another name or add "
                  "--overwrite to replace it",
    "temp_failed": "could not create a temporary file next to {path}",
    "far_cells_ignored": "cells far outside the table were ignored (only the staff table is read)",
    "cells_ignored": "{count} filled cells below {blank} blank rows were ignored",
    "too_many_cells": "sheet {sheet!r} has more than {limit} filled cells",
    "v_more_problems": "… and {count} more problems (use --format json for all of them)",
    "xls_far_cells": "the .xls file has cells far outside the table ({cells})",
    "hint_far_cells": "clear those cells, or save the file as .xlsx",
    "write_failed": "could not write {path}: {reason}; earlier outputs are unchanged",
    "signal_stopped": "stopped ({signal}) while {phase}; nothing was written",
    "signal_stopped_plain": "stopped ({signal})",
    "signal_solved": "stopped ({signal}) while solving: the best roster so far was written",
    "bad_date": "{option} {value!r} is not a date (write 01/04/2020 or 2020-04-01)",
    "period_reversed": "invalid period: the start {start} is after the end {end}",
    "aborted": "aborted",
    "usage_hint": "see `{command}`",
    "usage_no_command": "no command given; choose one of: {commands}",
    "usage_no_command_named": "no command {name!r}",
    "usage_no_option": "unknown option {option}",
    "did_you_mean": "; did you mean {guess}?",
    "usage_missing": "{what} is required",
    "usage_bad_value": "invalid value for {what}: expected {expected}",
    "usage_needs_value": "option {option} needs a value",
    "usage_extra": "unexpected extra argument(s): {args}",
    "expect_int": "a whole number",
    "expect_int_from": "a whole number of at least {low}",
    "expect_int_between": "a whole number from {low} to {high}",
    "expect_number": "a number",
    "sc_name": "name",
    "sc_source": "circular",
    "sc_period": "period",
    "sc_title": "title",
    "bad_lang": "--lang {value!r}: use id or en",
    "bad_format": "--format {value!r}: use table or json",
    "interrupted": "interrupted (Ctrl-C): the best roster found so far was written; it is not "
                   "proven optimal",
    "time_limit_hit": "time limit reached: the roster is feasible but not proven optimal (see "
                      "the gap in Ringkasan)",
    "summary_head": "{title}: {employees} employees × {days} working days → {out}",
    "summary_status": "status {status}; {warnings} warning(s); solved in {seconds:.1f} s",
    "wrote_sample": "wrote {size} employees to {out}",
    "v_severity": "severity",
    "v_sheet": "sheet",
    "v_row": "row",
    "v_column": "column",
    "v_value": "value",
    "v_reason": "what is wrong",
    "v_hint": "how to fix",
    "v_problems": "Problems",
    "v_understood": "{file}: sheet {sheet!r}, {employees} employees, {units} units",
    "v_categories": "Categories",
    "v_statuses": "Employee status (a blank Status reads as PNS, an ASN)",
    "v_unit_types": "Unit types",
    "v_roles": "Roles",
    "v_columns": "Columns mapped",
    "v_spellings": "Unit spellings merged",
    "v_units": "Employees per unit",
    # rules judged on a finished roster (evaluate, check, --relax, explain; issue 12)
    "ev_and_more": "and {count} more",
    "ev_pin_office": "{who} must be in office ('{rule}') but is WFH on {day} ({cell})",
    "ev_pin_home": "{who} must stay home ('{rule}') but is WFO on {day} ({cell})",
    "ev_rule_absence": "Leave/travel as in the staff list",
    "ev_away_working": "{who} is on leave/travel on {day} in the staff list, but the roster "
                       "says WFO/WFH ({cell})",
    "ev_not_away": "{who}: the roster says CUTI/DL on {day}, but the staff list has no leave or "
                   "travel that day ({cell})",
    "ev_minimum": "{where}: rule '{rule}' needs at least {required} in office on {day}, only "
                  "{achieved}; could come in: {who} ({cells})",
    "ev_minimum_none": "{where}: rule '{rule}' needs at least {required} in office on {day}, "
                       "only {achieved}; nobody else can come in",
    "ev_pinned_home": "; pinned WFH by HR (--pin): {who} ({cells})",
    "ev_maximum": "{where}: rule '{rule}' allows at most {required} in office on {day}, there "
                  "are {achieved}: {who} ({cells})",
    "ev_rule_fairness": "Fair rotation (WFH days differ by at most 1)",
    "ev_fairness": "{where}, {category}: {few} has {low} WFH days, {many} has {high}; "
                   "interchangeable staff may differ by at most 1 day ({cells})",
    "ck_rule_sheet": "Roster contents",
    "ck_no_sheet": "no roster sheet: a header row with a NIP column and date columns is needed",
    "ck_hint_layout": "use the layout wfh-solver writes: NIP, Nama, …, one column per date",
    "previous_overlap": "earlier roster {file} covers {count} working days of this period "
                        "({first}–{last}); their WFH days count as history too — check "
                        "that the file really is an earlier period's roster",
    "roster_not_day": "not a date",
    "roster_hint_day": "write dates like 01/07/2020 or 2020-07-01",
    "roster_twice": "NIP {nip} has two different entries for {day}: {first} and {second}",
    "roster_hint_twice": "delete one of the rows",
    "ck_missing_day": "working day {day} has no column in the roster",
    "ck_extra_day": "column {cell} ({day}) is not a working day of the period",
    "ck_unknown": "NIP {nip} ({name}) at {cell} is not in the staff list",
    "ck_duplicate": "{name} (NIP {nip}) appears again at {cell} (first on row {first}); the "
                    "first row is judged",
    "ck_missing": "{name} (NIP {nip}, staff list row {row}, {unit}) is missing from the roster",
    "ck_blank": "{who}: cell {cell} is empty (must be WFO, WFH, CUTI or DL)",
    "ck_bad_code": "{who}: cell {cell} holds {value!r}, not WFO, WFH, CUTI or DL",
    "ck_same_file": "{path} is given as the roster and as the staff list (--input); "
                    "--input must be the staff list the roster was made from",
    "ck_clean": "{path}: the roster meets every rule of '{scenario}' ({employees} staff × "
                "{days} days).",
    "ck_found": "{path}: {count} violation(s) of '{scenario}' ({employees} staff × {days} "
                "days).",
    "ck_more": "… and {count} more (--limit 0 for all)",
    "level_shortfall": "rule shortfall (--relax): person-days below/above count rules × "
                       "{weight} + share rules; pins and leave kept",
    "rx_warning": "RULES BROKEN (--relax): {count} violation(s), total shortfall {total} "
                  "person-days ({counts} on count rules, {shares} on share rules), proven "
                  "least; see the Pelanggaran sheet.",
    "rx_mismatch": "Internal warning: the violations counted ({found}) differ from the proven "
                   "minimum ({proven}).",
    "rx_head": "WARNING: this roster BREAKS {count} rule-day(s) (shortfall {total} "
               "person-days, proven least); they are listed in the Violations sheet.",
    "rx_clean": "--relax: every rule holds, nothing had to give.",
    "ex_pin_office": "{who}, {position}, must be in office ('{rule}')",
    "ex_pin_home": "{who}, {position}, must stay home ('{rule}')",
    "ex_cell_rule": "Pinned by HR (--pin)",
    "ex_cell": "{who}, {position}, pinned {code} by HR (--pin)",
    "ex_leave": "on leave",
    "ex_travel": "on official travel",
    "ex_absence": "{who} {word} on {day}",
    "ex_rule_max": "'{rule}': at most {maximum} of {members} staff of {where} in office",
    "ex_rule_min": "'{rule}': at least {minimum} of {members} selected staff of {where} in "
                   "office",
    "ex_conflict": "{where} ({days}): cannot all hold — {items}",
    "ex_rule_group": "'{rule}': {parts}",
    "ex_min_part": "at least {minimum} in office in {where} ({members} selected)",
    "ex_max_part": "at most {maximum} of the {members} staff of {where} in office",
    "ex_not_minimal": "(this set clashes, but was not made minimal)",
    "ex_rotation": "the rotation rule: alike staff (same unit, sub-unit, category, vulnerability "
                   "and days away) differ by at most 1 WFH day, but the rules below treat them "
                   "differently",
    "ex_head": "The rules cannot all hold in {count} unit(s); no roster was written.",
    "ex_written": "Every conflict: {path} (sheet Konflik).",
    "ex_more_units": "… and {count} more unit(s) (see the Konflik sheet)",
    "ex_by_rule": "Rules most often involved: {rules}",
    # wfh-solver serve (the web page)
    "web_title": "WFH/WFO roster from a staff list",
    "web_tagline": "rotating rosters under a circular",
    "web_footer": "wfh-solver — runs on this computer; files are sent nowhere",
    "web_step_upload": "Upload the staff list",
    "web_step_check": "Check",
    "web_step_circular": "Pick the circular",
    "web_step_solve": "Solve",
    "web_step_download": "Download",
    "web_upload_label": "Staff list (SIMPEG/SIASN export)",
    "web_upload_hint": ".xlsx, .xls, .ods or .csv, at most {limit} MB",
    "web_upload_button": "Upload and check",
    "web_private": "Files are kept in a private temporary folder and removed when no longer used.",
    "web_bad_form": "not a valid upload form; reload the page and try again",
    "web_csrf": (
        "the form has expired or does not come from this page; reload the page and try "
        "again"),
    "web_too_large": "the file is larger than {limit} MB",
    "web_no_file": "no file chosen (or the file is empty)",
    "web_unreadable": "the file cannot be read (the reader stopped)",
    "web_internal": "internal error; the details are in the server log",
    "web_not_found": "page or data not found (data is removed after a while unused)",
    "web_bad_request": "bad request",
    "web_error_title": "Cannot continue",
    "web_back_home": "Back to the start",
    "web_understood": "Sheet {sheet!r}: {employees} employees in {units} units.",
    "web_problems": "Problems in the file ({count})",
    "web_sev_error": "error",
    "web_sev_warning": "warning",
    "web_fix_first": "Fix the errors above in the spreadsheet, save it and upload it again.",
    "web_upload_again": "Upload another file",
    "web_how_read": "How the file was read (categories, unit types, roles, columns)",
    "web_running": "A roster is being solved for this file.",
    "web_see_progress": "See progress",
    "web_choose": "Pick the circular",
    "web_custom": "Edited scenario",
    "web_download_toml": "Download the scenario (.toml)",
    "web_edit_numbers": "edit numbers",
    "web_solve_button": "Solve",
    "web_runs": "Solves of this file",
    "web_delete": "Done: delete the file and results",
    "web_edit_title": "Edit the circular's rules",
    "web_edited": "edited",
    "web_start": "From",
    "web_end": "To",
    "web_workweek": "Working week",
    "web_ww_mon-fri": "Monday–Friday",
    "web_ww_mon-sat": "Monday–Saturday",
    "web_number": "Number",
    "web_unit_count": "people",
    "web_unit_share": "%",
    "web_unit_levels": "levels",
    "web_edit_hint": (
        "The edited scenario is saved as a TOML you can download and use with wfh-solver "
        "solve --scenario."),
    "web_save_scenario": "Save the scenario",
    "web_cancel_edit": "Cancel",
    "web_bad_field": "field {field!r} is not valid: {value!r}",
    "web_bad_scenario": "invalid scenario: {detail}",
    "web_solving": "Solving",
    "web_phase_start": "starting",
    "web_phase_read": "reading the file",
    "web_phase_build": "building the rules",
    "web_phase_solve": "solving",
    "web_components": "{done} of {total} parts done",
    "web_level": "Level",
    "web_objective": "Objective",
    "web_bound": "Proven bound",
    "web_proven_parts": "Parts proven",
    "web_cancel": "Stop (keep the best roster so far)",
    "web_stopping": "Stopping… the best roster so far is being kept.",
    "web_reload": "Reload the page to see progress.",
    "web_finished_see": "Finished — see the result",
    "web_state_running": "running",
    "web_state_done": "done",
    "web_state_infeasible": "rules cannot be met",
    "web_state_failed": "failed",
    "web_infeasible_title": "The rules cannot all hold",
    "web_infeasible_hint": ("Edit the circular's numbers (a minimum count, say) or check the "
                            "named unit's data, then solve again."),
    "web_failed_title": "No roster could be made",
    "web_worker_died": "the solving process stopped unexpectedly (out of memory?)",
    "web_result_summary": "{employees} employees × {days} working days, solved in {seconds} s.",
    "web_interrupted": "Stopped: this is the best roster found so far; it is not proven optimal.",
    "web_downloads": "Download",
    "web_download_xlsx": "Roster (.xlsx)",
    "web_download_zip": "Roster per unit (.zip)",
    "web_download_pdf": "Printable PDF per unit (.zip)",
    "web_download_hint": "Downloads are made on request and removed from the server once sent.",
    "web_presence_all": "Daily presence (whole organisation)",
    "web_warnings": "Notes ({count})",
    "web_calendar": "Calendar per unit",
    "web_show": "Show",
    "web_more_rows": "{count} more employees of this unit are in the workbook.",
    "web_away": "leave/travel",
    "web_chart_label": "Employees in office, at home and away per working day",
    "web_chart_caption": "scale up to {maximum} employees",
    "web_exposed": (
        "WARNING: the page can be opened from other computers on the network ({host}); "
        "staff data is exposed too. Without --host the page is for this computer only."),
    "web_ready": "Page ready at {url} (Ctrl-C to stop)",
    "web_port_busy": "port {port} is in use; choose another with --port",
    "web_relax_hint": (
        "A roster can still be made by letting the rules give as little as possible (as "
        "wfh-solver solve --relax does); every rule it breaks is listed with its cells."),
    "web_relax_button": "Make the roster that breaks the fewest rules",
    "web_relaxed": (
        "This roster breaks {count} requirement(s), as little as possible, because the "
        "rules cannot all hold:"),
    "web_check_title": "Check an edited roster",
    "web_check_hint": (
        "Upload a roster (a download edited in Excel, or one made by hand) to check every"
        " rule against this staff list; each violation names its cell."),
    "web_circular": "Circular",
    "web_check_button": "Check the roster",
    "web_check_clean": (
        "The roster meets every rule of '{scenario}' ({employees} staff × {days} working "
        "days)."),
    "web_check_found": (
        "{count} violation(s) of '{scenario}' ({employees} staff × {days} working days)."),
    "web_v_kind": "Kind",
    "web_v_cells": "Cells",
    "web_v_text": "Details",
    "web_check_again": "Check another roster",
    "web_download_conflicts": "Download the conflicts (.xlsx)",
    # --- s5-bombs ---
    "text_unreadable": "cannot be read ({detail})",
    "text_is_folder": "is a folder, not a file",
    "not_regular_file": "not a regular file (a device, pipe or socket)",
    "text_too_large": "the file is larger than {limit}",
    "text_not_utf8": "not UTF-8 text (byte {position})",
    "toml_too_deep": "arrays or tables nested too deeply",
    "colmap_not_text": "the value of '{key}' is {kind}, not a column name",
    "colmap_unknown": "unknown column name(s): {pairs}",
    "hint_colmap": "write \"Header in the file\" = \"nip\"; column names: {columns}",
    "toml_table": "a table",
    "toml_array": "an array",
    "toml_boolean": "a boolean",
    "toml_number": "a number",
    "toml_date": "a date",
    "period_too_many_days": (
        "the period {start} to {end} has {days} working days; the Jadwal sheet holds at "
        "most {limit} day columns (Excel: {columns} columns) — shorten the period"),
    "period_too_large": (
        "{staff} staff × {days} working days = {cells} person-days, more than the limit of "
        "{limit} (a roster this large needs more than 1 GiB of memory) — shorten the period "
        "or split the staff list by unit"),
    "dates_limit_pieces": (
        "the Cuti/Dinas Luar cells of this file together list more than {limit} dates and "
        "ranges; reading stopped at this cell"),
    "dates_limit_days": (
        "the Cuti/Dinas Luar cells of this file together name more than {limit} days within "
        "the period; reading stopped at this cell"),
    "hint_dates_limit": "list ranges (24/03/2020 s.d. 26/03/2020) for this period's days only",
    "dates_limit_days_unbounded": (
        "the Cuti/Dinas Luar cells of this file together name more than {limit} days; "
        "reading stopped at this cell"),
    "hint_dates_limit_unbounded": (
        "name a scenario (-s) or a period, so that only that period's days are read"),
    "outside_grid": (
        "the file has cell references outside Excel's grid (column XFD, row 1,048,576): {refs}"),
    "header_marks": (
        "the header holds invisible or full-width characters ({marks}); read without them"),
    "period_detail_rows": (
        "the Rincian Aturan sheet would have {rows} rows (one per unit and rule, for each of "
        "{days} working days); Excel holds at most {limit} rows — shorten the period"),
    # --- s5-outputs ---
    "batch_workers_late": "{count} Dask workers not ready after {seconds} s",
    "signal_kept_none": (
        "stopped ({signal}) while {phase}; nothing was written, existing files are as they "
        "were"),
    # --- s5-serve ---
    "period_out_of_window": (
        "date {day} is outside the sane window (years {first}–{last}); check the period's"
        " year"),
    "period_backwards": "the period ends ({end}) before it starts ({start})",
    "period_too_long": (
        "a period of {days} days is too long (at most {limit} days); plan a month or a year"
        " at a time"),
    "web_state_queued": "waiting",
    "web_phase_queued": "waiting for its turn",
    "web_queued": (
        "Waiting for its turn: number {place} in the queue ({slots} solve(s) run at once on"
        " this server)."),
    "web_cancelled_queued": "cancelled before it started",
    "web_quota_jobs": (
        "{count} solves from your computer are already running or waiting; wait for one to"
        " finish or stop one"),
    "web_quota_uploads": (
        "{count} uploads from your computer are already kept; press 'Done' on an old one to"
        " remove it"),
    "web_queue_full": "the solve queue is full ({count}); try again in a few minutes",
    "web_disk_full": (
        "this page's storage is full (limit {limit} MB); try again once old uploads are"
        " removed"),
    "web_timeout": "the request was sent too slowly and was stopped; try again",
    "web_body_too_large": "the request is too large",
    "web_write_failed": (
        "the download could not be written ({reason}); nothing half-written is left"),
    "web_bad_host": (
        "the host name {host!r} is not allowed for this page; start serve with --allow-host"
        " {host} if that name is this computer's"),
    "web_bad_origin": "the request came from another site and was refused",
    "web_token_title": "Enter the page's token",
    "web_token_needed": (
        "This page is open to the network and needs a token, printed in the terminal when"
        " wfh-solver serve started."),
    "web_token_wrong": "wrong token",
    "web_token_label": "Token",
    "web_token_button": "Open the page",
    "web_token_line": "Page token: {token} (open the link above once; the browser then keeps it)",
    "web_allow_hint": (
        "From another computer open http://IP-ADDRESS:{port}/?token=…; other computer names"
        " need --allow-host NAME."),
    # --- s5-pins ---
    "pin_outside": "pin file {file}: {count} cells outside this period's working days "
                   "({first}–{last}) ignored",
    "pin_unknown_staff": "pin file {file}: {count} cells for {people} NIPs not in the staff "
                         "list ignored: {nips}",
    "pin_unchanged": "pin file {file}: {count} cells change nothing (already decided by "
                     "leave, travel or the person's own rule): {cells}",
    "roster_code": "not WFO, WFH, CUTI or DL",
    "roster_hint_code": "leave a cell blank when it is not decided",
    "too_many_person_days": "the long layout (a row per person and day) has more than "
                            "{limit} rows",
    "csv_line_too_long": "a line is longer than {limit} characters",
    "cli_note": "warning: {text}",
    # --- s5-print ---
    "ck_kind_missing": "missing from the roster",
    "ck_kind_added": "not in the staff list",
    "ck_kind_nip": "NIP differs",
    "ck_kind_unit_renamed": "unit renamed",
    "ck_kind_moved": "moved to another unit",
    "ck_kind_sub_unit_renamed": "sub-unit renamed",
    "ck_kind_sub_unit": "moved to another sub-unit",
    "ck_kind_name": "name differs",
    "ck_diff_nip": "{cell}: NIP {written} is written for {name}; the staff list has NIP {nip}",
    "ck_diff_name": "{cell}: the name is written '{written}'; the staff list names NIP {nip} "
                    "'{name}'",
    "ck_diff_moved": "{name} (NIP {nip}) is written in unit '{written}' ({cell}); the staff "
                     "list has them in '{unit}'",
    "ck_diff_unit_renamed": "unit '{unit}' is written '{written}' on {count} rows ({cells}); "
                            "no unit of the staff list has that name",
    "ck_diff_sub": "{name} (NIP {nip}) is written in sub-unit '{written}' ({cell}); the staff "
                   "list has them in '{sub}' ({unit})",
    "ck_diff_sub_renamed": "sub-unit '{sub}' ({unit}) is written '{written}' on {count} rows "
                           "({cells}); this unit has no sub-unit of that name",
    "ck_more_cells": " and {count} more cells",
    "ck_found_people": "{path}: {differences} difference(s) from the staff list and {count} "
                       "violation(s) of '{scenario}' ({employees} staff × {days} days).",
    "ck_section_people": "Differences from the staff list (NIP, name, unit, sub-unit): "
                         "{count}",
    "ck_section_rules": "Rule violations: {count}",
    "ck_more_people": "… and {count} more differences (--limit 0 for all)",
    "web_check_people": "Differences from the staff list",
    # --- s5-page ---
    "web_job_of": "File {file} · {circular}",
    "web_summary_title": "Summary",
    "web_waited": "{employees} employees × {days} working days; you waited {seconds} s.",
    "web_continue_hint": "This roster is not yet proven the best. Continue solving with more "
                         "time (at most {seconds} s); this roster stays on this page.",
    "web_continue_button": "Continue solving",
    "web_interpreted": "How the rules were read",
    "web_notes_title": "Notes to check ({count})",
    "web_notes_whole": "The whole organisation",
    "web_technical": "Technical (the solver's figures)",
    "web_solver_time": "Solver status: {status}; computing time {seconds} s.",
    "web_status": "Status",
    "web_days": "Mon Tue Wed Thu Fri Sat Sun",
    "web_relaxed_region": "Rules broken",
    "web_see_result": "See the result",
    "web_state_stopped": "stopped, not proven the best",
    "web_vkind_pin": "set cell",
    "web_vkind_absence": "leave/travel",
    "web_vkind_minimum": "below the minimum",
    "web_vkind_maximum": "above the cap",
    "web_vkind_fairness": "fairness",
    "web_vkind_roster": "roster content",
    "web_vkind_person": "per-person rule",
    "web_check_file": "The edited roster (.xlsx)",
    "web_form_invalid": "Some fields are not valid — correct the marked ones:",
    "web_err_date": "'{value}' is not a date; write it as dd/mm/yyyy, e.g. 23/03/2020.",
    "web_err_end_before": "The end date is before the start date ({start}).",
    "web_err_window": "The period must lie between the years 2000 and 2100 and last at most "
                      "366 days.",
    "web_err_workweek": "Choose Monday–Friday or Monday–Saturday.",
    "web_err_share": "'{value}' is not valid: give a percentage between 0 and 100 (%).",
    "web_err_count": "'{value}' is not valid: give a number of people, a whole number 0 or "
                     "more.",
    "web_err_levels": "'{value}' is not valid: give a number of levels, a whole number 1 to "
                      "5.",
    "web_level_shortfall": "rule shortfall (person-days below/above the rules)",
    # --- s6-page ---
    "web_download_per_unit": "Roster per unit (.zip)",
    "web_download_all": "Roster and PDF per unit (.zip)",
    "web_export_title_per_unit": "Roster per unit",
    "web_export_title_pdf": "PDF per unit",
    "web_export_title_all": "Roster and PDF per unit",
    "web_export_starting": "Preparing the files per unit…",
    "web_export_running": "Writing the files per unit: {done} of {total}",
    "web_export_bar": "Progress",
    "web_export_done": "{total} files ready in {seconds} s.",
    "web_export_download": "Download the .zip file",
    "web_more_files": "Cells already decided and earlier rosters (optional)",
    "web_pin_label": "A roster with cells already decided",
    "web_pin_hint": "Filled WFO, WFH, CUTI and DL cells are kept exactly; blank cells are "
                    "scheduled (as wfh-solver solve --pin).",
    "web_previous_label": "Rosters of earlier periods (one or more)",
    "web_previous_hint": "Their WFH days are counted so that turns stay fair (as wfh-solver "
                         "solve --previous).",
    "web_job_pin": "cells kept from {file}",
    "web_job_previous": "earlier rosters: {files}",
    "web_conflict_people": "People involved:",
    "web_conflict_fix": "Smallest change:",
    "web_conflict_more": "and {count} more (all in the Konflik workbook)",
    "web_relax_cannot": "Even letting rules give makes no roster: rules that put given people "
                        "in the office or at home contradict each other, and those do not "
                        "give. Change one of them.",
    "web_edit_rules": "edit rules",
    "web_rules_title": "Rules ({count})",
    "web_scope": "Applies",
    "web_param_count": "Number of people",
    "web_param_share": "Percentage",
    "web_param_levels": "Number of levels",
    "web_param_days": "Number of days",
    "web_unit_days": "days",
    "web_who": "Who it is about",
    "web_who_categories": "Post categories",
    "web_who_roles": "Head posts",
    "web_who_flags": "Staff markers",
    "web_who_unit_types": "Kinds of office",
    "web_who_sub_unit_kinds": "Kinds of sub-unit",
    "web_who_units": "Offices (part of the name)",
    "web_who_sub_units": "Sub-units (part of the name)",
    "web_who_positions": "Post titles (part of the name)",
    "web_who_eselon": "Eselon",
    "web_who_statuses": "Staff status",
    "web_who_hint_units": "separate with ; — e.g. Dinas Kesehatan; RSUD",
    "web_who_hint_sub_units": "separate with ; — e.g. Seksi; Puskesmas",
    "web_who_hint_positions": "separate with ; — e.g. Guru; Perawat",
    "web_who_hint_eselon": "separate with ; — e.g. II; III.a",
    "web_who_hint_statuses": "separate with ; — e.g. PNS; PPPK",
    "web_remove_rule": "Remove this rule",
    "web_add_kind": "Kind of new rule",
    "web_add_rule": "Add a rule",
    "web_refresh_rules": "Update the rule names",
    "web_err_kind": "Choose a kind of rule from the list.",
    "web_err_scope": "'{kind}' applies {scopes}; choose one.",
    "web_err_days": "'{value}' is not valid: give a number of days, a whole number {low} to "
                    "{high}.",
    "web_err_unknown_value": "'{value}' is not known; choose from: {known}.",
    "web_err_eselon": "'{value}' is not an eselon; write it like II, III.a or IV.b.",
    "web_err_pattern": "'{value}' cannot be used to look names up; remove an unmatched "
                       "bracket or backslash.",
    "web_toml_label": "Or upload a scenario of your own (a TOML file)",
    "web_toml_hint": "The same file as wfh-solver solve --scenario, checked the same way.",
    "web_toml_button": "Upload the scenario",
    "web_toml_refused": "The scenario {file} cannot be used:",
    "web_toml_unreadable": "the file cannot be read: {detail}",
    "web_toml_syntax": "line {line}, column {column}: the TOML is written wrongly (check the "
                       "quotes, = signs and square brackets).",
    "web_toml_syntax_somewhere": "the TOML is written wrongly (check the quotes, = signs and "
                                 "square brackets).",
    "web_toml_rule": "rule {number}{name}",
    "web_toml_key": "key `{key}`",
    "web_err_missing": "is required",
    "web_err_unknown_key": "this key is not known; check its spelling",
    "web_err_share_file": "{value} is not valid: write a percentage as a fraction between 0 "
                          "and 1 (0.25 means 25%)",
    "web_err_range_high": "{value} is too large; at most {high}",
    "web_err_range_low": "{value} is too small; at least {low}",
    "web_err_choice": "'{value}' is not known; choices: {choices}",
    "web_err_not_number": "'{value}' is not a number",
    "web_err_toml_date": "'{value}' is not a date; write it without quotes, e.g. 2020-03-23",
    "web_err_not_text": "must be text in quotes",
    "web_err_not_list": "must be a list in square brackets, e.g. [\"a\", \"b\"]",
    "web_err_not_table": "must be a table, e.g. {{ units = [\"Dinas\"] }}",
    "web_err_value": "the value {value} cannot be used",
    "web_err_needs": "a '{kind}' rule needs the number `{parameter}`",
    "web_err_unique": "two rules have the same name; each rule needs its own",
    "web_err_intent": "a '{kind}' rule is used only with intent = \"wfh_target\" (and the "
                      "other way round)",
    # --- lead: Telaah on the page ---
    "web_review_hint": "What a head of unit would ask about before signing: who never comes "
                       "in, who never goes home, whole groups at home, service units sent "
                       "home, each with the rule that would change it (also the Review sheet "
                       "of the workbook).",
    # --- page21 ---
    "web_conflicts_lead": "Why, unit by unit:",
    # --- end page21 ---
    # --- page-replan ---
    "web_replan_title": "Change from a date",
    "web_replan_hint": "Has something changed since this roster was announced (a new "
                       "circular, staff ill or travelling, a unit that must reopen)? Days "
                       "before this date stay as announced; from it on the roster is made "
                       "again with as few changes as possible.",
    "web_replan_label": "Effective from",
    "web_replan_button": "Change from this date",
    "web_replan_bad_day": "The first day of the change must be within the roster, {first} "
                          "to {last}.",
    "web_revision": "Revision {number}, effective from {day}: {cells} cells changed for "
                    "{people} staff.",
    # --- end page-replan ---
    # --- replan ---
    "level_changes": "changes to the published roster: changed cells (as few as possible)",
    "replan_needs_from": "--replan needs --from: the day the changes take effect",
    "replan_from_outside": "replan day {day} is outside the published roster {file} "
                           "({first} – {last}); choose a day within it",
    "replan_empty": "the published roster has no day cells (WFO, WFH, CUTI, DL)",
    "replan_other_staff": "the published roster {file} is another staff's roster: none of "
                          "the staff list's NIPs is in it",
    "replan_hint_staff": "give the roster made from this staff list",
    "replan_missing": "{count} people of this staff list are not in the published roster "
                      "{file}: {people}",
    "replan_hint_missing": "add their rows to the published roster, or make a new roster "
                           "without --replan",
    "replan_relax": "--relax cannot be used with --replan",
    "replan_forced_cap": "cap '{rule}' from {day}: {count} staff of {unit} moved to WFH",
    "replan_forced_min": "minimum '{rule}' from {day}: {count} staff of {unit} moved to WFO",
    "replan_forced_away": "leave/travel from {day}: {count} staff of {unit} away",
    "replan_forced_other": "from {day}: {count} other staff changed by per-person rules, "
                           "fairness or pinned cells",
    "replan_line": "Revision {number}, effective from {day}: {cells} cells changed for "
                   "{people} staff (the fewest possible: {proven})",
    "replan_why": "Changes forced by the rules: {reason}",
    "replan_yes": "yes, proven",
    "pr_revision": "Revision {number}, effective from {day}",
    "replan_no": "not proven",
    # --- end replan ---
}

_HELP_ID: dict[str, str] = {
    "help": "Jadwal bergilir WFH/WFO untuk ASN menurut surat edaran.",
    "help.help": "Tampilkan bantuan ini lalu keluar.",
    "help.version": "Tampilkan versi lalu keluar.",
    "help_arguments": "Argumen",
    "help_options": "Opsi",
    "help_commands": "Perintah",
    "help_default": "[bawaan: {{}}]",
    "help_required": "[wajib]",
    "help.solve": "Susun jadwal dan tulis ke Excel (atau CSV).",
    "help.solve.input": "Daftar pegawai (.xlsx, .xls, .ods, .csv)",
    "help.solve.scenario": "Nama skenario bawaan (lihat `wfh-solver scenarios`) atau berkas TOML",
    "help.solve.out_path": "Berkas keluaran .xlsx, atau .csv (nip;nama;unit;sub_unit;tanggal;"
                           "status untuk Excel Indonesia)",
    "help.solve.date_from": "Awal periode, 01/04/2020 atau 2020-04-01 (bawaan: dari skenario)",
    "help.solve.date_to": "Akhir periode, 30/04/2020 atau 2020-04-30 (bawaan: dari skenario)",
    "help.solve.workweek": "mon-fri (Senin–Jumat) atau mon-sat (Senin–Sabtu); bawaan: dari "
                           "skenario",
    "help.solve.per_unit": "Juga satu workbook siap cetak per unit di folder ini",
    "help.solve.pdf": "Juga satu PDF siap cetak per unit di folder ini",
    "help.solve.sheet": "Sheet yang dibaca (\"*\": setiap sheet berisi tabel pegawai)",
    "help.solve.columns": "Berkas TOML pemetaan judul kolom tak lazim, mis. \"Nomor Pegawai\" = "
                          "\"nip\"",
    "help.solve.time_limit": "Batas waktu solver dalam detik",
    "help.solve.seed": "Benih acak solver (masukan, skenario dan benih sama → jadwal sama)",
    "help.solve.workers": "Jumlah thread; 0 = semua inti, satu pencarian CP-SAT per unit",
    "help.solve.lang": "Bahasa keluaran dan pesan: id (Indonesia) atau en (Inggris)",
    "help.solve.quiet": "Tanpa tampilan kemajuan dan ringkasan",
    "help.solve.overwrite": "Timpa berkas keluaran yang sudah ada walau bukan buatan wfh-solver",
    "help.solve.relax": "Jika aturan tidak dapat dipenuhi semuanya, langgar sesedikit mungkin "
                        "(keluar 5, sheet Pelanggaran)",
    "help.scenarios": "Daftar skenario bawaan dengan surat edaran sumbernya dan periodenya.",
    "help.scenarios.lang": "Bahasa: id (Indonesia) atau en (Inggris)",
    "help.sample": "Tulis daftar pegawai sintetis yang realistis dari sebuah pemerintah daerah.",
    "help.sample.out_path": "Berkas keluaran .xlsx",
    "help.sample.size": "Jumlah pegawai",
    "help.sample.seed": "Benih acak (benih sama → daftar sama)",
    "help.serve": "Halaman lokal untuk staf kepegawaian: unggah daftar pegawai, pilih surat "
                  "edaran, susun dan unduh jadwal",
    "help.serve.host": "Alamat yang didengarkan; selain 127.0.0.1 membuka data pegawai ke "
                       "jaringan",
    "help.serve.port": "Port (0: port bebas mana pun)",
    "help.serve.no_browser": "Jangan buka peramban",
    "help.serve.max_upload_mb": "Ukuran unggahan terbesar, dalam MB",
    "help.serve.idle_minutes": "Hapus unggahan dan hasil yang tidak dipakai selama ini (menit)",
    "help.validate": "Periksa daftar pegawai: setiap masalah dengan selnya, dan bagaimana berkas "
                     "dipahami.",
    "help.validate.input": "Daftar pegawai (.xlsx, .xls, .ods, .csv)",
    "help.validate.scenario": "Juga periksa terhadap aturan skenario ini",
    "help.validate.sheet": "Sheet yang dibaca",
    "help.validate.columns": "Berkas TOML pemetaan judul kolom tak lazim",
    "help.validate.output_format": "table (tabel) atau json",
    "help.validate.lang": "Bahasa: id (Indonesia) atau en (Inggris)",
    "help.check": "Daftar setiap aturan yang dilanggar sebuah jadwal dan setiap pegawai yang "
                  "tidak di tempatnya menurut daftar pegawai, dengan selnya (keluar 0 jika "
                  "bersih, 4 jika ada pelanggaran atau perbedaan).",
    "help.check.roster": "Workbook jadwal (buatan wfh-solver, hasil suntingan, atau buatan "
                         "tangan)",
    "help.check.input": "Daftar pegawai",
    "help.check.scenario": "Nama skenario bawaan (lihat `wfh-solver scenarios`) atau berkas TOML",
    "help.check.date_from": "Awal periode, 01/04/2020 atau 2020-04-01 (bawaan: dari skenario)",
    "help.check.date_to": "Akhir periode, 30/04/2020 atau 2020-04-30 (bawaan: dari skenario)",
    "help.check.workweek": "mon-fri (Senin–Jumat) atau mon-sat (Senin–Sabtu)",
    "help.check.sheet": "Sheet daftar pegawai",
    "help.check.columns": "Berkas TOML pemetaan judul kolom tak lazim",
    "help.check.limit": "Jumlah pelanggaran yang ditampilkan; 0 = semua",
    "help.check.lang": "Bahasa: id (Indonesia) atau en (Inggris)",
    "help.solve.previous": "Jadwal sebelumnya (dapat diulang): keadilan menghitung hari WFH "
                           "atas semuanya",
    "help.solve.pin": "Jadwal yang sel harinya (WFO, WFH, CUTI, DL) dipertahankan persis",
    "help.solve.replan": "Jadwal yang sudah diumumkan: hari sebelum --from tetap, mulai --from "
                         "disusun lagi dengan sesedikit mungkin sel berubah (Revisi ke-N)",
    "help.sample.leave_share": "Bagian pegawai dengan 1–5 hari kerja cuti, 0–1",
    "help.sample.travel_share": "Bagian pegawai dengan 1–3 hari kerja dinas luar, 0–1",
    "help.sample.date_from": "Awal periode cuti/DL, 01/07/2020 atau 2020-07-01 (bawaan "
                             "01/07/2020)",
    "help.sample.date_to": "Akhir periode cuti/DL (bawaan 31/07/2020)",
    "help.batch": "Susun jadwal setiap daftar pegawai menurut setiap skenario: satu baris "
                  "ringkasan per tugas (keluar 0 jika semua berhasil, 6 jika ada yang gagal).",
    "help.batch.inputs": "Folder daftar pegawai, atau pola ('exports/*.xlsx'); satu per pemda",
    "help.batch.scenario": "Nama skenario bawaan atau berkas TOML; ulangi untuk setiap skenario",
    "help.batch.out_path": "Berkas ringkasan .xlsx",
    "help.batch.rosters": "Juga setiap jadwal di folder ini, sebagai INPUT__SKENARIO.xlsx",
    "help.batch.date_from": "Awal periode, 01/04/2020 atau 2020-04-01",
    "help.batch.date_to": "Akhir periode, 30/04/2020 atau 2020-04-30",
    "help.batch.time_limit": "Batas waktu solver dalam detik, per tugas",
    "help.batch.seed": "Benih acak solver",
    "help.batch.workers": "Proses lokal (atau worker LocalCluster); 0 = satu per inti",
    "help.batch.scheduler": "Dask: 'local' (LocalCluster di 127.0.0.1) atau tcp://HOST:PORT",
    "help.batch.lang": "Bahasa: id (Indonesia) atau en (Inggris)",
    "help.batch.quiet": "Tanpa tabel ringkasan",
    "help.compare": "Susun jadwal satu daftar pegawai menurut beberapa skenario dan tulis satu "
                    "perbandingan (dan grafik).",
    "help.compare.input": "Daftar pegawai (.xlsx, .xls, .ods, .csv)",
    "help.compare.scenario": "Nama skenario bawaan atau berkas TOML; ulangi untuk setiap kasus",
    "help.compare.sweep": "ATURAN.FIELD=v1,v2,… : aturan itu pada setiap nilai (dapat diulang)",
    "help.compare.out_path": "Berkas perbandingan .xlsx",
    "help.compare.plots": "Juga grafik PNG dan SVG di folder ini",
    "help.compare.date_from": "Awal periode, 01/04/2020 atau 2020-04-01",
    "help.compare.date_to": "Akhir periode, 30/04/2020 atau 2020-04-30",
    "help.compare.sheet": "Sheet yang dibaca",
    "help.compare.columns": "Berkas TOML pemetaan judul kolom tak lazim",
    "help.compare.time_limit": "Batas waktu solver dalam detik, per kasus",
    "help.compare.seed": "Benih acak solver",
    "help.compare.workers": "Kasus yang diselesaikan berdampingan; 0 = satu per inti",
    "help.compare.scheduler": "Dask: 'local' (LocalCluster di 127.0.0.1) atau tcp://HOST:PORT",
    "help.compare.lang": "Bahasa: id (Indonesia) atau en (Inggris)",
    "help.compare.quiet": "Tanpa tabel ringkasan",
    # --- s5-serve ---
    "help.serve.token": "Token yang harus dibawa peramban (dibuat dan dicetak untuk --host selain "
                        "loopback)",
    "help.serve.allow_host": "Nama alamat yang boleh membuka halaman (boleh berulang; nama "
                             "loopback dan alamat IP selalu boleh)",
    "help.serve.solves": "Penyusunan bersamaan; sisanya menunggu dalam antrean (0: satu per inti)",
    # --- s5-outputs ---
    "help.compare.overwrite": "Timpa berkas keluaran yang sudah ada walau bukan buatan wfh-solver",
    "help.batch.overwrite": "Timpa berkas keluaran yang sudah ada walau bukan buatan wfh-solver",
    # --- s6-tim ---
    "help.solve.tim": "Tim tetap: di antara jadwal dengan nilai tingkat yang sama, pegawai satu "
                      "sub unit dibagi ke beberapa tim yang masuk bersama (kolom Tim)",
}

_HELP_EN: dict[str, str] = {
    "help": "Rotating WFH/WFO rosters for civil servants under a circular.",
    "help.help": "Show this message and exit.",
    "help.version": "Show the version and exit.",
    "help_arguments": "Arguments",
    "help_options": "Options",
    "help_commands": "Commands",
    "help_default": "[default: {{}}]",
    "help_required": "[required]",
    "help.solve": "Solve a roster and write it to Excel (or CSV).",
    "help.solve.input": "Employee list (.xlsx, .xls, .ods, .csv)",
    "help.solve.scenario": "Bundled scenario name (see `wfh-solver scenarios`) or a TOML file",
    "help.solve.out_path": "Output .xlsx, or .csv (nip;nama;unit;sub_unit;tanggal;status for "
                           "Indonesian Excel)",
    "help.solve.date_from": "Period start, 01/04/2020 or 2020-04-01 (default: the scenario's)",
    "help.solve.date_to": "Period end, 30/04/2020 or 2020-04-30 (default: the scenario's)",
    "help.solve.workweek": "mon-fri or mon-sat (default: the scenario's)",
    "help.solve.per_unit": "Also one printable workbook per unit in this folder",
    "help.solve.pdf": "Also one printable PDF per unit in this folder",
    "help.solve.sheet": "Sheet to read (\"*\": every sheet holding a staff table)",
    "help.solve.columns": "TOML file mapping unusual headers, e.g. \"Nomor Pegawai\" = \"nip\"",
    "help.solve.time_limit": "Seconds for the solver",
    "help.solve.seed": "Solver seed (same input, scenario and seed → same roster)",
    "help.solve.workers": "Threads; 0 = all cores, one CP-SAT search per unit",
    "help.solve.lang": "Language of outputs and messages: id (Indonesian) or en",
    "help.solve.quiet": "No progress display or summary",
    "help.solve.overwrite": "Replace existing output files that wfh-solver did not make",
    "help.solve.relax": "If the rules cannot all hold, break them as little as possible (exit 5, "
                        "sheet Pelanggaran)",
    "help.scenarios": "List the bundled scenarios with their circular and period.",
    "help.scenarios.lang": "Language: id (Indonesian) or en",
    "help.sample": "Write a realistic synthetic staff list of a regional government.",
    "help.sample.out_path": "Output .xlsx file",
    "help.sample.size": "Number of employees",
    "help.sample.seed": "Random seed (same seed → same list)",
    "help.serve": "A local page for HR staff: upload the staff list, pick the circular, solve "
                  "and download the roster",
    "help.serve.host": "Address to listen on; anything but 127.0.0.1 exposes staff data to the "
                       "network",
    "help.serve.port": "Port (0: any free port)",
    "help.serve.no_browser": "Do not open a browser",
    "help.serve.max_upload_mb": "Largest upload, in MB",
    "help.serve.idle_minutes": "Remove uploads and results unused this long (minutes)",
    "help.validate": "Check an employee list: every problem with its cell, and how the file was "
                     "understood.",
    "help.validate.input": "Employee list (.xlsx, .xls, .ods, .csv)",
    "help.validate.scenario": "Also check against this scenario's rules",
    "help.validate.sheet": "Sheet to read",
    "help.validate.columns": "TOML file mapping unusual headers",
    "help.validate.output_format": "table or json",
    "help.validate.lang": "Language: id (Indonesian) or en",
    "help.check": "List every rule a roster breaks and every person not where the staff list "
                  "has them, with its cell (exit 0 clean, 4 on violations or differences).",
    "help.check.roster": "Roster workbook (ours, edited, or hand-made)",
    "help.check.input": "Employee list",
    "help.check.scenario": "Bundled scenario name (see `wfh-solver scenarios`) or a TOML file",
    "help.check.date_from": "Period start, 01/04/2020 or 2020-04-01 (default: the scenario's)",
    "help.check.date_to": "Period end, 30/04/2020 or 2020-04-30 (default: the scenario's)",
    "help.check.workweek": "mon-fri or mon-sat",
    "help.check.sheet": "Sheet of the employee list",
    "help.check.columns": "TOML file mapping unusual headers",
    "help.check.limit": "Violations to print; 0 = all",
    "help.check.lang": "Language: id (Indonesian) or en",
    "help.solve.previous": "An earlier roster (repeatable): fairness counts WFH days over all "
                           "of them",
    "help.solve.pin": "A roster whose filled day cells (WFO, WFH, CUTI, DL) are kept exactly",
    "help.solve.replan": "A published roster: days before --from are kept, from --from on it is "
                         "made again with as few changed cells as possible (Revision N)",
    "help.sample.leave_share": "Share of staff with 1-5 working days of leave (Cuti), 0-1",
    "help.sample.travel_share": "Share of staff with 1-3 working days of travel (Dinas Luar), 0-1",
    "help.sample.date_from": "Start of the absences' period, 01/07/2020 or 2020-07-01 (default "
                             "2020-07-01)",
    "help.sample.date_to": "End of the absences' period (default 2020-07-31)",
    "help.batch": "Solve every staff list under every scenario: one summary row per task (exit "
                  "0 when every task solved, 6 when some failed).",
    "help.batch.inputs": "A folder of staff lists, or a glob ('exports/*.xlsx'); one per "
                         "government",
    "help.batch.scenario": "Bundled name or TOML path; repeat for each",
    "help.batch.out_path": "Summary .xlsx",
    "help.batch.rosters": "Also each roster here, as INPUT__SCENARIO.xlsx",
    "help.batch.date_from": "Period start, 01/04/2020 or 2020-04-01",
    "help.batch.date_to": "Period end, 30/04/2020 or 2020-04-30",
    "help.batch.time_limit": "Seconds for the solver, per task",
    "help.batch.seed": "Solver seed",
    "help.batch.workers": "Local processes (or LocalCluster workers); 0 = one per core",
    "help.batch.scheduler": "Dask: 'local' (LocalCluster on 127.0.0.1) or tcp://HOST:PORT",
    "help.batch.lang": "Language: id (Indonesian) or en",
    "help.batch.quiet": "No summary table",
    "help.compare": "Solve one staff list under several scenarios and write one comparison "
                    "(and charts).",
    "help.compare.input": "Employee list (.xlsx, .xls, .ods, .csv)",
    "help.compare.scenario": "Bundled name or TOML path; repeat for each case",
    "help.compare.sweep": "RULE.FIELD=v1,v2,… : that rule at each value (repeatable)",
    "help.compare.out_path": "Comparison .xlsx",
    "help.compare.plots": "Also PNG and SVG charts here",
    "help.compare.date_from": "Period start, 01/04/2020 or 2020-04-01",
    "help.compare.date_to": "Period end, 30/04/2020 or 2020-04-30",
    "help.compare.sheet": "Sheet to read",
    "help.compare.columns": "TOML file mapping unusual headers",
    "help.compare.time_limit": "Seconds for the solver, per case",
    "help.compare.seed": "Solver seed",
    "help.compare.workers": "Cases solved side by side; 0 = one per core",
    "help.compare.scheduler": "Dask: 'local' (LocalCluster on 127.0.0.1) or tcp://HOST:PORT",
    "help.compare.lang": "Language: id (Indonesian) or en",
    "help.compare.quiet": "No summary table",
    # --- s5-serve ---
    "help.serve.token": "Token the browser must present (made and printed for a non-loopback "
                        "--host)",
    "help.serve.allow_host": "A host name the page may be opened by (repeatable; loopback names "
                             "and IP addresses are always allowed)",
    "help.serve.solves": "Solves at once; the rest wait in a queue (0: one per core)",
    # --- s5-outputs ---
    "help.compare.overwrite": "Replace existing output files that wfh-solver did not make",
    "help.batch.overwrite": "Replace existing output files that wfh-solver did not make",
    # --- s6-tim ---
    "help.solve.tim": "Fixed teams: among rosters with the same level values, the staff of a "
                      "sub-unit form a few teams that come in together (column Team)",
}

_PRINT_ID: dict[str, str] = {
    "pr_title": "JADWAL KERJA PEGAWAI (WFO/WFH)",
    "pr_basis_line": "Dasar: {circular}",
    "pr_period_line": "Periode: {period}",
    "pr_period_range": "{start} s.d. {end}",
    "pr_block": "Hari kerja {start} s.d. {end}",
    "pr_col_no": "No",
    "pr_col_name": "Nama / NIP",
    "pr_col_position": "Jabatan",
    "pr_col_wfo": "WFO",
    "pr_col_wfh": "WFH",
    "pr_col_away": "Cuti/\nDL",
    "pr_no_sub": "(tanpa sub unit)",
    "pr_in_office": "Jumlah di kantor (WFO)",
    "pr_present": "Jumlah pegawai bertugas (tanpa cuti/DL)",
    "pr_legend": "Kode: O = masuk kantor (WFO, huruf tebal berarsir) · H = bekerja dari rumah "
                 "(WFH) · C = cuti · D = dinas luar",
    "pr_known": "Mengetahui,",
    "pr_head_of": "Kepala {unit}",
    "pr_blank_name": "(........................................)",
    "pr_nip": "NIP. {nip}",
    "pr_blank_nip": "NIP. ........................................",
    "pr_page": "Halaman {page} dari {pages}",
    "pr_sheet_roster": "Jadwal",
    "pr_sheet_notes": "Ringkasan",
    "pr_item": "Butir",
    "pr_text": "Keterangan",
    "pr_unit": "Unit kerja",
    "pr_basis": "Dasar",
    "pr_scenario_title": "Skenario",
    "pr_period": "Periode",
    "pr_staff": "Jumlah pegawai",
    "pr_days": "Jumlah hari kerja",
    "pr_holiday": "Hari libur (tidak dijadwalkan)",
    "pr_always": "Selalu di kantor ({count} orang)",
    "pr_always_rule": "setiap hari kerja di kantor karena aturan '{rule}'",
    "pr_always_needed": "setiap hari kerja di kantor karena aturan minimum unit memerlukan "
                        "mereka setiap hari",
    "pr_never": "Tidak pernah ke kantor ({count} orang)",
    "pr_covered": "Aturan '{rule}' meminta paling sedikit {minimum} orang di kantor per hari; "
                  "{fixed} orang yang selalu di kantor sudah memenuhinya.",
    "pr_covered_many": "Aturan '{rule}' meminta paling sedikit {minimum} orang di kantor per hari "
                       "di {scopes} sub unit; di sana pun yang selalu di kantor sudah "
                       "memenuhinya.",
    "pr_intent": "Tanpa mereka semua aturan unit ini sudah terpenuhi, dan surat edaran "
                 "menghendaki sebanyak mungkin pegawai bekerja dari rumah; karena itu mereka "
                 "bekerja dari rumah setiap hari kerja:",
    "pr_rotating": "Bergiliran ({count} orang)",
    "pr_rotating_text": "masuk kantor {low} s.d. {high} hari dalam periode ini, bergiliran "
                        "adil di antara pegawai yang setara",
    "pr_warning": "Peringatan",
    "pr_status": "Status jadwal",
    "pr_optimal": "terbukti optimal: tidak ada jadwal lain yang memenuhi semua aturan dengan "
                  "lebih sedikit hari di kantor",
    "pr_feasible": "memenuhi semua aturan, tetapi belum terbukti optimal (batas waktu habis)",
    # --- s5-print ---
    "pr_months": "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,"
                 "November,Desember",
    "pr_and_more": "… dan {count} lainnya",
    "pr_col_nip": "NIP",
    "pr_col_name_only": "Nama",
    "pr_col_totals": "Jumlah hari",
    "pr_col_away_short": "C/D",
    "pr_section": "Sub unit: {sub} ({count} pegawai)",
    "pr_continued": "{caption} (lanjutan)",
    # --- s6-tim ---
    "pr_col_team": "Tim",
}

_PRINT_EN: dict[str, str] = {
    "pr_title": "STAFF WORK ROSTER (WFO/WFH)",
    "pr_basis_line": "Basis: {circular}",
    "pr_period_line": "Period: {period}",
    "pr_period_range": "{start} to {end}",
    "pr_block": "Working days {start} to {end}",
    "pr_col_no": "No",
    "pr_col_name": "Name / NIP",
    "pr_col_position": "Position",
    "pr_col_wfo": "WFO",
    "pr_col_wfh": "WFH",
    "pr_col_away": "Leave/\ntravel",
    "pr_no_sub": "(no sub-unit)",
    "pr_in_office": "In office (WFO)",
    "pr_present": "Staff on duty (not on leave/travel)",
    "pr_legend": "Codes: O = in the office (WFO, bold, shaded) · H = working from home (WFH) · "
                 "C = leave · D = official travel",
    "pr_known": "Acknowledged,",
    "pr_head_of": "Head of {unit}",
    "pr_blank_name": "(........................................)",
    "pr_nip": "NIP. {nip}",
    "pr_blank_nip": "NIP. ........................................",
    "pr_page": "Page {page} of {pages}",
    "pr_sheet_roster": "Roster",
    "pr_sheet_notes": "Summary",
    "pr_item": "Item",
    "pr_text": "Details",
    "pr_unit": "Unit",
    "pr_basis": "Basis",
    "pr_scenario_title": "Scenario",
    "pr_period": "Period",
    "pr_staff": "Staff",
    "pr_days": "Working days",
    "pr_holiday": "Holiday (not scheduled)",
    "pr_always": "Always in office ({count})",
    "pr_always_rule": "in office every working day under rule '{rule}'",
    "pr_always_needed": "in office every working day because the unit's minimums need them "
                        "every day",
    "pr_never": "Never in office ({count})",
    "pr_covered": "Rule '{rule}' asks for at least {minimum} in office each day; the {fixed} "
                  "always in office already meet it.",
    "pr_covered_many": "Rule '{rule}' asks for at least {minimum} in office each day in "
                       "{scopes} sub-units; there too those always in office already meet it.",
    "pr_intent": "Every rule of this unit is met without them, and the circular wants as many "
                 "staff as possible to work from home; so they work from home every working "
                 "day:",
    "pr_rotating": "Rotating ({count})",
    "pr_rotating_text": "in office {low} to {high} days in this period, rotating fairly among "
                        "equivalent staff",
    "pr_warning": "Warning",
    "pr_status": "Roster status",
    "pr_optimal": "proven optimal: no other roster meets every rule with fewer office days",
    "pr_feasible": "meets every rule, but is not proven optimal (time limit reached)",
    # --- s5-print ---
    "pr_months": "January,February,March,April,May,June,July,August,September,October,"
                 "November,December",
    "pr_and_more": "… and {count} more",
    "pr_col_nip": "NIP",
    "pr_col_name_only": "Name",
    "pr_col_totals": "Days",
    "pr_col_away_short": "C/D",
    "pr_section": "Sub-unit: {sub} ({count} staff)",
    "pr_continued": "{caption} (continued)",
    # --- s6-tim ---
    "pr_col_team": "Team",
}


# --- s5-lead: rules and results in plain words (policy/wording.py, write/memo.py) ---
_PLAIN_ID: dict[str, str] = {
    "word_or": "atau",
    "kind_always_in_office": "Wajib masuk kantor",
    "kind_always_at_home": "Wajib bekerja dari rumah",
    "kind_exempt_units": "Dikecualikan dari WFH",
    "kind_top_levels": "Pimpinan tertinggi wajib masuk",
    "kind_min_present": "Jumlah minimal di kantor",
    "kind_min_office_share": "Persentase minimal di kantor",
    "kind_max_office_share": "Persentase maksimal di kantor",
    "kind_wfh_share_target": "Sasaran persentase WFH",
    "say_always_in_office": "{who} selalu masuk kantor setiap hari kerja.",
    "say_always_at_home": "{who} selalu bekerja dari rumah.",
    "say_exempt_units": "{who} dikecualikan: tetap masuk kantor seperti biasa dan tidak "
                        "dihitung dalam persentase.",
    "say_top_levels": "{levels} jenjang eselon tertinggi yang ada {per} selalu masuk kantor "
                      "({who}).",
    "say_top_levels_all": "{levels} jenjang eselon tertinggi yang ada {per} selalu masuk "
                          "kantor.",
    "say_nobody_in_office": "Tidak ada {who} yang masuk kantor {per}.",
    "say_min_present": "Setiap hari paling sedikit {count} orang {who} masuk kantor {per}.",
    "say_min_office_share": "Setiap hari paling sedikit {pct} {who} masuk kantor {per}.",
    "say_max_office_share": "Setiap hari paling banyak {pct} {who} masuk kantor {per}.",
    "say_wfh_share_target": "Sasaran: setiap hari sekitar {pct} {who} bekerja dari rumah {per}.",
    "per_unit": "di setiap OPD/unit kerja",
    "per_sub_unit": "di setiap sub-unit (bidang, seksi, sekolah …)",
    "per_organisation": "di seluruh pemerintah daerah",
    "who_everyone": "pegawai",
    "who_eselon": "eselon {eselon}",
    "who_status": "berstatus {statuses}",
    "who_flags": "yang termasuk {flags}",
    "who_positions": "dengan jabatan {patterns}",
    "who_unit_types": "di {kinds}",
    "who_units": "di unit {patterns}",
    "who_sub_unit_kinds": "di {kinds}",
    "who_sub_units": "di sub-unit {patterns}",
    "who_except": ", kecuali {who}",
    "cat_jpt": "pejabat pimpinan tinggi (JPT)",
    "cat_administrator": "administrator",
    "cat_pengawas": "pengawas",
    "cat_pelaksana": "pelaksana",
    "cat_fungsional": "pejabat fungsional",
    "role_kepala_opd": "Kepala OPD",
    "role_sekda": "Sekretaris Daerah",
    "role_asisten": "Asisten Sekda",
    "role_staf_ahli": "Staf Ahli",
    "role_sekretaris_opd": "Sekretaris OPD",
    "role_kabag": "Kepala Bagian",
    "role_kasubbag": "Kepala Subbagian",
    "role_kepala_bidang": "Kepala Bidang",
    "role_kasubbid": "Kepala Subbidang",
    "role_kasi": "Kepala Seksi",
    "role_camat": "Camat",
    "role_sekcam": "Sekretaris Camat",
    "role_lurah": "Lurah",
    "role_sekretaris_kelurahan": "Sekretaris Kelurahan",
    "role_kepala_upt": "Kepala UPT",
    "role_kepala_cabang_dinas": "Kepala Cabang Dinas",
    "role_koordinator_satker": "Koordinator Satker",
    "role_kepala_sekolah": "Kepala Sekolah",
    "role_kepala_puskesmas": "Kepala Puskesmas",
    "role_direktur_rsud": "Direktur RSUD",
    "role_inspektur": "Inspektur",
    "role_guru": "guru",
    "role_dokter": "dokter",
    "role_perawat": "perawat",
    "role_bidan": "bidan",
    "flag_vulnerable": "pegawai rentan (usia lanjut, komorbid, hamil/menyusui)",
    "flag_comorbid": "pegawai dengan penyakit penyerta",
    "flag_pregnant": "pegawai hamil atau menyusui",
    "flag_aged": "pegawai usia lanjut",
    "flag_must_wfo": "pegawai bertanda Wajib WFO",
    "flag_must_wfh": "pegawai bertanda Wajib WFH",
    "flag_asn": "ASN (PNS, CPNS, PPPK)",
    "flag_structural": "pejabat struktural",
    "ut_setda": "Sekretariat Daerah",
    "ut_sekretariat_dprd": "Sekretariat DPRD",
    "ut_inspektorat": "Inspektorat",
    "ut_dinas": "dinas",
    "ut_badan": "badan",
    "ut_kantor": "kantor",
    "ut_kecamatan": "kecamatan",
    "ut_kelurahan": "kelurahan",
    "ut_rsud": "RSUD",
    "ut_puskesmas": "puskesmas",
    "ut_upt": "UPT",
    "ut_sekolah": "sekolah",
    "ut_satpol_pp": "Satpol PP",
    "ut_bpbd": "BPBD",
    "ut_damkar": "pemadam kebakaran",
    "ut_disdukcapil": "Disdukcapil",
    "ut_dpmptsp": "DPMPTSP",
    "ut_bapenda": "Bapenda",
    "ut_dishub": "Dinas Perhubungan",
    "ut_lainnya": "unit lain",
    "suk_sekretariat": "sekretariat",
    "suk_bidang": "bidang",
    "suk_bagian": "bagian",
    "suk_seksi": "seksi",
    "suk_subbidang": "subbidang",
    "suk_subbagian": "subbagian",
    "suk_tu": "tata usaha",
    "suk_upt": "UPT",
    "suk_kelurahan": "kelurahan",
    "suk_sekolah": "sekolah",
    "suk_lainnya": "sub-unit lain",
    "ww_mon-fri": "Senin–Jumat",
    "ww_mon-sat": "Senin–Sabtu",
    "memo_optimal": "Semua aturan terpenuhi. Jadwal ini terbukti yang terbaik menurut tujuan "
                    "surat edaran (tidak ada jadwal lain yang lebih baik).",
    "memo_feasible": "Semua aturan terpenuhi, tetapi jadwal ini BELUM terbukti yang terbaik: "
                     "{why}. Jalankan lagi dengan waktu lebih lama untuk hasil terbaik.",
    "memo_why_time": "penyusunan berhenti pada batas waktu",
    "memo_why_signal": "penyusunan dihentikan oleh pengguna",
    "memo_broken": "PERHATIAN: {rules} aturan tidak dapat dipenuhi seluruhnya ({lines} "
                   "pelanggaran); rinciannya di sheet Pelanggaran.",
    "memo_share": "Rata-rata {mean} pegawai yang hadir bekerja di kantor per hari "
                  "(terendah {low}, tertinggi {high}).",
    "memo_rotation": "{people} pegawai bergiliran; separuh dari mereka masuk kantor {span} "
                     "dari {days} hari kerja.",
    "memo_never_always": "{never} pegawai tidak pernah masuk kantor dalam periode ini; "
                         "{always} pegawai selalu di kantor ({pinned} di antaranya karena "
                         "aturan wajib masuk, pengecualian atau tanda Wajib WFO).",
    "memo_days": "{days} hari ({workweek})",
    "memo_target": "'{rule}': rata-rata {actual} pegawai bekerja dari rumah per hari, "
                   "sasaran {target}.",
    "memo_skipped": "{rows} baris bukan data pegawai (judul, jumlah, tanda tangan); lihat "
                    "wfh-solver validate",
    "memo_k_verdict": "Kesimpulan",
    "memo_k_figures": "Gambaran",
    "memo_k_circular": "Surat edaran",
    "memo_k_reference": "Nomor surat edaran",
    "memo_k_period": "Periode",
    "memo_k_days": "Hari kerja",
    "memo_k_staff": "Jumlah pegawai",
    "memo_k_holiday": "Hari libur (tidak dijadwalkan)",
    "memo_k_choices": "Cara aturan ditafsirkan",
    "memo_k_check": "Perlu diperiksa",
    "memo_k_skipped": "Baris dilewati",
    "fix_min": "turunkan '{rule}' di {where} menjadi paling sedikit {value} orang",
    "fix_rule_off": "jangan berlakukan '{rule}' di {where}",
    "fix_cap": "izinkan {value} orang di kantor untuk '{rule}' di {where}",
    "fix_pin": "bebaskan {who} dari '{rule}'",
    "fix_cell": "ubah sel yang ditetapkan (--pin) untuk {who}",
    "fix_absence": "geser {word} {who} ke hari lain",
    "fix_or": "atau",
    "cmp_col_case": "skenario",
    "cmp_col_status": "status",
    "cmp_col_share": "di kantor",
    "cmp_col_min": "min/hari",
    "cmp_col_max": "maks/hari",
    "cmp_col_seconds": "detik",
    "rv_and_more": "dan {count} lainnya",
    "rv_never_in": "{count} pegawai tidak pernah masuk kantor selama periode",
    "rv_never_home": "{count} pegawai tidak pernah bekerja dari rumah, padahal tidak ada "
                     "aturan yang menyebut mereka secara pribadi",
    "rv_class_home": "seluruh {count} {kind} di {where} bekerja dari rumah sepanjang periode",
    "rv_service": "layanan {service} dengan {count} dari {total} pegawai pernah bekerja dari "
                  "rumah; surat edaran tidak mengecualikan layanan ini",
    "rv_service_health": "kesehatan",
    "rv_service_disaster": "penanggulangan bencana",
    "rv_service_fire": "pemadam kebakaran",
    "rv_service_registry": "kependudukan dan catatan sipil",
    "rv_service_order": "ketertiban umum",
    "rv_change_never": "agar mereka bergiliran ke kantor: tambahkan aturan jumlah minimal di "
                       "kantor (kind = \"min_present\") untuk jabatan mereka per sub-unit, "
                       "atau naikkan persentase minimal di kantor",
    "rv_change_always": "biasanya karena jumlah minimal di kantor di sub-unitnya hanya dapat "
                        "dipenuhi oleh mereka; turunkan jumlah minimal itu atau tambahkan "
                        "pegawai sejenis agar dapat bergiliran",
    "rv_change_class": "tambahkan aturan: paling sedikit 1 {label} masuk kantor per sub-unit "
                       "(kind = \"min_present\", per = \"sub_unit\", "
                       "who = {{ categories = [\"{kind}\"] }})",
    "rv_change_service": "jika layanan ini harus tetap buka: tambahkan pengecualian "
                         "(kind = \"exempt_units\", who = {{ unit_types = [\"{unit_type}\"] }}) "
                         "atau jumlah minimal di kantor untuk unit ini",
    "summary_proof": "terbukti: {levels} tingkat tujuan, tiap nilai sama dengan batas "
                     "terbukti (sheet Teknis); {warnings} catatan untuk diperiksa; selesai "
                     "dalam {seconds} detik",
    "summary_not_proven": "status {status}: belum terbukti terbaik (sheet Teknis); "
                          "{warnings} catatan untuk diperiksa; {seconds} detik",
    "hint_map_column": "kolom {column} mungkin {near}; jika benar, tulis di berkas peta "
                       "kolom (--columns peta.toml): {line}",
    "v_column_in_file": "Kolom di berkas",
    "v_column_read_as": "Dibaca sebagai",
    "v_unused": "Kolom yang tidak dipakai: {columns} (jika salah satunya penting, petakan "
                "dengan --columns)",
    "v_no_unused": "Semua kolom berjudul dipakai.",
    "workweek_unknown": "--workweek {value!r} tidak dikenal; gunakan senin-jumat atau "
                        "senin-sabtu",
    "fix_line": "→ perubahan terkecil: {fixes}",
    "fix_hint": "Agar tetap ada jadwal: jalankan lagi dengan --relax (jadwal yang paling "
                "sedikit melanggar, pelanggarannya didaftar), atau pilih 'Susun jadwal "
                "yang paling sedikit melanggar' di halaman wfh-solver serve.",
    # --- s6-tim ---
    "memo_teams": "Tim tetap: tiap pegawai bertemu rata-rata {tim} rekan satu sub unit di "
                  "kantor selama periode ini; tanpa tim {plain} ({change}).",
    "memo_teams_fewer": "{percent} lebih sedikit",
    "memo_teams_same": "sama",
    # --- s6-rules ---
    "kind_min_office_days": "Minimal hari di kantor per orang",
    "kind_max_office_days": "Maksimal hari di kantor per orang",
    "kind_max_consecutive_wfh": "Maksimal WFH berturut-turut",
    "kind_max_consecutive_wfo": "Maksimal WFO berturut-turut",
    "say_min_office_days": "Setiap {who} masuk kantor paling sedikit {days} hari {per}.",
    "say_max_office_days": "Setiap {who} masuk kantor paling banyak {days} hari {per}.",
    "say_max_consecutive_wfh": "Tidak ada {who} yang bekerja dari rumah lebih dari {days} "
                               "hari kerja berturut-turut.",
    "say_max_consecutive_wfo": "Tidak ada {who} yang masuk kantor lebih dari {days} hari "
                               "kerja berturut-turut.",
    "per_week": "setiap minggu",
    "per_period": "dalam periode ini",
    "ev_rule_person": "aturan per orang",
    "ev_person_min": "{who}: aturan '{rule}' memerlukan paling sedikit {required} hari di "
                     "kantor pada {span}, hanya {achieved} ({cells})",
    "ev_person_max": "{who}: aturan '{rule}' membolehkan paling banyak {required} hari di "
                     "kantor pada {span}, tercatat {achieved} ({cells})",
    "ev_person_run_wfh": "{who}: aturan '{rule}' — bekerja dari rumah {span} tanpa sehari "
                         "pun di kantor ({cells})",
    "ev_person_run_wfo": "{who}: aturan '{rule}' — masuk kantor {span} tanpa sehari pun "
                         "bekerja dari rumah ({cells})",
    "ev_span": "{first}–{last}",
    "ev_span_earlier": "{first}–{last} (termasuk {count} hari kerja terakhir jadwal "
                       "sebelumnya)",
    "person_clash": "{who}: aturan per orang {rules} tidak bisa dipenuhi bersama aturan "
                    "jumlah di unitnya ({unit}); longgarkan salah satunya",
}

_PLAIN_EN: dict[str, str] = {
    "word_or": "or",
    "kind_always_in_office": "Always in the office",
    "kind_always_at_home": "Always at home",
    "kind_exempt_units": "Exempt from WFH",
    "kind_top_levels": "Top levels always in",
    "kind_min_present": "Minimum number in the office",
    "kind_min_office_share": "Minimum share in the office",
    "kind_max_office_share": "Maximum share in the office",
    "kind_wfh_share_target": "Target share working from home",
    "say_always_in_office": "{who} are in the office every working day.",
    "say_always_at_home": "{who} always work from home.",
    "say_exempt_units": "{who} are exempt: they work in the office as usual and are not "
                        "counted in the shares.",
    "say_top_levels": "The {levels} highest eselon levels present {per} are always in the "
                      "office ({who}).",
    "say_top_levels_all": "The {levels} highest eselon levels present {per} are always in "
                          "the office.",
    "say_nobody_in_office": "No {who} work in the office {per}.",
    "say_min_present": "Every day at least {count} of the {who} come to the office {per}.",
    "say_min_office_share": "Every day at least {pct} of {who} are in the office {per}.",
    "say_max_office_share": "Every day at most {pct} of {who} are in the office {per}.",
    "say_wfh_share_target": "Target: every day about {pct} of {who} work from home {per}.",
    "per_unit": "in each unit (OPD)",
    "per_sub_unit": "in each sub-unit (division, section, school …)",
    "per_organisation": "across the whole regional government",
    "who_everyone": "staff",
    "who_eselon": "of eselon {eselon}",
    "who_status": "with status {statuses}",
    "who_flags": "who are {flags}",
    "who_positions": "with position {patterns}",
    "who_unit_types": "in {kinds}",
    "who_units": "in unit {patterns}",
    "who_sub_unit_kinds": "in {kinds}",
    "who_sub_units": "in sub-unit {patterns}",
    "who_except": ", except {who}",
    "cat_jpt": "senior executives (JPT)",
    "cat_administrator": "administrators",
    "cat_pengawas": "supervisors",
    "cat_pelaksana": "staff (pelaksana)",
    "cat_fungsional": "functional officials",
    "role_kepala_opd": "heads of unit",
    "role_sekda": "the regional secretary",
    "role_asisten": "assistants to the secretary",
    "role_staf_ahli": "expert staff",
    "role_sekretaris_opd": "unit secretaries",
    "role_kabag": "heads of section (bagian)",
    "role_kasubbag": "heads of subsection",
    "role_kepala_bidang": "heads of division",
    "role_kasubbid": "heads of subdivision",
    "role_kasi": "heads of section (seksi)",
    "role_camat": "district heads (camat)",
    "role_sekcam": "district secretaries",
    "role_lurah": "village heads (lurah)",
    "role_sekretaris_kelurahan": "village secretaries",
    "role_kepala_upt": "heads of technical units (UPT)",
    "role_kepala_cabang_dinas": "heads of branch offices",
    "role_koordinator_satker": "work-unit coordinators",
    "role_kepala_sekolah": "school principals",
    "role_kepala_puskesmas": "heads of health centres",
    "role_direktur_rsud": "hospital directors",
    "role_inspektur": "inspectors",
    "role_guru": "teachers",
    "role_dokter": "doctors",
    "role_perawat": "nurses",
    "role_bidan": "midwives",
    "flag_vulnerable": "vulnerable (older, comorbid, pregnant or nursing)",
    "flag_comorbid": "with a comorbidity",
    "flag_pregnant": "pregnant or nursing",
    "flag_aged": "older staff",
    "flag_must_wfo": "marked must-be-in-office",
    "flag_must_wfh": "marked must-work-from-home",
    "flag_asn": "civil servants (PNS, CPNS, PPPK)",
    "flag_structural": "structural officials",
    "ut_setda": "the Regional Secretariat",
    "ut_sekretariat_dprd": "the council secretariat",
    "ut_inspektorat": "the Inspectorate",
    "ut_dinas": "departments (dinas)",
    "ut_badan": "agencies (badan)",
    "ut_kantor": "offices (kantor)",
    "ut_kecamatan": "districts (kecamatan)",
    "ut_kelurahan": "villages (kelurahan)",
    "ut_rsud": "regional hospitals",
    "ut_puskesmas": "health centres",
    "ut_upt": "technical units (UPT)",
    "ut_sekolah": "schools",
    "ut_satpol_pp": "the civil police (Satpol PP)",
    "ut_bpbd": "the disaster agency (BPBD)",
    "ut_damkar": "the fire brigade",
    "ut_disdukcapil": "the civil registry",
    "ut_dpmptsp": "the one-stop service office",
    "ut_bapenda": "the revenue agency",
    "ut_dishub": "the transport department",
    "ut_lainnya": "other units",
    "suk_sekretariat": "secretariats",
    "suk_bidang": "divisions",
    "suk_bagian": "sections (bagian)",
    "suk_seksi": "sections (seksi)",
    "suk_subbidang": "subdivisions",
    "suk_subbagian": "subsections",
    "suk_tu": "administration offices (TU)",
    "suk_upt": "technical units",
    "suk_kelurahan": "villages",
    "suk_sekolah": "schools",
    "suk_lainnya": "other sub-units",
    "ww_mon-fri": "Monday–Friday",
    "ww_mon-sat": "Monday–Saturday",
    "memo_optimal": "Every rule is met. This roster is proven the best one under the "
                    "circular's aim (no other roster does better).",
    "memo_feasible": "Every rule is met, but this roster is NOT yet proven the best: {why}. "
                     "Run again with more time for the best roster.",
    "memo_why_time": "the search stopped at its time limit",
    "memo_why_signal": "the search was stopped by the user",
    "memo_broken": "ATTENTION: {rules} rules cannot all be met ({lines} violations); see the "
                   "Violations sheet.",
    "memo_share": "On average {mean} of the staff present work in the office each day "
                  "(lowest {low}, highest {high}).",
    "memo_rotation": "{people} staff rotate; half of them are in the office {span} of "
                     "{days} working days.",
    "memo_never_always": "{never} staff are never in the office in this period; {always} "
                         "are always in ({pinned} of them because a rule, an exemption or "
                         "a Wajib WFO mark requires it).",
    "memo_days": "{days} days ({workweek})",
    "memo_target": "'{rule}': on average {actual} of staff work from home each day, "
                   "target {target}.",
    "memo_skipped": "{rows} rows are not staff (titles, totals, signatures); see "
                    "wfh-solver validate",
    "memo_k_verdict": "Conclusion",
    "memo_k_figures": "Overview",
    "memo_k_circular": "Circular",
    "memo_k_reference": "Circular number",
    "memo_k_period": "Period",
    "memo_k_days": "Working days",
    "memo_k_staff": "Staff",
    "memo_k_holiday": "Holiday (not scheduled)",
    "memo_k_choices": "How the rules were read",
    "memo_k_check": "To check",
    "memo_k_skipped": "Rows skipped",
    "fix_min": "lower '{rule}' in {where} to at least {value} people",
    "fix_rule_off": "do not apply '{rule}' in {where}",
    "fix_cap": "allow {value} people in the office under '{rule}' in {where}",
    "fix_pin": "release {who} from '{rule}'",
    "fix_cell": "change the pinned cell (--pin) of {who}",
    "fix_absence": "move the {word} of {who} to another day",
    "fix_or": "or",
    "cmp_col_case": "scenario",
    "cmp_col_status": "status",
    "cmp_col_share": "office share",
    "cmp_col_min": "min/day",
    "cmp_col_max": "max/day",
    "cmp_col_seconds": "seconds",
    "rv_and_more": "and {count} more",
    "rv_never_in": "{count} staff never come to the office in the period",
    "rv_never_home": "{count} staff never work from home, though no rule names them",
    "rv_class_home": "all {count} {kind} of {where} work from home for the whole period",
    "rv_service": "a {service} service with {count} of {total} staff sent home on some day; "
                  "the circular exempts no such service",
    "rv_service_health": "health",
    "rv_service_disaster": "disaster response",
    "rv_service_fire": "fire",
    "rv_service_registry": "civil registry",
    "rv_service_order": "public order",
    "rv_change_never": "to have them rotate into the office: add a minimum-number rule "
                       "(kind = \"min_present\") for their post per sub-unit, or raise the "
                       "minimum office share",
    "rv_change_always": "usually because only they can meet their sub-unit's minimum in the "
                        "office; lower that minimum or add alike staff so they can rotate",
    "rv_change_class": "add a rule: at least 1 of the {label} in the office per sub-unit "
                       "(kind = \"min_present\", per = \"sub_unit\", "
                       "who = {{ categories = [\"{kind}\"] }})",
    "rv_change_service": "if this service must stay open: add an exemption "
                         "(kind = \"exempt_units\", who = {{ unit_types = [\"{unit_type}\"] }}) "
                         "or a minimum number in the office for this unit",
    "summary_proof": "proven: {levels} objective levels, each equal to its proven bound "
                     "(Technical sheet); {warnings} notes to check; done in {seconds} s",
    "summary_not_proven": "status {status}: not yet proven the best (Technical sheet); "
                          "{warnings} notes to check; {seconds} s",
    "hint_map_column": "column {column} may be {near}; if so, write in a column map "
                       "(--columns map.toml): {line}",
    "v_column_in_file": "Column in the file",
    "v_column_read_as": "Read as",
    "v_unused": "Columns not used: {columns} (if one of them matters, map it with "
                "--columns)",
    "v_no_unused": "Every titled column is used.",
    "workweek_unknown": "--workweek {value!r} is not known; use mon-fri or mon-sat "
                        "(senin-jumat, senin-sabtu)",
    "fix_line": "→ smallest change: {fixes}",
    "fix_hint": "To get a roster anyway: run again with --relax (the roster that breaks the "
                "rules least, every broken rule listed), or choose 'Make the roster "
                "that breaks the fewest rules' on the wfh-solver serve page.",
    # --- s6-tim ---
    "memo_teams": "Fixed teams: each person meets on average {tim} colleagues of their "
                  "sub-unit in the office over the period; without teams {plain} ({change}).",
    "memo_teams_fewer": "{percent} fewer",
    "memo_teams_same": "the same",
    # --- s6-rules ---
    "kind_min_office_days": "Minimum office days per person",
    "kind_max_office_days": "Maximum office days per person",
    "kind_max_consecutive_wfh": "Maximum WFH days in a row",
    "kind_max_consecutive_wfo": "Maximum office days in a row",
    "say_min_office_days": "Each of the {who} comes to the office at least {days} days {per}.",
    "say_max_office_days": "Each of the {who} comes to the office at most {days} days {per}.",
    "say_max_consecutive_wfh": "None of the {who} works from home more than {days} working "
                               "days in a row.",
    "say_max_consecutive_wfo": "None of the {who} comes to the office more than {days} "
                               "working days in a row.",
    "per_week": "each week",
    "per_period": "in the period",
    "ev_rule_person": "per-person rule",
    "ev_person_min": "{who}: rule '{rule}' needs at least {required} office days in "
                     "{span}, only {achieved} ({cells})",
    "ev_person_max": "{who}: rule '{rule}' allows at most {required} office days in {span}, "
                     "there are {achieved} ({cells})",
    "ev_person_run_wfh": "{who}: rule '{rule}' — works from home {span} without one day in "
                         "the office ({cells})",
    "ev_person_run_wfo": "{who}: rule '{rule}' — in the office {span} without one day at "
                         "home ({cells})",
    "ev_span": "{first}–{last}",
    "ev_span_earlier": "{first}–{last} (with the last {count} working days of the earlier "
                       "roster)",
    "person_clash": "{who}: the per-person rules {rules} cannot hold together with the "
                    "count rules of their unit ({unit}); relax one of them",
}

CATALOGUE: dict[str, dict[str, str]] = {
    "id": {**LABELS_ID, **_ID, **_HELP_ID, **_PRINT_ID, **_PLAIN_ID},
    "en": {**LABELS_EN, **_EN, **_HELP_EN, **_PRINT_EN, **_PLAIN_EN},
}


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    _language.set(lang)


def language() -> str:
    return _language.get()


def count(number: int, lang: str | None = None) -> str:
    """A count as the reader writes it: 9.000 in Indonesian, 9,000 in English (a head reads
    2749 as a code, not a number)."""
    text = f"{number:,}"
    return text.replace(",", ".") if (lang or language()) == "id" else text


def t(key: str, /, **params: Any) -> str:
    """The sentence `key` in the current language, filled in."""
    return CATALOGUE[_language.get()][key].format(**params)
