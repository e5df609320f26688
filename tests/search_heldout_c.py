"""Held-out search evaluation set C: queries with complete relevance judgements.

Who and when
    Written on 2026-11-30 by an independent relevance judge (a helper session started for this job),
    TREC style. The judge did not read, import or run any search code (catalogue/search/), any test
    file, any benchmark, or any earlier evaluation set, and did not run the search or the app.

What was read
    catalogue/data/demo_projects.csv (the corpus: 68 projects, DEMO-001 .. DEMO-068; every project's
    name_vi, name_en, description_vi, description_en, address, capacity, district, ward, category,
    project_type, investment_form, ppp_structure, status and lead_agency was read for every query);
    districts.csv, wards.csv, categories.csv, project_types.csv, investment_forms.csv, agencies.csv,
    statuses.csv, synonyms.csv, glossary.csv, technical_terms.csv, spelling_variants.csv; and
    /work/shared/reference/domain-facts.md.

Vietnamese-only projects (name_en and description_en empty)
    DEMO-061 (craft-village wastewater plant, Phú Xuyên: rattan/bamboo weaving and lacquer villages),
    DEMO-062 (inter-commune household-waste collection, sorting and composting point, Ứng Hòa),
    DEMO-065 (domestic-wastewater collection network and decentralised treatment, Đan Phượng),
    DEMO-066 (West Lake water recirculation and treatment station, Tây Hồ),
    DEMO-067 (technology-transfer centre for environmental treatment materials, Hoàn Kiếm),
    DEMO-068 (capital-city environmental monitoring information system, Ba Đình).
    Every ``cross_language_en`` query has at least one of them in its relevant set.

Judging conventions (so that another person can check every judgement)
    1. Fields that count. A project is relevant when what the query asks for is a stated subject of
       the project in its name, description, capacity or place fields (Vietnamese and English count
       equally), or in its coded fields (district, ward, investment_form, ppp_structure, status,
       lead_agency). The boilerplate fields (incentives, legal_basis, source, contact, land_status,
       preparation_stage, revenue_basis, sdg_tags) and the "(Dữ liệu minh họa ...)" note never make a
       project relevant; e.g. the stock incentive sentence about "technology transfer" or "private
       capital for environmental infrastructure" is ignored, and the land_status text "Trong khu/cụm
       công nghiệp" does not put a project in any named industrial park.
    2. Problem / pollutant topics (wastewater, craft-village wastewater, exhaust gas, odour, air
       pollution, heavy metals, lake pollution, solid waste ...): relevant = every project whose
       stated purpose is to collect, treat, prevent or (where the query is about monitoring or
       pollution in general) monitor that problem, whether it is a plant, a service, equipment or a
       material explicitly made for it. So DEMO-026 (microbial products for craft-village wastewater)
       and DEMO-030 (adsorbents for metalworking craft-village effluent) are relevant to
       craft-village wastewater; DEMO-027 (MBBR carriers, a wastewater technique per
       technical_terms.csv) is relevant to wastewater treatment. Monitoring projects (DEMO-021,
       DEMO-057, DEMO-060, DEMO-068) are not "treatment".
    3. Facility / equipment topics (incinerator, waste-to-energy plant, transfer station, wastewater
       treatment plant, pumping station, compactor truck ...): relevant = projects that build, operate,
       service or manufacture that facility or equipment. Suppliers of accessories or consumables for
       it and users of its by-products are not relevant: DEMO-025 (catalysts for incinerator flue gas)
       and DEMO-033 (bricks from incinerator ash) are not "incinerator" projects; DEMO-003 and DEMO-019
       (equipment for transfer stations) are not "transfer station" projects; DEMO-020 and DEMO-031
       (membranes, coagulant for wastewater plants) are not "wastewater plants". DEMO-015 (makes
       packaged wastewater plants) is a wastewater-plant project. "Waste-to-energy" means burning
       waste for power (đốt rác phát điện, DEMO-035, DEMO-036); manure biogas (DEMO-039) is judged
       under biogas and renewable energy instead. A query naming a pollution source rather than a
       product of this catalogue (industrial boilers, livestock farms, hospitals) is read as "pollution
       control for that source": "lò hơi công nghiệp" = DEMO-013, 018, 025.
    4. Specific techniques versus broad sectors. A query naming a specific technique (biogas, solar,
       composting, odour removal, technology transfer, desulphurisation ...) counts every project that
       states it uses or delivers that technique, even as a second feature (DEMO-042's chargers
       "integrated with solar" for solar; DEMO-049's biogas recovery for biogas; DEMO-028's "transfer of
       process and equipment" for technology transfer; DEMO-066's odour reduction for odour). A broad
       sector query (renewable energy, NLTT, energy saving) counts only projects whose main purpose is
       in that sector: renewable energy = DEMO-007, 035, 036, 037, 038, 039, 045, 046 (not 022, 042,
       048, 049), energy efficiency = DEMO-040, 041.
    5. Domain knowledge is used where a term has one technical meaning: SCR catalysts (DEMO-025) treat
       NOx; SOx treatment (DEMO-014) is flue-gas desulphurisation; rubber waste pyrolysis (DEMO-028)
       is relevant to tyres; "bể phốt" is the everyday word for "bể tự hoại" (septic tank).
    6. Places. A bare place name matches projects whose district or ward field is that place, or
       whose text puts the project there (villages such as Bát Tràng, Vạn Phúc, Dương Liễu, Tân Hòa,
       Phùng Xá; sites such as Nam Sơn, Xuân Sơn, Yên Sở, Hương Sơn, West Lake, To Lich, Tich and Red
       rivers). "huyện/quận/thị xã X" means the pre-July-2025 district field; "xã/phường X" means the
       2025 ward/commune field (wards.csv), so "xã Gia Lâm" is not "huyện Gia Lâm". "KCN X" / "X
       industrial park" and "CCN X" / "X industrial cluster" match only projects whose text names that
       park or cluster; a KCN is not a CCN. DEMO-018 (in KCN Thạch Thất - Quốc Oai) is recorded in
       Quốc Oai district and ward, so it is not judged to be in "huyện Thạch Thất". A place + topic
       query needs both the place and the topic. Tone placement and diacritics do not change a place
       (Ứng Hòa = Ứng Hoà = Ung Hoa).
    7. Agencies. A query naming an agency (full name, English name or abbreviation) matches projects
       whose lead_agency is that agency. A former agency name matches projects led by its successor
       per agencies.csv (Sở TN&MT and Sở NN&PTNT -> Sở Nông nghiệp và Môi trường, so_nn_mt).
       "Commune/ward People's Committee" and "UBND xã" = lead_agency ubnd_phuong_xa.
    8. Investment forms and status. PPP = investment_form ppp; BOT / BOO = ppp_structure; FDI /
       "vốn nước ngoài" = investment_form fdi (joint ventures are not counted); XHH / socialisation =
       investment_form socialization; "state-funded" = investment_form public; "đang kêu gọi đầu tư"
       = status calling.
    9. Units and tokens. "m³/ngày đêm" (per-day volume) matches projects that state a capacity in
       m³ per day (capacity field or description); MWp / kWp match those capacities. Tokens are used
       only where the corpus has them.
    10. Half-typed queries. The last word is a prefix; the relevant set is the union over the
        completions that make sense for the earlier words and exist in the catalogue's vocabulary
        (e.g. "medical was" = medical waste or medical wastewater).
    11. Draft (DEMO-012, DEMO-034) and withdrawn (DEMO-024) projects are judged like the others; the
        scorer drops non-public ones.

Classes: cross_language_en, cross_language_vi, english_morphology, us_uk, half_typed, short_tokens,
place_topic, ward_park_both_eras, abbreviations, broad_topic (each broad query has at least 10 relevant
projects). NO_ANSWER_C lists plausible queries with nothing relevant in the catalogue.
"""

from __future__ import annotations


def _p(*numbers: int) -> frozenset[str]:
    """Project codes from their numbers: _p(7, 61) -> {"DEMO-007", "DEMO-061"}."""
    return frozenset(f"DEMO-{n:03d}" for n in numbers)


# --- Topic sets used by several queries (see the conventions in the module docstring) ---

# Craft-village wastewater: plants (047-051, 061) plus products made for it (026, 030).
CRAFT_VILLAGE_WASTEWATER = _p(26, 30, 47, 48, 49, 50, 51, 61)
CRAFT_VILLAGE_WASTEWATER_PLANTS = _p(47, 48, 49, 50, 51, 61)
# Centralised wastewater plants: craft villages, industrial clusters (052, 053) and parks (054, 055).
CENTRALISED_WASTEWATER_PLANTS = _p(47, 48, 49, 50, 51, 52, 53, 54, 55, 61)
# Wastewater plants as facilities: centralised plants, packaged plants (015), decentralised stations (065).
WASTEWATER_PLANTS = CENTRALISED_WASTEWATER_PLANTS | _p(15, 65)
# Wastewater treatment as a problem: plants, treatment equipment and treatment materials.
WASTEWATER_TREATMENT = WASTEWATER_PLANTS | _p(8, 20, 22, 23, 24, 26, 27, 30, 31)
# Solid waste: collection, sorting, treatment, recycling and remediation of solid waste.
SOLID_WASTE = _p(1, 3, 4, 5, 6, 9, 10, 11, 12, 28, 33, 35, 36, 56, 59, 62, 63, 64)
# Municipal / household solid waste (rác sinh hoạt, CTRSH, MSW).
MUNICIPAL_SOLID_WASTE = _p(1, 3, 4, 6, 9, 10, 11, 12, 35, 36, 62)
INCINERATION = _p(4, 5, 35, 36)
WASTE_TO_ENERGY = _p(35, 36)
HAZARDOUS_WASTE = _p(5, 56)
COMPOSTING = _p(6, 12, 32, 62)
BIOGAS = _p(22, 39, 49)
RENEWABLE_ENERGY = _p(7, 35, 36, 37, 38, 39, 45, 46)
ENERGY_AND_EFFICIENCY = RENEWABLE_ENERGY | _p(40, 41)
ROOFTOP_SOLAR = _p(37, 38, 45, 46)
# Exhaust-gas treatment: flue gas, dust, NOx/SOx/VOC, odour, catalysts and sorbents for gas.
GAS_TREATMENT = _p(5, 13, 14, 18, 19, 25, 29)
AIR_POLLUTION = GAS_TREATMENT | _p(21, 32, 68)
DESULPHURISATION = _p(14, 18)
ODOUR = _p(14, 19, 66)
# Makers of wastewater and exhaust-gas treatment equipment (not materials, not monitoring).
WASTEWATER_AND_GAS_EQUIPMENT = _p(5, 8, 13, 14, 15, 18, 19, 20, 22, 23, 24)
MONITORING = _p(21, 57, 60, 68)
RECYCLING = _p(28, 33, 63, 64)
TREATMENT_MATERIALS = _p(25, 26, 27, 29, 30, 31, 32, 34, 67)

# --- Field-based sets (demo_projects.csv coded fields) ---
FORM_PPP = _p(1, 9, 16, 35, 36, 49, 52, 53, 55, 56, 59)
STRUCTURE_BOT = _p(1, 9, 35, 49, 53, 55, 59)
STRUCTURE_BOO = _p(16, 36, 52, 56)
FORM_FDI = _p(2, 5, 10, 13, 15, 18, 21, 25, 28, 31, 37, 41, 42, 54, 63)
FORM_SOCIALISATION = _p(12, 24, 45, 47, 48, 50, 51, 61, 62, 65)
FORM_PUBLIC = _p(60, 66, 68)
AGENCY_INDUSTRY_TRADE = _p(
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    10,
    14,
    15,
    17,
    20,
    22,
    23,
    28,
    33,
    35,
    36,
    37,
    38,
    39,
    40,
    41,
    42,
    43,
    44,
    46,
    47,
    48,
    49,
    50,
    51,
    52,
    53,
)
AGENCY_SCIENCE_TECH = _p(19, 25, 26, 27, 29, 30, 32, 34, 67)
AGENCY_AGRI_ENV = _p(9, 56, 57, 58, 59, 63, 68)
AGENCY_CONSTRUCTION = _p(16, 60, 64, 66)
AGENCY_COMMUNE = _p(11, 12, 24, 45, 61, 62, 65)
AGENCY_PARKS_AUTHORITY = _p(13, 18, 21, 31, 54, 55)
STATUS_CALLING = _p(
    1,
    2,
    4,
    5,
    7,
    8,
    10,
    11,
    13,
    15,
    16,
    18,
    19,
    21,
    22,
    25,
    26,
    28,
    29,
    31,
    32,
    33,
    35,
    36,
    37,
    38,
    39,
    40,
    42,
    43,
    44,
    45,
    47,
    48,
    50,
    51,
    52,
    53,
    55,
    56,
    57,
    59,
    60,
    61,
    62,
    63,
    64,
    65,
    66,
    67,
    68,
)
# m³ per day stated in capacity (047-055, 061, 066) or description (015).
CAPACITY_M3_PER_DAY = _p(15, 47, 48, 49, 50, 51, 52, 53, 54, 55, 61, 66)


HELDOUT_C: list[tuple[str, str, frozenset[str]]] = [
    # ------------------------------------------------------------------ cross_language_en
    # English queries; each relevant set holds at least one Vietnamese-only project (061, 062, 065-068).
    ("cross_language_en", "craft village wastewater", CRAFT_VILLAGE_WASTEWATER),
    ("cross_language_en", "wastewater plants for handicraft villages", CRAFT_VILLAGE_WASTEWATER_PLANTS),
    ("cross_language_en", "lacquerware and rattan village effluent", _p(61)),
    ("cross_language_en", "Phu Xuyen craft village", _p(61)),
    # 003 source-separation bins and sorting lines, 011 sorting station, 062 sorting point.
    ("cross_language_en", "household waste sorting", _p(3, 11, 62)),
    ("cross_language_en", "waste sorting station", _p(11, 62)),
    # 011 is a transfer station in Sơn Đồng commune replacing open collection points.
    ("cross_language_en", "rural waste collection point", _p(11, 12, 62)),
    ("cross_language_en", "kitchen waste composting", _p(6, 12, 62)),
    ("cross_language_en", "composting", COMPOSTING),
    ("cross_language_en", "Ung Hoa composting", _p(32, 62)),
    ("cross_language_en", "Ung Hoa garbage", _p(62)),
    # 004 incinerators for communes, 006 lines for suburban communes, 036 takes western communes' waste.
    ("cross_language_en", "solid waste solutions for rural communes", _p(4, 6, 11, 12, 36, 62)),
    ("cross_language_en", "sewage network for rural communes", _p(65)),
    # 015 packaged plants for housing/schools, 023 household septic and composite tanks, 065 decentralised.
    ("cross_language_en", "decentralised wastewater treatment", _p(15, 23, 65)),
    ("cross_language_en", "Dan Phuong sewerage", _p(65)),
    ("cross_language_en", "Dan Phuong wastewater", _p(23, 65)),
    ("cross_language_en", "West Lake water quality", _p(66)),
    ("cross_language_en", "urban lake cleanup", _p(26, 66)),
    ("cross_language_en", "lake water recirculation", _p(66)),
    ("cross_language_en", "algae control", _p(66)),
    ("cross_language_en", "foul smell removal", ODOUR),
    ("cross_language_en", "pumps and pumping stations", _p(16, 66)),
    ("cross_language_en", "surface water quality", _p(60, 66, 68)),
    ("cross_language_en", "technology transfer", _p(28, 67)),
    ("cross_language_en", "commercialising research on treatment materials", _p(67)),
    ("cross_language_en", "matching research institutes with companies", _p(67)),
    ("cross_language_en", "environmental bio-products", _p(26, 32, 67)),
    ("cross_language_en", "pollution treatment materials", TREATMENT_MATERIALS),
    ("cross_language_en", "environmental data platform", _p(68)),
    ("cross_language_en", "open environmental data for citizens", _p(68)),
    ("cross_language_en", "air quality data", _p(68)),
    ("cross_language_en", "environmental monitoring", MONITORING),
    ("cross_language_en", "real-time air and water monitoring", _p(21, 60, 68)),
    ("cross_language_en", "Hoan Kiem district projects", _p(67)),
    ("cross_language_en", "Ba Dinh district", _p(68)),
    ("cross_language_en", "Tay Ho district", _p(66)),
    ("cross_language_en", "state-funded projects", FORM_PUBLIC),
    ("cross_language_en", "commune people's committee", AGENCY_COMMUNE),
    ("cross_language_en", "Department of Science and Technology", AGENCY_SCIENCE_TECH),
    ("cross_language_en", "Department of Agriculture and Environment", AGENCY_AGRI_ENV),
    ("cross_language_en", "Department of Natural Resources and Environment", AGENCY_AGRI_ENV),
    ("cross_language_en", "Department of Construction", AGENCY_CONSTRUCTION),
    # ------------------------------------------------------------------ cross_language_vi
    # Vietnamese field terms, or topics that the projects state mainly in their English text.
    # 009 services and converts garbage trucks (compactors are the usual collection truck).
    ("cross_language_vi", "xe ép rác", _p(1, 9)),
    ("cross_language_vi", "xe cho rac chay dien", _p(9)),
    ("cross_language_vi", "sàng lồng phân loại rác", _p(3)),
    ("cross_language_vi", "phế thải xây dựng", _p(64)),
    ("cross_language_vi", "tro day lo dot rac", _p(33)),
    ("cross_language_vi", "nước thải dệt nhuộm", _p(48)),
    # 049 food-processing (starch) village, 050 glass-noodle village.
    ("cross_language_vi", "nuoc thai che bien thuc pham", _p(49, 50)),
    ("cross_language_vi", "phong thi nghiem phan tich moi truong", _p(57)),
    ("cross_language_vi", "cải tạo điều hoà, chiếu sáng toà nhà công sở", _p(40)),
    ("cross_language_vi", "pin đổi nhanh", _p(44)),
    ("cross_language_vi", "cảm biến mức đầy thùng rác", _p(10)),
    ("cross_language_vi", "đĩa sục khí tinh", _p(20)),
    ("cross_language_vi", "thap hap thu khi thai", _p(14)),
    ("cross_language_vi", "lò hơi công nghiệp", _p(13, 18, 25)),
    ("cross_language_vi", "khử lưu huỳnh", DESULPHURISATION),
    ("cross_language_vi", "chất keo tụ", _p(31)),
    ("cross_language_vi", "gia the vi sinh di dong", _p(27)),
    ("cross_language_vi", "nước rỉ rác", _p(59)),
    ("cross_language_vi", "bùn men gốm sứ", _p(47)),
    ("cross_language_vi", "bã thải biogas làm phân bón", _p(39)),
    ("cross_language_vi", "xe may dien", _p(42, 44)),
    ("cross_language_vi", "đèn đường", _p(41, 45)),
    ("cross_language_vi", "nạo vét sông", _p(60)),
    ("cross_language_vi", "kiem ke khi nha kinh", _p(58)),
    ("cross_language_vi", "máy ép viên nén mùn cưa", _p(7)),
    ("cross_language_vi", "tách phân chăn nuôi", _p(22)),
    ("cross_language_vi", "tái sử dụng nước sau xử lý", _p(55)),
    ("cross_language_vi", "thu hoi kim loai quy", _p(63)),
    ("cross_language_vi", "xử lý nước thải trên tàu thuyền", _p(8)),
    ("cross_language_vi", "bể lọc áp lực", _p(43)),
    # Water works: 017 small water-supply stations, 031 coagulant for water works, 043 water-works equipment.
    ("cross_language_vi", "nhà máy nước", _p(17, 31, 43)),
    ("cross_language_vi", "xe hút bùn bể phốt", _p(1)),
    ("cross_language_vi", "be phot composite", _p(23)),
    ("cross_language_vi", "lốp xe cao su phế thải", _p(28)),
    # 037 makes panels "for rooftop solar"; 038, 045, 046 are rooftop installations.
    ("cross_language_vi", "điện mặt trời áp mái", ROOFTOP_SOLAR),
    # ------------------------------------------------------------------ english_morphology
    ("english_morphology", "waste incineration", INCINERATION),
    ("english_morphology", "incinerator manufacturing", _p(4, 5)),
    ("english_morphology", "recycled building materials", _p(33, 64)),
    ("english_morphology", "recycling plants", RECYCLING),
    ("english_morphology", "dismantling electronics", _p(63)),
    ("english_morphology", "treated water reuse", _p(55)),
    ("english_morphology", "treating dyeing effluent", _p(48)),
    ("english_morphology", "compost production", COMPOSTING),
    ("english_morphology", "sorted organic waste", _p(6, 62)),
    ("english_morphology", "pelletised biomass fuel", _p(7)),
    ("english_morphology", "emission monitors", _p(21)),
    ("english_morphology", "electrified garbage trucks", _p(9)),
    ("english_morphology", "assembling street sweepers", _p(2)),
    ("english_morphology", "manufactured septic tanks", _p(23)),
    ("english_morphology", "remediating polluted land", _p(59)),
    ("english_morphology", "dredged river", _p(60)),
    ("english_morphology", "catalytic treatment of flue gas", _p(14, 25)),
    ("english_morphology", "adsorbent materials", _p(29, 30)),
    ("english_morphology", "biogas digesters", BIOGAS),
    ("english_morphology", "aerators", _p(20)),
    ("english_morphology", "filters for drinking water", _p(17, 34, 43)),
    ("english_morphology", "street lighting", _p(41, 45)),
    ("english_morphology", "drainage pumping", _p(16)),
    ("english_morphology", "chargers for electric scooters", _p(42)),
    # 051 plating effluent; 030 adsorbents for metalworking craft-village effluent.
    ("english_morphology", "electroplating wastewater treated", _p(30, 51)),
    ("english_morphology", "manure separation", _p(22)),
    # ------------------------------------------------------------------ us_uk
    ("us_uk", "odor control", ODOUR),
    ("us_uk", "odour treatment at transfer stations", _p(19)),
    ("us_uk", "desulfurization", DESULPHURISATION),
    ("us_uk", "flue gas desulphurisation", DESULPHURISATION),
    ("us_uk", "sulphur removal from biomass boilers", _p(18)),
    ("us_uk", "service center for electric waste trucks", _p(9)),
    ("us_uk", "rooftop solar on logistics centers", _p(38)),
    ("us_uk", "technology transfer center", _p(67)),
    ("us_uk", "analyzing environmental samples", _p(57)),
    ("us_uk", "fibre bag filters", _p(13)),
    ("us_uk", "fertilizer from dairy manure", _p(39)),
    ("us_uk", "optimize collection routes", _p(10)),
    ("us_uk", "centralized wastewater plants", CENTRALISED_WASTEWATER_PLANTS),
    ("us_uk", "centralised hazardous waste facility", _p(56)),
    ("us_uk", "socialisation", FORM_SOCIALISATION),
    ("us_uk", "poly aluminum chloride", _p(31)),
    ("us_uk", "tire pyrolysis", _p(28)),
    ("us_uk", "environmental licence consulting", _p(58)),
    ("us_uk", "dust removal for coal-fuelled boilers", _p(13, 18)),
    # ------------------------------------------------------------------ half_typed
    ("half_typed", "Bat Tr", _p(26, 47)),
    ("half_typed", "nuoc thai lang ng", CRAFT_VILLAGE_WASTEWATER),
    # medical waste (005 incinerators for hospitals) or medical wastewater (024; 015 serves hospitals).
    ("half_typed", "medical was", _p(5, 15, 24)),
    ("half_typed", "xu ly khi th", GAS_TREATMENT),
    ("half_typed", "điện mặt tr", _p(37, 38, 42, 45, 46)),
    ("half_typed", "solar street li", _p(45)),
    ("half_typed", "Soc S", _p(1, 9, 31, 35, 56)),
    ("half_typed", "tai che chat thai dien t", _p(63)),
    ("half_typed", "landfill lea", _p(59)),
    ("half_typed", "xe quét đư", _p(2)),
    ("half_typed", "KCN Quang M", _p(54)),
    ("half_typed", "waste-to-ene", WASTE_TO_ENERGY),
    ("half_typed", "biog", BIOGAS),
    ("half_typed", "hazardous wa", HAZARDOUS_WASTE),
    ("half_typed", "che pham vi sinh xu ly nuoc th", _p(26)),
    ("half_typed", "trạm trung chuy", _p(11)),
    ("half_typed", "electrostatic prec", _p(13)),
    ("half_typed", "Van Ph", _p(48)),
    ("half_typed", "Xuan S", _p(36)),
    ("half_typed", "e-was", _p(63)),
    ("half_typed", "construction was", _p(64)),
    ("half_typed", "nước thải chăn n", _p(22)),
    ("half_typed", "Phu Ng", _p(6, 55)),
    ("half_typed", "quan trắc tự đ", _p(21, 68)),
    ("half_typed", "activated carb", _p(14, 19, 29)),
    ("half_typed", "Duong Li", _p(49)),
    # ------------------------------------------------------------------ short_tokens
    # NOx: 014 treats NOx; 025 makes SCR catalysts (selective catalytic reduction of NOx).
    ("short_tokens", "NOx", _p(14, 25)),
    ("short_tokens", "SOx", DESULPHURISATION),
    ("short_tokens", "VOCs", _p(14)),
    ("short_tokens", "H2S", _p(14)),
    ("short_tokens", "COx", _p(14)),
    ("short_tokens", "MBR membrane", _p(20)),
    ("short_tokens", "MBBR", _p(27)),
    ("short_tokens", "SCR", _p(25)),
    ("short_tokens", "PAC", _p(31)),
    ("short_tokens", "QCVN lò đốt", _p(4)),
    ("short_tokens", "m³/ngày đêm", CAPACITY_M3_PER_DAY),
    ("short_tokens", "XLNT 3000 m3/ngay", _p(47, 53)),
    ("short_tokens", "MWp", _p(38, 46)),
    ("short_tokens", "kWp", _p(45)),
    ("short_tokens", "MW điện rác", WASTE_TO_ENERGY),
    ("short_tokens", "LED", _p(41)),
    ("short_tokens", "HVAC", _p(40)),
    ("short_tokens", "ESCO", _p(40)),
    ("short_tokens", "EV charger", _p(42)),
    ("short_tokens", "C&D waste", _p(64)),
    ("short_tokens", "dầu FO", _p(28)),
    ("short_tokens", "VILAS", _p(57)),
    # ------------------------------------------------------------------ place_topic
    ("place_topic", "xử lý nước thải Thạch Thất", _p(51)),
    ("place_topic", "lo dot Thach That", _p(5)),
    ("place_topic", "Sóc Sơn chất thải nguy hại", _p(56)),
    ("place_topic", "Soc Son waste-to-energy", _p(35)),
    ("place_topic", "Sơn Tây đốt rác", _p(36)),
    ("place_topic", "Gia Lâm làng nghề", _p(26, 47)),
    ("place_topic", "Hoài Đức nước thải", _p(49)),
    ("place_topic", "Hoai Duc rooftop solar", _p(46)),
    ("place_topic", "Mê Linh khí thải", _p(14)),
    ("place_topic", "Chương Mỹ chăn nuôi", _p(22)),
    ("place_topic", "Chuong My industrial park wastewater", _p(55)),
    ("place_topic", "Đông Anh tấm pin mặt trời", _p(37)),
    ("place_topic", "Dong Anh incinerator ash", _p(33)),
    ("place_topic", "Long Biên tái chế", _p(63)),
    ("place_topic", "Ba Vì khí sinh học", _p(39)),
    ("place_topic", "Thanh Trì bãi rác cũ", _p(59)),
    ("place_topic", "Ứng Hoà rơm rạ", _p(32)),
    ("place_topic", "Ung Hoa rac sinh hoat", _p(62)),
    ("place_topic", "Quốc Oai làng miến", _p(50)),
    ("place_topic", "Ha Dong silk village", _p(48)),
    ("place_topic", "Thường Tín cụm công nghiệp nước thải", _p(53)),
    ("place_topic", "Thanh Oai kim loại nặng", _p(30)),
    ("place_topic", "Phú Xuyên mây tre đan", _p(61)),
    ("place_topic", "Tây Hồ xử lý nước hồ", _p(66)),
    ("place_topic", "Đan Phượng nước thải sinh hoạt", _p(23, 65)),
    ("place_topic", "Hoàng Mai quan trắc", _p(57)),
    ("place_topic", "To Lich river Dong Da", _p(60)),
    ("place_topic", "Nam Tu Liem construction waste", _p(64)),
    ("place_topic", "Yên Sở máy bơm", _p(16)),
    ("place_topic", "Tiến Thắng khí thải", _p(14)),
    ("place_topic", "Trung Giã xe điện", _p(9)),
    ("place_topic", "Dương Hoà khí sinh học", _p(49)),
    ("place_topic", "Dân Hòa vật liệu hấp phụ", _p(30)),
    ("place_topic", "Tây Phương lọc bụi", _p(13)),
    ("place_topic", "Nam Sơn xe chở rác", _p(1)),
    ("place_topic", "Kiến Hưng nước sạch", _p(17)),
    ("place_topic", "Red River tour boats wastewater", _p(8)),
    ("place_topic", "sông Tích nước thải", _p(50)),
    # ------------------------------------------------------------------ ward_park_both_eras
    ("ward_park_both_eras", "huyện Sóc Sơn", _p(1, 9, 31, 35, 56)),
    ("ward_park_both_eras", "xã Trung Giã", _p(9, 35)),
    ("ward_park_both_eras", "Quang Minh", _p(4, 54)),
    ("ward_park_both_eras", "KCN Quang Minh", _p(54)),
    ("ward_park_both_eras", "KCN Phú Nghĩa", _p(55)),
    ("ward_park_both_eras", "xã Phú Nghĩa", _p(6, 55)),
    ("ward_park_both_eras", "Noi Bai industrial park", _p(31)),
    ("ward_park_both_eras", "KCN Thạch Thất - Quốc Oai", _p(18)),
    ("ward_park_both_eras", "CCN Hà Bình Phương", _p(53)),
    ("ward_park_both_eras", "CCN Thanh Oai", _p(52)),
    ("ward_park_both_eras", "cụm công nghiệp Hoài Đức", _p(46)),
    ("ward_park_both_eras", "quận Long Biên", _p(10, 21, 63)),
    ("ward_park_both_eras", "phường Long Biên", _p(21)),
    ("ward_park_both_eras", "huyện Thạch Thất", _p(5, 13, 28, 51)),
    ("ward_park_both_eras", "xã Thạch Thất", _p(28)),
    ("ward_park_both_eras", "thị xã Sơn Tây", _p(24, 36)),
    ("ward_park_both_eras", "phuong Tung Thien", _p(24, 36)),
    ("ward_park_both_eras", "xã Bát Tràng", _p(26, 47)),
    ("ward_park_both_eras", "quận Hoàng Mai", _p(16, 57)),
    ("ward_park_both_eras", "phường Hoàng Liệt", _p(57)),
    ("ward_park_both_eras", "huyện Gia Lâm", _p(3, 26, 42, 47)),
    ("ward_park_both_eras", "xa Gia Lam", _p(3, 42)),
    ("ward_park_both_eras", "phường Chương Mỹ", _p(44)),
    ("ward_park_both_eras", "huyện Ứng Hoà", _p(32, 62)),
    ("ward_park_both_eras", "xã Vân Đình", _p(32)),
    ("ward_park_both_eras", "Tây Tựu", _p(38)),
    ("ward_park_both_eras", "xa O Dien", _p(65)),
    ("ward_park_both_eras", "xã Đại Xuyên", _p(61)),
    ("ward_park_both_eras", "huyện Mê Linh", _p(4, 14, 27, 54)),
    ("ward_park_both_eras", "phường Giảng Võ", _p(68)),
    # ------------------------------------------------------------------ abbreviations
    ("abbreviations", "XLNT làng nghề", CRAFT_VILLAGE_WASTEWATER),
    ("abbreviations", "XLNT KCN", _p(54, 55)),
    ("abbreviations", "xlnt ccn", _p(52, 53)),
    ("abbreviations", "CTNH", HAZARDOUS_WASTE),
    ("abbreviations", "CTR công nghiệp", _p(56)),
    ("abbreviations", "CTRSH", MUNICIPAL_SOLID_WASTE),
    ("abbreviations", "MSW", MUNICIPAL_SOLID_WASTE),
    ("abbreviations", "NLTT", RENEWABLE_ENERGY),
    ("abbreviations", "WtE", WASTE_TO_ENERGY),
    ("abbreviations", "Sở TN&MT", AGENCY_AGRI_ENV),
    ("abbreviations", "Sở NN&PTNT", AGENCY_AGRI_ENV),
    ("abbreviations", "Sở KH&CN", AGENCY_SCIENCE_TECH),
    ("abbreviations", "BQL KCN", AGENCY_PARKS_AUTHORITY),
    ("abbreviations", "UBND xã", AGENCY_COMMUNE),
    ("abbreviations", "PPP", FORM_PPP),
    ("abbreviations", "BOT", STRUCTURE_BOT),
    ("abbreviations", "BOO", STRUCTURE_BOO),
    ("abbreviations", "FDI", FORM_FDI),
    ("abbreviations", "XHH", FORM_SOCIALISATION),
    ("abbreviations", "ĐTM", _p(58)),
    ("abbreviations", "QTMT", MONITORING),
    # ------------------------------------------------------------------ broad_topic (>= 10 relevant each)
    ("broad_topic", "xử lý nước thải", WASTEWATER_TREATMENT),
    ("broad_topic", "effluent treatment", WASTEWATER_TREATMENT),
    ("broad_topic", "nhà máy xử lý nước thải", WASTEWATER_PLANTS),
    ("broad_topic", "wastewater plants", WASTEWATER_PLANTS),
    ("broad_topic", "chat thai ran", SOLID_WASTE),
    ("broad_topic", "solid waste", SOLID_WASTE),
    ("broad_topic", "rác thải sinh hoạt", MUNICIPAL_SOLID_WASTE),
    ("broad_topic", "municipal solid waste", MUNICIPAL_SOLID_WASTE),
    ("broad_topic", "năng lượng tái tạo và tiết kiệm năng lượng", ENERGY_AND_EFFICIENCY),
    ("broad_topic", "renewable energy and energy efficiency", ENERGY_AND_EFFICIENCY),
    ("broad_topic", "thiết bị xử lý nước thải, khí thải", WASTEWATER_AND_GAS_EQUIPMENT),
    ("broad_topic", "ô nhiễm không khí", AIR_POLLUTION),
    ("broad_topic", "dự án đang kêu gọi đầu tư", STATUS_CALLING),
    ("broad_topic", "public-private partnership", FORM_PPP),
    ("broad_topic", "vốn nước ngoài", FORM_FDI),
    ("broad_topic", "Sở Công Thương", AGENCY_INDUSTRY_TRADE),
]


NO_ANSWER_C: list[str] = [
    "điện gió",
    "wind turbine manufacturing",
    "thuy dien nho",
    "seawater desalination",
    "carbon capture and storage",
    "asbestos removal",
    "xử lý chất thải phóng xạ",
    "ship recycling yard",
    "mining tailings",
    "oil spill response",
    "chống ồn giao thông",
    "KCN Thăng Long",
    "phường Cửa Nam",
    "xã Kim Anh",
    "xã Hòa Lạc",
    "Hải Phòng khu công nghiệp",
    "paper recycling",
    "biodiesel from used cooking oil",
    "glass bottle recycling",
    "geothermal heat pumps",
]
