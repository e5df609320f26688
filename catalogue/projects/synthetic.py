"""Generated look-alike projects for benchmarks and the search evaluation.

Names and descriptions are put together from the same vocabulary as real calls for
investment (facilities, industrial parks and clusters, craft villages, the 2025 wards), so
that a search has to tell near-identical projects apart. Every generated project is marked
as demo data and carries a ``GEN-`` code; none is real.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

from catalogue.data import csv_rows
from catalogue.projects.model import COLUMN_NAMES

# (Vietnamese, English, category)
FACILITIES = (
    ("Nhà máy xử lý nước thải", "Wastewater treatment plant", "environmental_services"),
    ("Trạm xử lý nước thải", "Wastewater treatment station", "environmental_services"),
    ("Hệ thống thu gom nước thải", "Wastewater collection system", "environmental_services"),
    ("Nhà máy đốt rác phát điện", "Waste-to-energy plant", "renewables"),
    ("Trạm trung chuyển chất thải rắn", "Solid-waste transfer station", "waste_equipment"),
    ("Nhà máy sản xuất xe thu gom rác", "Waste-collection truck factory", "waste_equipment"),
    ("Xưởng chế tạo lò đốt chất thải", "Waste incinerator workshop", "waste_equipment"),
    ("Dây chuyền phân loại rác", "Waste sorting line", "waste_equipment"),
    ("Nhà máy thiết bị lọc bụi", "Dust filter equipment plant", "emission_treatment"),
    ("Nhà máy thiết bị xử lý khí thải", "Exhaust-gas treatment equipment plant", "emission_treatment"),
    ("Xưởng thiết bị xử lý nước cấp", "Water-supply treatment equipment workshop", "emission_treatment"),
    ("Nhà máy chế phẩm vi sinh", "Microbial products plant", "treatment_materials"),
    ("Nhà máy than hoạt tính", "Activated carbon plant", "treatment_materials"),
    ("Xưởng vật liệu lọc nước", "Water filter media workshop", "treatment_materials"),
    ("Điện mặt trời mái nhà", "Rooftop solar", "renewables"),
    ("Nhà máy khí sinh học", "Biogas plant", "renewables"),
    ("Trạm sạc xe điện", "Electric-vehicle charging station", "renewables"),
    ("Trung tâm quan trắc môi trường", "Environmental monitoring centre", "environmental_services"),
    ("Nhà máy tái chế nhựa", "Plastic recycling plant", "environmental_services"),
    ("Nhà máy phân vi sinh", "Compost plant", "waste_equipment"),
    ("Cải tạo bãi rác cũ", "Remediation of a former dump", "environmental_services"),
)
SETTINGS = (
    ("khu công nghiệp", "industrial park"),
    ("cụm công nghiệp", "industrial cluster"),
    ("làng nghề", "craft village"),
    ("khu đô thị", "urban area"),
    ("xã", "commune"),
)
CRAFT_VILLAGES = (
    "Bát Tràng",
    "Vạn Phúc",
    "Dương Liễu",
    "Tân Hòa",
    "Phùng Xá",
    "Chàng Sơn",
    "Phú Vinh",
    "Cự Đà",
    "Hữu Bằng",
    "Vạn Điểm",
    "Triều Khúc",
    "Phú Đô",
    "Liên Hà",
    "Vân Hà",
    "Sơn Đồng",
    "Canh Nậu",
    "Thụy Ứng",
    "Nhị Khê",
)
PARKS = (
    "Quang Minh",
    "Nội Bài",
    "Bắc Thăng Long",
    "Thạch Thất - Quốc Oai",
    "Phú Nghĩa",
    "Sài Đồng B",
    "Thăng Long",
    "Hà Bình Phương",
    "Ngọc Hồi",
    "Thanh Oai",
    "Phùng",
    "Kim Chung",
    "Phú Minh",
    "Lai Xá",
)
QUALIFIERS = (
    ("", ""),
    ("giai đoạn 2", "phase 2"),
    ("mở rộng", "expansion"),
    ("công suất lớn", "large capacity"),
    ("khép kín", "enclosed"),
    ("thông minh", "smart"),
)
PURPOSES = (
    ("giảm ô nhiễm sông Nhuệ, sông Đáy", "cutting pollution in the Nhue and Day rivers"),
    ("thay thế bãi chôn lấp", "replacing landfill"),
    ("đáp ứng nhu cầu thiết bị của Thành phố", "meeting the city's demand for equipment"),
    ("tái sử dụng nước sau xử lý", "reusing treated water"),
    ("thu hồi năng lượng", "recovering energy"),
    ("đạt quy chuẩn QCVN 40:2011/BTNMT", "meeting standard QCVN 40:2011/BTNMT"),
)
UNITS = ("m³/ngày đêm", "tấn/ngày", "MW", "bộ/năm", "xe/năm")
FORMS = ("ppp", "public", "private_domestic", "fdi", "joint_venture", "socialization")
STATUSES = ("calling", "calling", "calling", "negotiating", "awarded", "implementing", "completed", "draft")
AGENCIES = ("so_cong_thuong", "so_nn_mt", "so_xay_dung", "bql_kcn_cx", "so_khcn", "ubnd_phuong_xa")


def _ascii(text: str) -> str:
    from catalogue.search.normalize import search_fold

    return " ".join(word.capitalize() for word in search_fold(text).split())


def projects(count: int, seed: int = 275, prefix: str = "GEN") -> Iterator[dict[str, object]]:
    """``count`` generated projects in the import template's canonical columns."""
    rng = random.Random(seed)
    districts = [row["name_vi"] for row in csv_rows("districts.csv")]
    wards = [row["name_vi"] for row in csv_rows("wards.csv")]
    for number in range(count):
        facility_vi, facility_en, category = rng.choice(FACILITIES)
        setting_vi, setting_en = rng.choice(SETTINGS)
        place = rng.choice(
            CRAFT_VILLAGES if setting_vi == "làng nghề" else PARKS if "công nghiệp" in setting_vi else wards
        )
        qualifier_vi, qualifier_en = rng.choice(QUALIFIERS)
        purpose_vi, purpose_en = rng.choice(PURPOSES)
        district = rng.choice(districts)
        capacity = f"{rng.randint(1, 60) * 50:,}".replace(",", ".") + " " + rng.choice(UNITS)
        name_vi = " ".join(part for part in (facility_vi, setting_vi, place, qualifier_vi) if part)
        name_en = " ".join(part for part in (facility_en, "for", _ascii(place), setting_en, qualifier_en) if part)
        yield {
            "code": f"{prefix}-{number:06d}",
            "name_vi": name_vi,
            "name_en": name_en if rng.random() < 0.8 else "",
            "category": category,
            "description_vi": f"{facility_vi} phục vụ {setting_vi} {place}, huyện {district}; quy mô {capacity}, "
            f"nhằm {purpose_vi}. Dự án sinh tự động để thử nghiệm.",
            "description_en": f"{facility_en} serving the {setting_en} of {_ascii(place)}, {_ascii(district)}; "
            f"capacity {capacity}, {purpose_en}. Generated for testing.",
            "district": district,
            "ward": rng.choice(wards) if rng.random() < 0.5 else "",
            "address": f"{setting_vi.capitalize()} {place}, {district}",
            "area_ha": round(rng.uniform(0.2, 30), 1),
            "capacity": capacity,
            "investment_vnd_bn": rng.choice([rng.randint(10, 900), rng.randint(1000, 8000)]),
            "investment_usd_m": "",
            "investment_form": rng.choice(FORMS),
            "status": rng.choice(STATUSES),
            "lead_agency": rng.choice(AGENCIES),
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
            "incentives": "",
            "legal_basis": "",
            "latitude": "",
            "longitude": "",
            "start_year": rng.randint(2025, 2030),
            "demo": "true",
        }


def write_csv(path: str | Path, count: int, seed: int = 275, prefix: str = "GEN") -> Path:
    """Write ``count`` generated projects to a template CSV at ``path``."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMN_NAMES))
        writer.writeheader()
        writer.writerows(projects(count, seed, prefix))
    return path
