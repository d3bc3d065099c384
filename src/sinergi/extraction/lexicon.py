"""Words of the genre: Indonesian government press releases and meeting minutes.

These lists describe the language (titles, honorifics, degrees, agency names, units, cue words),
not any particular text. Keep them general: extraction is judged on texts nobody tuned it on.
"""

import re

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8,
    "agu": 8, "agt": 8, "ags": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11, "desember": 12, "des": 12,
}  # fmt: skip
WEEKDAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}

# Honorifics stand before a name; "H." (haji) and "Hj." (hajjah) are the commonest.
HONORIFICS = {
    "h", "hj", "dr", "drs", "dra", "ir", "prof", "kh", "tgh", "tgb", "ustadz", "ust", "ns",
    "apt", "bapak", "ibu", "pak", "bu", "sdr", "sdri", "dr.h", "dr.hj", "drg", "rm", "raden",
    "bpk",
}  # fmt: skip
# A degree after a name: "SH.", "M.Si.", "S.Pd", "SP., MP.", "Ph.D", "MBA".
DEGREE_RX = re.compile(
    r"(?:(?:[SMD]|Ak|Ph)\.?(?:[A-Z][a-z]{0,3}\.?){1,3}|[SM][A-Z]{1,3}\.?|MBA\.?|MPH\.?|"
    r"Ph\.?D\.?|A\.?Md\.?(?:\s?[A-Z][a-z]{0,3}\.?)?|Amd\.?|Lc\.?|MA\.?|SE\.?)"
)

# Balinese birth-order and caste names: "I Made Sudiarsa" is a name, not "Ketua I" + "Made".
BALINESE_NAMES = {
    "made", "gede", "wayan", "nyoman", "ketut", "putu", "komang", "kadek", "nengah", "gusti",
    "ngurah", "ayu", "luh", "agung",
}  # fmt: skip

# Titles that start a position, longest first where they overlap.
TITLE_HEADS = [
    "Kepala Pelaksana", "Kepala Bidang", "Kepala Seksi", "Kepala Sub Bagian", "Kepala Bagian",
    "Kepala Dinas", "Kepala Badan", "Kepala Kantor", "Kepala Biro", "Kepala Desa",
    "Kepala Balai", "Kepala UPTD", "Kepala Puskesmas", "Kepala Sekolah", "Kepala",
    "Ketua Umum", "Ketua Harian", "Wakil Ketua", "Ketua",
    "Sekretaris Daerah", "Sekretaris Dinas", "Sekretaris Badan", "Sekretaris Jenderal",
    "Sekretaris", "Bendahara", "Wakil Gubernur", "Gubernur", "Wakil Bupati", "Bupati",
    "Wakil Wali Kota", "Wakil Walikota", "Wali Kota", "Walikota", "Camat", "Lurah", "Kades",
    "Direktur Jenderal", "Direktur Utama", "Direktur", "Dirjen", "Wakil Menteri", "Menteri",
    "Sekda", "Asisten", "Staf Ahli", "Kabid", "Kasi", "Kasie", "Kabag", "Kasubag", "Kasubbag",
    "Kadis", "Kalak", "Karo", "Kaban", "Kapolda", "Kapolres", "Kapolsek", "Dandim", "Danrem",
    "Perwakilan", "Koordinator", "Pembina", "Penjabat", "Analis", "Penyuluh", "Plh",
    "Pejabat Fungsional", "Pejabat", "Anggota", "Kanit", "Kasat", "Psikolog", "Tenaga Ahli",
    "Pendamping", "Fasilitator", "Konselor",
]  # fmt: skip
TITLE_PREFIXES = ["Plt.", "Plt", "Pjs.", "Pjs", "Pj.", "Pj", "Plh."]
# Words that continue a position after its head ("Ketua I", "Kepala Bidang KB").
POSITION_WORDS = {
    "pelaksana", "harian", "umum", "bidang", "seksi", "sub", "bagian", "dinas", "badan", "biro",
    "urusan", "i", "ii", "iii", "iv", "v", "tim", "penggerak", "kantor", "unit",
    "jenderal", "utama", "kelompok", "fungsional", "perencana", "ahli", "madya", "muda",
    "pertama", "penyelia", "terampil",
}  # fmt: skip

# Short titles that name the body they head: "Kadis Perumahan" is the head of "Dinas Perumahan".
TITLE_BODY = {"Kadis": "Dinas", "Karo": "Biro", "Kaban": "Badan", "Dirjen": "Ditjen", "Kalak": ""}

# Words that open the full name of a body.
ORG_HEADS = [
    "Dinas", "Badan", "Biro", "Kementerian", "Direktorat Jenderal", "Direktorat", "Ditjen",
    "Tim Penggerak", "Tim", "Satuan Tugas", "Lembaga", "Komisi", "Dewan", "Balai", "Pusat",
    "Yayasan", "Forum", "Sekretariat", "Inspektorat", "Kepolisian", "Rumah Sakit", "Universitas",
    "Perusahaan Daerah", "Bank", "Majelis", "Gerakan", "Kelompok Kerja", "Pokja", "Unit",
    "Pengadilan", "Kejaksaan", "Persatuan", "Perkumpulan", "Ikatan", "Himpunan", "Asosiasi",
    "Palang Merah",
]  # fmt: skip

# Agency acronyms and short names (regional and national), with the body each stands for.
# A mention may be followed by a region ("BPBD Prov NTB"); that region becomes part of its name.
KNOWN_ORGS = {
    "PKK": "TP PKK", "BPD": "BPD", "TP PKK": "TP PKK", "TP. PKK": "TP PKK", "TP-PKK": "TP PKK",
    "TPP PKK": "TP PKK",
    "BPBD": "BPBD", "BPKAD": "BPKAD", "BPKD": "BPKD", "Bappeda": "Bappeda",
    "Bapperida": "Bapperida", "Bappenas": "Bappenas", "Bapenda": "Bapenda", "DPMPD": "DPMPD",
    "DPMD": "DPMD", "DPMPD Dukcapil": "DPMPD Dukcapil", "Dukcapil": "Dukcapil",
    "Disdukcapil": "Dukcapil", "DPPKB": "DPPKB", "DP3AP2KB": "DP3AP2KB", "DP3A": "DP3A",
    "DP2KBP3A": "DP2KBP3A", "DP3AKB": "DP3AKB", "Diskominfotik": "Diskominfotik",
    "Diskominfo": "Diskominfo", "Dinkes": "Dinkes", "Dikes": "Dinkes", "Dikbud": "Dikbud",
    "Disdikbud": "Dikbud", "Disdik": "Disdik", "Dinsos": "Dinsos", "Disnakertrans": "Disnakertrans",
    "Disnaker": "Disnaker", "Disperindag": "Disperindag", "Dispar": "Dispar", "Dispora": "Dispora",
    "Distan": "Distan", "Distanbun": "Distanbun", "DLHK": "DLHK", "DLH": "DLH", "Dishub": "Dishub",
    "Disperkim": "Disperkim", "Dinas PUPR": "PUPR", "PUPR": "PUPR", "Diskop": "Diskop",
    "Diskes": "Dinkes", "DKP": "DKP", "BKD": "BKD", "BKPSDM": "BKPSDM", "BPSDM": "BPSDM",
    "BPS": "BPS", "BKKBN": "BKKBN", "BNPB": "BNPB", "BPJS": "BPJS",
    "BPJS Kesehatan": "BPJS Kesehatan",
    "BPJS Ketenagakerjaan": "BPJS Ketenagakerjaan", "BPOM": "BPOM", "BNN": "BNN", "BNNP": "BNNP",
    "Polda": "Polda", "Polres": "Polres", "Polresta": "Polresta", "Polsek": "Polsek",
    "Kodim": "Kodim", "Korem": "Korem", "Koramil": "Koramil", "Kemendagri": "Kemendagri",
    "Kemenkes": "Kemenkes", "Kemensos": "Kemensos", "KemenPPPA": "KemenPPPA",
    "Kemen PPPA": "KemenPPPA", "Kemendes": "Kemendes", "Kemendes PDTT": "Kemendes PDTT",
    "Kemenag": "Kemenag", "Kemendikbud": "Kemendikbud", "Kemendikbudristek": "Kemendikbudristek",
    "Kemenkeu": "Kemenkeu", "Kemenko PMK": "Kemenko PMK", "KPU": "KPU", "Bawaslu": "Bawaslu",
    "DPRD": "DPRD", "MUI": "MUI", "Baznas": "Baznas", "LPA": "LPA", "Inspektorat": "Inspektorat",
    "Satpol PP": "Satpol PP", "TPPS": "TPPS", "Satgas": "Satgas", "Pemprov": "Pemprov",
    "Pemkab": "Pemkab", "Pemkot": "Pemkot", "Setda": "Setda", "Ditjen": "Ditjen", "BRIN": "BRIN",
    "UNICEF": "UNICEF", "WHO": "WHO", "USAID": "USAID", "PMI": "PMI", "Unram": "Unram",
    "PDAM": "PDAM", "BUMDes": "BUMDes", "KUA": "KUA", "Kemenpan RB": "Kemenpan RB",
    "Bank NTB Syariah": "Bank NTB Syariah", "Pokja": "Pokja", "TPAKD": "TPAKD",
}  # fmt: skip
# Ministries qualify the body before them ("Ditjen Bina Desa Kemendagri").
MINISTRY_LONG = {
    "dalam negeri": "Kemendagri", "kesehatan": "Kemenkes", "sosial": "Kemensos",
    "agama": "Kemenag", "keuangan": "Kemenkeu",
    "pemberdayaan perempuan dan perlindungan anak": "KemenPPPA",
    "desa, pembangunan daerah tertinggal, dan transmigrasi": "Kemendes PDTT",
    "desa": "Kemendes", "pendidikan dan kebudayaan": "Kemendikbud",
}  # fmt: skip
# Long forms of agencies whose short form is not their initials ("Dinas Kesehatan" is the
# "Dinkes" of the same text): the key of KNOWN_ORGS they stand for.
AGENCY_LONG = {
    "dinas kesehatan": "Dinkes", "dinas sosial": "Dinsos", "dinas pendidikan": "Disdik",
    "badan perencanaan pembangunan daerah": "Bappeda",
    "dinas kependudukan dan pencatatan sipil": "Dukcapil",
    "dinas kependudukan dan catatan sipil": "Dukcapil",
    "tim penggerak pemberdayaan kesejahteraan keluarga": "TP PKK",
    "pemberdayaan kesejahteraan keluarga": "TP PKK",
    "dinas pemberdayaan masyarakat dan desa": "DPMD", "badan pusat statistik": "BPS",
    "dinas komunikasi dan informatika": "Diskominfo", "dinas lingkungan hidup": "DLH",
    "dinas perhubungan": "Dishub", "dinas pariwisata": "Dispar",
    "dinas pekerjaan umum dan penataan ruang": "PUPR",
}  # fmt: skip
# Capitalised acronyms that are not bodies: documents, categories, diseases, programs.
NOT_ORGS = {
    "NTB", "NTT", "NIK", "KTP", "KTP-el", "KK", "ODGJ", "LKD", "OPD", "MBBG", "RPJMD", "RPJMDes",
    "RKPD", "APBD", "APBN", "APBDes", "DAK", "DAU", "ADD", "SK", "KB", "WA", "COVID", "HIV",
    "AIDS", "TBC", "DBD", "ASN", "PNS", "UMKM", "IKM", "LSM", "SDM", "HUT", "PAUD", "TK", "SD",
    "SMP", "SMA", "SMK", "BLT", "PKH", "BPNT", "KIS", "KIP", "JKN", "SKPD", "MOU", "MoU", "PKS",
    "NIB", "RT", "RW", "PPA", "TPK", "IRT", "KRS", "SSGI", "SKI", "GEMILANG", "RI",
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "PPKM", "PSBB", "BBM", "ATK",
    "NTBGEMILANG", "ID", "KBBI", "WIB", "WITA", "WIT", "DKI", "DIY", "SDGs", "IPM", "PDB",
    "PDRB", "LPJ", "SPJ", "BOK", "BOS", "Adminduk", "Destana", "Posyandu", "Kahaba",
}  # fmt: skip
# Generic categories that the genre names but that are not one body.
GENERIC_ORGS = {"opd", "opd terkait", "stakeholder", "pemerintah daerah", "pemda", "lsm"}
# Lower-case words before an acronym that make it a category ("ketua PKK" of every village).
CATEGORY_WORDS = {"ketua", "kepala", "anggota", "kader", "pengurus", "unsur"}

# Province short names and common abbreviations → Kemendagri province code.
PROVINCE_ALIASES = {
    "NTB": "52", "NTT": "53", "DKI": "31", "DKI Jakarta": "31", "Jakarta": "31", "DIY": "34",
    "Yogyakarta": "34", "Jabar": "32", "Jateng": "33", "Jatim": "35", "Sulsel": "73",
    "Sulteng": "72", "Sultra": "74", "Sulut": "71", "Sulbar": "76", "Sumut": "12", "Sumbar": "13",
    "Sumsel": "16", "Kaltim": "64", "Kalbar": "61", "Kalsel": "63", "Kalteng": "62",
    "Kaltara": "65", "Babel": "19", "Kepri": "21", "Malut": "82", "Bali": "51",
}  # fmt: skip
HOME_PROVINCE = "52"
# Short names the press uses for regencies (NTB's, the home province's, first).
REGENCY_ALIASES = {
    "Lobar": "52.01", "Loteng": "52.02", "Lotim": "52.03", "KSB": "52.07", "KLU": "52.08",
    "Lotara": "52.08", "Jaksel": "31.74", "Jakbar": "31.73", "Jaktim": "31.75",
    "Jakut": "31.72", "Jakpus": "31.71",
}  # fmt: skip

REGION_PREFIXES = {
    "provinsi": "province", "prov": "province", "prop": "province", "propinsi": "province",
    "kabupaten": "regency", "kab": "regency", "kota": "regency", "kecamatan": "district",
    "kec": "district", "camat": "district", "desa": "village", "kelurahan": "village",
    "kel": "village", "dusun": None,
}  # fmt: skip

# Number words.
UNITS_WORDS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
    "sejuta": 1_000_000,
}  # fmt: skip
SCALE_WORDS = {
    "belas": None, "puluh": 10, "ratus": 100, "ribu": 1000, "rb": 1000, "juta": 1_000_000,
    "jt": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000, "m": 1_000_000_000,
    "triliun": 1_000_000_000_000, "t": 1_000_000_000_000,
}  # fmt: skip
# Time units: a number before them is a duration or age, which the genre does not count.
TIME_UNITS = {
    "hari", "minggu", "pekan", "bulan", "tahun", "jam", "menit", "detik", "abad", "dekade",
    "triwulan", "semester",
}  # fmt: skip
# Nouns that a spelled-out number counts ("tiga orang"); digits may count anything.
COUNT_UNITS = {
    "orang", "jiwa", "desa", "kelurahan", "kecamatan", "kabupaten", "kota", "provinsi", "lokasi",
    "keluarga", "kk", "unit", "peserta", "dokumen", "sekolah", "posyandu", "anak", "balita",
    "rumah", "titik", "paket", "kelompok", "tim", "kegiatan", "program", "dusun", "kasus",
    "ibu", "bayi", "warga", "penduduk", "pasangan", "kader", "relawan", "puskesmas", "persen",
    "buah", "ekor", "hektare", "hektar", "ha", "ton", "kg", "km", "meter", "lembaga",
    "organisasi", "instansi", "opd", "perusahaan", "koperasi", "umkm", "bumdes", "siswa", "guru",
    "pegawai", "petugas", "personel", "kabupaten/kota", "desa/kelurahan",
}  # fmt: skip

# Cue words before a number, nearest wins: what the number means.
TARGET_CUES = {
    "target", "ditargetkan", "menargetkan", "sasaran", "direncanakan", "rencana", "merencanakan",
    "diproyeksikan", "proyeksi", "rencananya", "hendak", "akan", "diusulkan", "usulan",
}  # fmt: skip
ACHIEVEMENT_CUES = {
    "terbentuk", "tercapai", "berhasil", "mencapai", "capaian", "realisasi", "terealisasi",
    "terlaksana", "tersalurkan", "disalurkan", "diterbitkan", "menerbitkan", "terbangun",
    "dibangun", "selesai", "diselesaikan", "terlayani", "dilayani", "baru", "sudah",
    "menjangkau", "terjangkau", "terverifikasi", "terealisasikan",
}  # fmt: skip
BUDGET_CUES = {"anggaran", "dana", "biaya", "alokasi", "pagu", "senilai", "sebesar rp", "apbd"}
# Words after a number that say it is not a count.
NOT_COUNT_BEFORE = {
    "nomor", "no", "nomer", "pasal", "ayat", "pukul", "jam", "tahun", "ke", "fase", "tahap",
    "angkatan", "periode", "jilid", "halaman", "hal", "rt", "rw", "km.", "lantai", "gelombang",
    "edisi", "tanggal", "tgl", "perda", "pergub", "perbup", "uu", "permendagri", "pp", "kode",
}  # fmt: skip

# Nominalisations that name work ("penanganan stunting", "pelatihan aparatur").
NOMINAL_RX = re.compile(
    r"\b(?:pe[nmr]?[a-z]{2,}an|ke[a-z]{3,}an|pelatihan|[a-z]{3,}isasi|intervensi|akses|"
    r"jemput bola|program|mitigasi|edukasi|fasilitasi|diseminasi|publikasi|advokasi|gerakan|"
    r"kelas|layanan|rembuk|bimtek)\b",
    re.IGNORECASE,
)
# Words that end a program phrase.
PHRASE_STOPS = {
    "yang", "di", "pada", "untuk", "dengan", "agar", "sehingga", "karena", "oleh", "ini", "itu",
    "tersebut", "bagi", "kepada", "dari", "saat", "ketika", "sebagai", "melalui",
    "adalah", "akan", "telah", "sudah", "juga", "harus", "dapat", "bisa", "secara", "mulai",
    "sampai", "hingga", "serta", "baik", "kami", "kita", "mereka", "ia", "dia", "tidak", "bukan",
    "lebih", "semakin", "terus", "tetap", "masih", "antar", "dalam", "sejak", "setiap", "sesuai",
    "sebanyak", "sejumlah", "sebesar", "sendiri", "kali", "nanti", "tahun", "paling", "minimal",
    "maksimal", "setidaknya", "sekurang-kurangnya", "perlu", "sedang", "yakni", "yaitu",
    "merupakan", "guna", "demi", "antara",
}  # fmt: skip
# Topics of the theme taxonomy and the wider work of PKK and regional government.
THEME_WORDS = {
    "stunting", "gizi", "bencana", "kebencanaan", "destana", "tangguh", "perkawinan",
    "pernikahan", "kemiskinan", "adminduk", "kependudukan", "sanitasi", "air bersih",
    "kesehatan", "imunisasi", "posyandu", "umkm", "ekonomi", "aparatur", "pelayanan publik",
    "literasi", "paud", "lingkungan", "sampah", "kb", "keluarga berencana", "ketahanan pangan",
    "pangan", "perlindungan anak", "kekerasan", "disabilitas", "lansia", "bumdes", "dana desa",
    "pendidikan", "inflasi", "pengangguran", "tenaga kerja", "perempuan", "keluarga",
    "kapasitas", "pemberdayaan", "pencegahan", "penanggulangan", "rawan", "mitigasi", "risiko",
    "asuh", "makanan tambahan", "ibu hamil", "balita", "korban", "banjir", "layak anak", "ktp",
    "akta", "kesiapsiagaan",
}  # fmt: skip
GENERIC_PROGRAMS = {
    "program", "program kerja", "program tersebut", "program ini", "pelaksanaan program",
    "kegiatan", "kesempatan", "pertemuan", "pelaksanaan", "penyampaian", "pembangunan",
    "keberlanjutan program", "pengetahuan", "perencanaan", "kerjasama", "kebersamaan",
    "kesejahteraan", "keinginan", "kehadiran", "keseriusan", "penanganannya",
}  # fmt: skip
LIST_CUES_RX = re.compile(
    r"\b(?:antara lain|yaitu|yakni|meliputi|mencakup|seperti|di antaranya|diantaranya|berupa)\b"
    r"\s*:?\s*",
    re.IGNORECASE,
)
AGREEMENT_CUES_RX = re.compile(
    r"\b(?:sepakat|menyepakati|disepakati|kesepakatan|diminta|meminta|minta|mengimbau|"
    r"menginstruksikan|instruksi|tindak lanjut|ditindaklanjuti|rencana|dirancang|rancang|"
    r"akan|harus|diharapkan|berharap|agar|wajib|segera|komitmen)\b",
    re.IGNORECASE,
)
PLACE_HEADS_RX = re.compile(
    r"\b(?:pendopo|aula|ruang|gedung|hotel|kantor|balai|graha|wisma|hall|lapangan|masjid|"
    r"rumah|sekretariat|auditorium|convention|pendapa|posko|lobi|taman|alun-alun|bale|"
    r"ballroom|rupatama|ruangan)\b",
    re.IGNORECASE,
)
EVENT_WORDS_RX = re.compile(
    r"\b(?:rapat(?: koordinasi| paparan| kerja| evaluasi)?|rakor|pertemuan|pelatihan|"
    r"sosialisasi|lokakarya|workshop|bimtek|bimbingan teknis|musyawarah|musrenbang|"
    r"konsultasi publik|dialog|silaturahmi|silaturrahim|audiensi|diskusi|seminar|"
    r"peluncuran|pembentukan|kunjungan|monitoring|evaluasi|rembuk)\b",
    re.IGNORECASE,
)
# Capitalised words that begin sentences or clauses and are never a person's name.
NOT_NAMES = {
    "bersama", "dalam", "didampingi", "beserta", "dan", "yang", "saat", "ketika", "dengan",
    "sementara", "menurut", "selain", "kemudian", "namun", "tetapi", "kegiatan", "acara",
    "hadir", "turut", "juga", "pada", "di", "ke", "dari", "untuk", "ini", "itu", "tersebut",
    "mengatakan", "menyampaikan", "mengungkapkan", "menjelaskan", "selaku", "sebagai",
    "provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan", "se", "tim", "dinas",
    "badan", "biro", "kantor", "kementerian", "pemerintah", "pemprov", "pemkab", "pemkot",
    "gubernur", "bupati", "walikota", "camat", "lurah", "ketua", "kepala", "sekretaris",
    "wakil", "rapat", "program", "bidang", "seksi", "sub", "bagian", "perwakilan", "insya",
    "allah", "terima", "kasih", "selamat", "bapak", "ibu", "para", "seluruh", "semua",
    "daerah", "dusun", "lingkungan", "wilayah", "pusat", "negara", "keluarga", "sekolah",
    "pimpinan", "peserta", "tempat", "hari", "tanggal", "perihal", "kepada", "yth", "pukul",
    "sekdes", "kadus", "kasun", "kaur", "kades",
}  # fmt: skip
