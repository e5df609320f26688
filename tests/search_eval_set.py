"""A labelled search evaluation set: (class, query, the project the searcher wants).

The targets are the illustrative projects of catalogue/data/demo_projects.csv; the test mixes them
with a few thousand generated look-alikes (catalogue/projects/synthetic.py). Each query names
what sets its project apart from the look-alikes (a generated "wastewater plant for the
Bát Tràng craft village" is as good an answer to "nước thải Bát Tràng" as the real one),
and is written as people type it: a distinguishing phrase, in Vietnamese with or without accents, with
typos, half-typed, in English, mixed, with the abbreviations of official documents, or in
decomposed and legacy Unicode.
"""

from __future__ import annotations

import unicodedata

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def windows1258(text: str) -> str:
    """Legacy Windows-1258 style: a precomposed base letter followed by a combining tone mark."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(p for p in parts if p in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out)


ACCENTED = [
    ("nhà máy lò đốt chất thải nguy hại", "DEMO-005"),
    ("lọc bụi tĩnh điện", "DEMO-013"),
    ("máy bơm đặc chủng", "DEMO-016"),
    ("màng lọc MBR", "DEMO-020"),
    ("bể tự hoại cải tiến", "DEMO-023"),
    ("than hoạt tính từ phụ phẩm nông nghiệp", "DEMO-029"),
    ("tro xỉ lò đốt rác", "DEMO-033"),
    ("đốt rác phát điện Xuân Sơn", "DEMO-036"),
    ("khí sinh học bò sữa", "DEMO-039"),
    ("nước thải làng nghề lụa Vạn Phúc", "DEMO-048"),
    ("quan trắc chất lượng nước sông Tô Lịch", "DEMO-060"),
    ("tái chế chất thải điện tử", "DEMO-063"),
]
ACCENT_FREE = [
    ("xe quet hut bui phun nuoc", "DEMO-002"),
    ("bang tai phan loai rac", "DEMO-003"),
    ("cam bien thung rac thong minh", "DEMO-010"),
    ("tram trung chuyen va phan loai rac son dong", "DEMO-011"),
    ("xu ly nuoc thai chan nuoi", "DEMO-022"),
    ("che pham vi sinh hoat tinh cao", "DEMO-026"),
    ("xu ly chat thai nhiet phan", "DEMO-028"),
    ("keo tu PAC polymer", "DEMO-031"),
    ("tam pin nang luong mat troi inverter", "DEMO-037"),
    ("den LED hieu suat cao", "DEMO-041"),
    ("nha may san xuat tram sac xe dien", "DEMO-042"),
    ("xe may dien pin luu tru", "DEMO-044"),
]
ONE_TYPO = [
    ("loc bui tui vaj", "DEMO-013"),
    ("may bom dac chunh", "DEMO-016"),
    ("mang loc MBR succ khi", "DEMO-020"),
    ("xuc tacc khi lo dot", "DEMO-025"),
    ("vat lieu hap phu kim loai nagn", "DEMO-030"),
    ("rom ra phu phamm", "DEMO-032"),
    ("vien nen nhien lieeu", "DEMO-007"),
    ("cai hoan xe thu gom rac chay dein", "DEMO-009"),
    ("tu van danh gia tac dong moi truogn", "DEMO-058"),
    ("phuc hoi moi truong bai rac ccu", "DEMO-059"),
    ("tiet kiem nang luongg toa nha cong so", "DEMO-040"),
    ("odor control wastewater", "DEMO-019"),
]
TWO_TYPOS = [
    ("lo dot chat thai ran thong thuongg cong suat nhor", "DEMO-004"),
    ("phan loaj rac tai ngon", "DEMO-003"),
    ("quan trak khi thai nuoc thai tu dongg", "DEMO-021"),
    ("be tu hoai cai tienn compossite", "DEMO-023"),
    ("che phamm vi sinh hoat tihn cao", "DEMO-026"),
    ("vat lieuu mang vi sihn", "DEMO-027"),
    ("vat lieu xay dungg tro xii", "DEMO-033"),
    ("dien mat troi cho dau moii logisitcs", "DEMO-038"),
    ("chieu sangg LED hieeu suat cao", "DEMO-041"),
    ("thu gom nuoc thai sinh hoatt dan phuongg", "DEMO-065"),
    ("electrostatik precipitatr", "DEMO-013"),
    ("pyrolisys waste", "DEMO-028"),
]
HALF_TYPED = [
    ("lò đốt chất thải ngu", "DEMO-005"),
    ("xe quét hút bụ", "DEMO-002"),
    ("nhà máy màng lọc mb", "DEMO-020"),
    ("nước thải làng nghề lụa vạn ph", "DEMO-048"),
    ("khi sinh hoc bo su", "DEMO-039"),
    ("san xuat tram sac xe di", "DEMO-042"),
    ("tái chế chất thải đi", "DEMO-063"),
    ("dịch vụ tư vấn đánh giá tác độ", "DEMO-058"),
    ("cải tạo phục hồi môi trường bãi r", "DEMO-059"),
    ("trạm tái chế chất thải rắn xâ", "DEMO-064"),
    ("solar panel and inv", "DEMO-037"),
    ("electronic waste recyc", "DEMO-063"),
]
ENGLISH = [
    ("street sweeper truck assembly", "DEMO-002"),
    ("hazardous waste incinerator", "DEMO-005"),
    ("biomass pellet equipment", "DEMO-007"),
    ("bag filter electrostatic precipitator", "DEMO-013"),
    ("drainage pump", "DEMO-016"),
    ("household drinking water treatment", "DEMO-017"),
    ("septic tank composite", "DEMO-023"),
    ("activated carbon agricultural residues", "DEMO-029"),
    ("waste-to-energy Xuan Son", "DEMO-036"),
    ("rooftop solar wholesale markets", "DEMO-038"),
    ("dairy manure biogas", "DEMO-039"),
    ("construction and demolition waste recycling", "DEMO-064"),
]
MIXED = [
    ("wastewater gốm sứ Bát Tràng", "DEMO-047"),
    ("incinerator chất thải nguy hại", "DEMO-005"),
    ("nhà máy solar panel", "DEMO-037"),
    ("dairy biogas Ba Vì", "DEMO-039"),
    ("MBR membrane Thanh Trì", "DEMO-020"),
    ("odour control trạm xử lý nước thải", "DEMO-019"),
    ("LED lighting hiệu suất cao", "DEMO-041"),
    ("EV charger nhà máy", "DEMO-042"),
    ("upgrade nhà máy xử lý nước thải Quang Minh", "DEMO-054"),
    ("monitoring sông Tô Lịch", "DEMO-060"),
    ("phase 2 nước thải Phú Nghĩa", "DEMO-055"),
    ("pyrolysis xử lý chất thải", "DEMO-028"),
]
ABBREVIATION = [
    ("XLNT làng nghề cơ kim khí Phùng Xá", "DEMO-051"),
    ("trạm XLNT tập trung CCN Thanh Oai", "DEMO-052"),
    ("XLNT CCN Hà Bình Phương", "DEMO-053"),
    ("nâng cấp XLNT KCN Quang Minh", "DEMO-054"),
    ("nhà máy XLNT KCN Phú Nghĩa giai đoạn 2", "DEMO-055"),
    ("khu xử lý CTR công nghiệp và CTNH tập trung", "DEMO-056"),
    ("lò đốt CTNH", "DEMO-005"),
    ("ĐMT mái nhà CCN Hoài Đức", "DEMO-046"),
    ("NLTT điện mặt trời khu di tích Hương Sơn", "DEMO-045"),
    ("QTMT trung tâm phân tích", "DEMO-057"),
    ("tư vấn ĐTM", "DEMO-058"),
    ("WtE Nam Sơn", "DEMO-035"),
]
DECOMPOSED = [
    (nfd("nước thải làng nghề chế biến nông sản Dương Liễu"), "DEMO-049"),
    (nfd("chế phẩm sinh học xử lý rơm rạ"), "DEMO-032"),
    (nfd("thiết bị xử lý khí thải lò hơi công nghiệp"), "DEMO-018"),
    (nfd("KHU XỬ LÝ CHẤT THẢI RẮN CÔNG NGHIỆP"), "DEMO-056"),
    (nfd("HỆ THỐNG THU GOM NƯỚC THẢI SINH HOẠT"), "DEMO-065"),
    (windows1258("nhà máy sản xuất thiết bị xử lý nước cấp"), "DEMO-043"),
    (windows1258("trạm xử lý nước hồ Tây"), "DEMO-066"),
    (windows1258("trung tâm chuyển giao công nghệ vật liệu"), "DEMO-067"),
    ("nhà máy hoá chất keo tụ", "DEMO-031"),  # old tone placement: hoá for hóa
    ("rác sinh hoạt liên xã Ứng Hoà", "DEMO-062"),
    ("xử lí nước thải tập trung làng nghề gốm sứ", "DEMO-047"),  # lí for lý
    ("làng nghề miến dong Tân Hoà", "DEMO-050"),
]

CLASSES: dict[str, list[tuple[str, str]]] = {
    "accented": ACCENTED,
    "accent-free": ACCENT_FREE,
    "one typo": ONE_TYPO,
    "two typos": TWO_TYPOS,
    "half-typed": HALF_TYPED,
    "english": ENGLISH,
    "mixed": MIXED,
    "abbreviation": ABBREVIATION,
    "nfd/legacy": DECOMPOSED,
}
