"""Held-out search evaluation set D for the Hanoi environmental-industry investment catalogue.

Written on 2026-11-30 by an independent relevance judge (a helper session), TREC style: the
queries and every relevance judgement were made from the data alone, without reading or running
the search code, the other test files or the benchmarks, and without looking at any engine output.

What was read
-------------
* ``catalogue/data/demo_projects.csv`` (68 illustrative projects DEMO-001..DEMO-068): for every
  query, all of name_vi, name_en, description_vi, description_en, address, capacity, district,
  ward, category, project_type, investment_form, ppp_structure, status and lead_agency of all 68
  projects were scanned.
* The reference tables in ``catalogue/data/``: districts.csv, wards.csv, categories.csv,
  project_types.csv, investment_forms.csv, agencies.csv, statuses.csv, synonyms.csv,
  glossary.csv, technical_terms.csv, spelling_variants.csv; and
  ``/work/shared/reference/domain-facts.md``.
* The list of earlier query strings, only to make sure that none is repeated here (compared
  case-insensitively, ignoring diacritics, with đ/ð = d).

Vietnamese-only projects (empty name_en and description_en): DEMO-061 (craft-village wastewater,
Phú Xuyên), DEMO-062 (inter-commune household-waste point, Ứng Hòa), DEMO-065 (domestic
wastewater collection, Đan Phượng), DEMO-066 (West Lake water recirculation, Tây Hồ), DEMO-067
(technology-transfer centre for treatment materials, Hoàn Kiếm) and DEMO-068 (city environmental
monitoring information system, Ba Đình). Every ``cross_language_en`` query has at least one of
them in its relevant set.

Judging conventions
-------------------
1. Fields that count. A project is relevant when what the query asks for is a stated subject of
   the project in its name, description, capacity or place fields (either language), or in its
   coded fields (district, ward, category, project_type, investment_form, ppp_structure, status,
   lead_agency). Boilerplate fields (incentives, legal_basis, source, contact, land_status,
   preparation_stage, revenue_basis, sdg_tags) and the "(Dữ liệu minh họa ...)" note never make
   a project relevant.
2. Problem / pollutant topics (wastewater, exhaust gas, solid waste, odour ...): relevant = every
   project whose stated purpose is to collect, treat, prevent or (only when the query is about
   monitoring) monitor that problem, including equipment or materials explicitly made for it.
3. Facility / equipment topics (incinerator, transfer station, wastewater plant, compactor truck
   ...): projects that build, operate, upgrade, service or manufacture that facility; not the
   suppliers of its accessories, components or consumables, and not the users of its by-products.
4. A specific technique counts every project that states it uses it (and only those: knowledge
   that, say, SCR removes NOx does not make DEMO-025 a NOx project). A broad sector counts only
   projects whose main purpose is in that sector.
5. Places. A bare place matches projects whose district or ward field is that place or whose text
   puts the project there. "huyện/quận/thị xã X" (also "TX X") = the pre-July-2025 district
   field; "xã/phường X" = the 2025 ward/commune field (wards.csv), so "xã Đan Phượng" is not the
   whole former district. "KCN X" / "khu công nghiệp X" / "X industrial park" and "CCN X" /
   "cụm công nghiệp X" = only projects whose text names that park or cluster. A place + topic
   query needs both. Tone placement (Hoà/Hòa), diacritics, đ/ð and Unicode form never change
   a place or a word.
6. Agencies: the lead_agency field; a former agency name or abbreviation matches the projects led
   by its successor per agencies.csv (Sở TN&MT and Sở NN&PTNT -> Sở Nông nghiệp và Môi trường;
   Sở TT&TT -> Sở Khoa học và Công nghệ; Sở GTVT -> Sở Xây dựng; UBND quận/huyện -> UBND
   phường/xã; Sở KH&ĐT -> Sở Tài chính, which leads no project).
7. Half-typed queries: the relevant set is the union, over the completions of the last word that
   make sense after the earlier words and exist in the catalogue's vocabulary, of the projects
   relevant to the completed query.
8. Draft (DEMO-012, DEMO-034) and withdrawn (DEMO-024) projects are judged like the others (the
   scorer drops them).
9. Category / project-type labels. When a query names a whole category or project type (its label
   or an alias from categories.csv / project_types.csv / investment_forms.csv, in either
   language), every project coded with it is relevant, plus projects outside it whose own text
   fits the label. When a query names only one part of a compound label, the code alone is not
   enough. The project_type ``treatment_system`` is labelled "Centralised collection and
   treatment systems"; the project_type ``services`` is labelled "Consulting, monitoring and
   remediation services" and so counts for "environmental services".
10. Queries made of several concepts (place + topic, short token + word, form + topic, agency +
    topic) need all of them, except half-typed unions (7) and category labels (9).
11. Wastewater scope (the WASTEWATER set): collection or treatment of wastewater/effluent/sewage,
    including equipment and materials explicitly made for it. DEMO-027 (MBBR carriers for
    biological treatment tanks) counts: MBBR is a wastewater technique (technical_terms.csv).
    DEMO-015 (packaged plants for housing, schools and hospitals) also counts as hospital /
    medical wastewater. Not wastewater: DEMO-019 (treats the odour of wastewater plants, not the
    water), DEMO-021 (effluent monitoring; counts only for monitoring queries), DEMO-059 (landfill
    leachate, a remediation project), DEMO-060 (river), DEMO-066 (lake water), DEMO-016
    (drainage), DEMO-029 ("water and gas treatment", wastewater not stated), DEMO-017, DEMO-034,
    DEMO-043 (drinking / supply water).
12. Solid-waste scope (the SOLID_WASTE set, also for "rác"): collection, transport, sorting,
    treatment, recycling or disposal-site closure of solid waste, and equipment made for it.
    Not counted: DEMO-002 (street sweeping and washing), DEMO-007, DEMO-022, DEMO-032, DEMO-039
    (crop residues and manure are stated as by-products / livestock waste, not solid waste),
    DEMO-019 and DEMO-025 (accessories of waste facilities).
13. Wastewater plants (the WW_PLANTS set): projects that build, operate or upgrade a wastewater
    treatment plant, station or system at a site, plus DEMO-015, which manufactures complete
    packaged plants. Suppliers of membranes, diffusers, media, chemicals, septic tanks or small
    on-board units are not plants.
14. Incinerators / "lò đốt" / incineration (the INCINERATION set): the incinerator makers
    DEMO-004 and DEMO-005 and the waste-to-energy lines DEMO-035 and DEMO-036 (they burn waste);
    not DEMO-025 (catalysts for incinerator gas) nor DEMO-033 (uses incinerator ash).
"""

from __future__ import annotations


def _p(*numbers: int) -> frozenset[str]:
    return frozenset(f"DEMO-{n:03d}" for n in numbers)


# --- named topic sets --------------------------------------------------------------------------

# Collection or treatment of wastewater, with equipment and materials explicitly made for it
# (convention 11): on-board units 008, packaged plants 015, MBR 020, livestock 022, septic and
# composite tanks 023, medical 024, microbial products 026, MBBR media 027, heavy-metal
# adsorbents 030, PAC 031, and every plant or network 047-055, 061, 065.
WASTEWATER = _p(8, 15, 20, 22, 23, 24, 26, 27, 30, 31, 47, 48, 49, 50, 51, 52, 53, 54, 55, 61, 65)

# Wastewater treatment plants / stations / systems (convention 13): the site projects 047-055,
# 061, 065 and the maker of packaged plants 015.
WW_PLANTS = _p(15, 47, 48, 49, 50, 51, 52, 53, 54, 55, 61, 65)

# Equipment and materials for wastewater treatment (WASTEWATER minus the site projects).
WW_EQUIPMENT_MATERIALS = _p(8, 15, 20, 22, 23, 24, 26, 27, 30, 31)

# Craft-village (làng nghề) wastewater: the village plants 047-051, 061 and the materials stated
# to be for craft-village effluent (microbial products 026, heavy-metal adsorbents 030).
CRAFT_VILLAGE_WW = _p(26, 30, 47, 48, 49, 50, 51, 61)

# Solid waste, convention 12: trucks 001, sorting equipment 003, incinerators 004 005, compost
# lines 006, on-board waste units 008, electric collection vehicles 009, smart bins 010, transfer
# station 011, organic-waste point 012, pyrolysis 028, incinerator-ash recycling 033, WtE 035 036,
# industrial/hazardous complex 056, old dump closure 059, household-waste point 062, e-waste 063,
# construction waste 064.
SOLID_WASTE = _p(1, 3, 4, 5, 6, 8, 9, 10, 11, 12, 28, 33, 35, 36, 56, 59, 62, 63, 64)

# Incinerators and incineration (convention 14).
INCINERATION = _p(4, 5, 35, 36)

# Composting of organic waste: compost lines 006, Ba Vì composting point 012, Ứng Hòa point with
# a composting area 062 (straw composting 032 is crop residue, not organic waste).
COMPOST_ORGANIC = _p(6, 12, 62)

# Rooftop solar: panels and inverters for rooftop solar 037, markets/logistics 038, Hương Sơn 045,
# Hoài Đức cluster 046.
ROOFTOP_SOLAR = _p(37, 38, 45, 46)

# Investment forms (investment_form field).
SOCIALIZATION = _p(12, 24, 45, 47, 48, 50, 51, 61, 62, 65)
PPP = _p(1, 9, 16, 35, 36, 49, 52, 53, 55, 56, 59)
FDI = _p(2, 5, 10, 13, 15, 18, 21, 25, 28, 31, 37, 41, 42, 54, 63)
PRIVATE_DOMESTIC = _p(4, 6, 8, 11, 17, 19, 22, 23, 27, 29, 30, 32, 34, 38, 40, 43, 46, 57, 58, 64)

# Lead agencies (lead_agency field; convention 6 for former names).
AGENCY_NN_MT = _p(9, 56, 57, 58, 59, 63, 68)  # Sở Nông nghiệp và Môi trường (ex TN&MT, NN&PTNT)
AGENCY_KHCN = _p(19, 25, 26, 27, 29, 30, 32, 34, 67)  # Sở Khoa học và Công nghệ (ex TT&TT)
AGENCY_UBND_XA = _p(11, 12, 24, 45, 61, 62, 65)  # UBND phường/xã (ex UBND quận/huyện)
AGENCY_XAY_DUNG = _p(16, 60, 64, 66)  # Sở Xây dựng (ex Sở GTVT)
AGENCY_BQL_KCN = _p(13, 18, 21, 31, 54, 55)  # Ban Quản lý các KCN và Chế xuất (HEPIZA)
# Sở Công Thương: 001-008, 010, 014, 015, 017, 020, 022, 023, 028, 033, 035-044, 046, 047-053.
_CONG_THUONG_A = _p(*range(1, 9), 10, 14, 15, 17, 20, 22, 23, 28, 33)
AGENCY_CONG_THUONG = _CONG_THUONG_A | _p(*range(35, 45), 46, *range(47, 54))

# Category waste_equipment ("Solid-waste collection, transport, sorting and treatment equipment
# and vehicles"): 001-010; no project outside it manufactures such equipment.
CAT_WASTE_EQUIPMENT = _p(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)

# Category emission_treatment ("Wastewater and exhaust-gas treatment equipment") 013-024, plus
# the equipment makers outside it whose text fits: 005 (flue-gas treatment systems) and 008
# (wastewater treatment units).
CAT_EMISSION_PLUS = _p(5, 8, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24)

# Category treatment_materials ("Pollution-treatment materials and bio-products"): 025-034, 067.
CAT_MATERIALS = _p(25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 67)

# Environmental services: category environmental_services (23 projects) plus the two projects of
# project_type services outside it (009, 067), per convention 9.
ENV_SERVICES = _p(9, 11, 12, *range(47, 69))  # 009, 011, 012, 047-068

# project_type treatment_system ("Centralised collection and treatment systems").
TREATMENT_SYSTEMS = _p(11, 12, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 61, 62, 65, 66)

# Environmental monitoring: monitoring-station maker 021, monitoring service centre 057,
# To Lịch water-quality monitoring 060, city monitoring information system 068.
MONITORING = _p(21, 57, 60, 68)


HELDOUT_D: list[tuple[str, str, frozenset[str]]] = [
    # ---------------------------------------------------------------- english_morphology
    ("english_morphology", "incineration", INCINERATION),
    ("english_morphology", "incinerator maker", _p(4, 5)),
    ("english_morphology", "organic waste composter", COMPOST_ORGANIC),
    ("english_morphology", "recycler of electronic scrap", _p(63)),
    ("english_morphology", "recycles demolition rubble", _p(64)),
    ("english_morphology", "reusing treated wastewater", _p(55)),
    ("english_morphology", "dismantled appliances", _p(63)),
    ("english_morphology", "remediate old dump", _p(59)),
    ("english_morphology", "dredge To Lich", _p(60)),
    ("english_morphology", "monitor effluent continuously", _p(21)),
    # sorting equipment maker 003, transfer station with sorting equipment 011, sorting point 062
    ("english_morphology", "waste sorter", _p(3, 11, 62)),
    ("english_morphology", "disinfect water supply", _p(43)),
    ("english_morphology", "coagulation chemicals", _p(31)),
    ("english_morphology", "audited energy use", _p(40)),
    ("english_morphology", "charging station manufacturer", _p(42)),
    ("english_morphology", "assembler of electric scooters", _p(44)),
    ("english_morphology", "converted garbage trucks", _p(9)),
    # compactor trucks 001, compaction equipment in the Sơn Đồng transfer station 011
    ("english_morphology", "compaction equipment for waste", _p(1, 11)),
    # composite biogas tanks 022, dairy biogas plant 039, starch effluent with biogas recovery 049
    ("english_morphology", "recovered biogas", _p(22, 39, 49)),
    # ---------------------------------------------------------------- us_uk
    # odour: 014 (treats H2S and odour), 019 (odour control), 066 (reduces algae and odour)
    ("us_uk", "odor treatment", _p(14, 19, 66)),
    ("us_uk", "transfer station odor", _p(19)),
    ("us_uk", "polyaluminium chloride", _p(31)),
    ("us_uk", "aluminium coagulant", _p(31)),
    ("us_uk", "hydrogen sulphide", _p(14)),
    # SOx treatment 014, desulphurisation of boilers 018
    ("us_uk", "sulfur oxide treatment", _p(14, 18)),
    ("us_uk", "biomass fueled boiler exhaust", _p(18)),
    # project_type treatment_system is "Centralised ..."; the two cluster wastewater plants
    ("us_uk", "centralized treatment for industrial clusters", _p(52, 53)),
    ("us_uk", "centralized industrial waste", _p(56)),
    ("us_uk", "decentralized sewage treatment", _p(65)),
    ("us_uk", "socialization projects", SOCIALIZATION),
    ("us_uk", "monitoring service center", _p(57)),
    ("us_uk", "vehicle conversion center", _p(9)),
    ("us_uk", "environmental license applications", _p(58)),
    # rubber waste into fuel oil
    ("us_uk", "tires to fuel oil", _p(28)),
    ("us_uk", "manure fertilizer", _p(39)),
    ("us_uk", "optimizing garbage truck routes", _p(10)),
    ("us_uk", "commercialization center", _p(67)),
    ("us_uk", "fiber filter bags", _p(13)),
    # ---------------------------------------------------------------- half_typed
    ("half_typed", "Phùng X", _p(51)),
    # nước thải y tế: medical wastewater 024, packaged plants for hospitals 015 (convention 11)
    ("half_typed", "nước thải y", _p(15, 24)),
    ("half_typed", "Sơn Đ", _p(11)),
    ("half_typed", "Hương S", _p(45)),
    ("half_typed", "dairy man", _p(39)),
    ("half_typed", "Tô Lịch qu", _p(60)),
    # xe máy điện: e-motorbikes 044, chargers for xe điện và xe máy điện 042
    ("half_typed", "xe máy đ", _p(42, 44)),
    ("half_typed", "Yên S", _p(16)),
    ("half_typed", "Quang Minh nư", _p(54)),
    ("half_typed", "KCN Nội B", _p(31)),
    ("half_typed", "bể tự h", _p(23)),
    ("half_typed", "thùng rác th", _p(10)),
    ("half_typed", "waste-to-energy Xu", _p(36)),
    ("half_typed", "heat rec", _p(48)),
    ("half_typed", "glaze sl", _p(47)),
    ("half_typed", "Ba Vì kh", _p(39)),
    # Thanh Trì + nhà máy / nước thải / nước cấp / nước rỉ rác: all three Thanh Trì projects
    ("half_typed", "Thanh Trì n", _p(20, 43, 59)),
    ("half_typed", "composite ta", _p(22, 23)),
    ("half_typed", "Hà Bình Ph", _p(53)),
    # Sóc Sơn + xe (001, 009) / xử lý (031, 035, 056)
    ("half_typed", "Sóc Sơn x", _p(1, 9, 31, 35, 56)),
    ("half_typed", "Bắc Từ Liêm đ", _p(38)),
    # ---------------------------------------------------------------- short_tokens
    ("short_tokens", "VOC", _p(14)),
    ("short_tokens", "H2S odour", _p(14)),
    ("short_tokens", "kWp điện mặt trời", _p(45)),
    ("short_tokens", "MWp rooftop", _p(38, 46)),
    ("short_tokens", "20 MW", _p(36)),
    ("short_tokens", "2 MW biogas", _p(39)),
    # wastewater projects with a capacity in m³ per day (lake water 066 is not wastewater)
    ("short_tokens", "m³/day wastewater", _p(15, 47, 48, 49, 50, 51, 52, 53, 54, 55, 61)),
    ("short_tokens", "8000 m3", _p(54)),
    ("short_tokens", "SCR lò hơi", _p(25)),
    ("short_tokens", "MBBR media", _p(27)),
    ("short_tokens", "MBR aeration", _p(20)),
    ("short_tokens", "PAC polymer", _p(31)),
    ("short_tokens", "LED street lights", _p(41)),
    ("short_tokens", "HVAC công sở", _p(40)),
    ("short_tokens", "EV Gia Lâm", _p(42)),
    ("short_tokens", "t/h incinerator", _p(4)),
    ("short_tokens", "PV inverter", _p(37)),
    ("short_tokens", "14,6 km", _p(60)),
    # ---------------------------------------------------------------- multiword_en
    ("multiword_en", "companies building garbage compactor trucks", _p(1)),
    # bag filters / ESP for boilers 013, boiler exhaust systems 018, boiler flue-gas catalysts 025
    ("multiword_en", "treating flue gas from industrial boilers", _p(13, 18, 25)),
    ("multiword_en", "wastewater plants in industrial parks", _p(54, 55)),
    ("multiword_en", "solar power for public buildings", _p(45)),
    ("multiword_en", "investing in waste-to-energy plants", _p(35, 36)),
    ("multiword_en", "water purification equipment for villages", _p(17)),
    ("multiword_en", "laboratory testing of environmental samples", _p(57)),
    ("multiword_en", "cleaning up polluted rivers", _p(60)),
    ("multiword_en", "recycling plastic and rubber waste", _p(28)),
    ("multiword_en", "equipment to treat livestock farm effluent", _p(22)),
    ("multiword_en", "smart street lighting manufacturer", _p(41)),
    ("multiword_en", "energy efficiency retrofits for government offices", _p(40)),
    ("multiword_en", "dust filters for cement plants", _p(13)),
    ("multiword_en", "treating metalworking village effluent", _p(30, 51)),
    ("multiword_en", "sludge trucks for septic tanks", _p(1)),
    ("multiword_en", "organic waste composting in rural communes", COMPOST_ORGANIC),
    ("multiword_en", "turning construction debris into bricks", _p(64)),
    ("multiword_en", "monitoring stations that report to regulators", _p(21)),
    # ---------------------------------------------------------------- cross_language_en
    ("cross_language_en", "lacquer and rattan craft villages", _p(61)),
    ("cross_language_en", "Dai Xuyen wastewater", _p(61)),
    ("cross_language_en", "800 cubic metres a day", _p(61)),
    # collection points serving several communes: Ba Vì mountain communes 012, liên xã 062
    ("cross_language_en", "inter-commune garbage collection", _p(12, 62)),
    ("cross_language_en", "Ung Hoa sorting", _p(62)),
    ("cross_language_en", "O Dien sewage", _p(65)),
    ("cross_language_en", "domestic wastewater networks", _p(65)),
    ("cross_language_en", "West Lake algae", _p(66)),
    ("cross_language_en", "Tay Ho lake pumping station", _p(66)),
    # microbial products for urban lakes 026, West Lake recirculation 066
    ("cross_language_en", "urban lake water treatment", _p(26, 66)),
    ("cross_language_en", "research commercialisation hub", _p(67)),
    ("cross_language_en", "Hoan Kiem ward", _p(67)),
    ("cross_language_en", "citywide air quality data portal", _p(68)),
    ("cross_language_en", "Giang Vo environmental data", _p(68)),
    ("cross_language_en", "socialised investment in wastewater", SOCIALIZATION & WASTEWATER),
    ("cross_language_en", "led by ward and commune committees", AGENCY_UBND_XA),
    ("cross_language_en", "Department of Transport projects", AGENCY_XAY_DUNG),
    ("cross_language_en", "Agriculture and Environment department", AGENCY_NN_MT),
    ("cross_language_en", "publicly funded projects", _p(60, 66, 68)),
    # ---------------------------------------------------------------- cross_language_vi
    ("cross_language_vi", "công ty dịch vụ năng lượng", _p(40)),
    ("cross_language_vi", "bể khí sinh học composite", _p(22)),
    ("cross_language_vi", "kho hàng điện mặt trời", _p(38)),
    ("cross_language_vi", "bộ nghịch lưu điện mặt trời", _p(37)),
    ("cross_language_vi", "phòng thí nghiệm đạt chuẩn", _p(57)),
    ("cross_language_vi", "xe rác chạy điện", _p(9)),
    ("cross_language_vi", "phân bón từ phân bò", _p(39)),
    ("cross_language_vi", "rác thải điện tử", _p(63)),
    ("cross_language_vi", "xu ly nuoc thai det nhuom", _p(48)),
    ("cross_language_vi", "nuoc thai ma kim loai", _p(51)),
    ("cross_language_vi", "lọc bụi lò xi măng", _p(13)),
    ("cross_language_vi", "tháp rửa khí", _p(14)),
    ("cross_language_vi", "thiết bị khử trùng nước", _p(43)),
    ("cross_language_vi", "xe quét rác điện", _p(2)),
    ("cross_language_vi", "tai che xa ban", _p(64)),
    ("cross_language_vi", "lò đốt hai cấp", _p(5)),
    ("cross_language_vi", "den nang luong mat troi", _p(45)),
    # lighting retrofits 040, high-efficiency LED 041
    ("cross_language_vi", "tiết kiệm điện chiếu sáng", _p(40, 41)),
    ("cross_language_vi", "giam sat khi thai ong khoi", _p(21)),
    ("cross_language_vi", "nhiên liệu sinh khối", _p(7)),
    ("cross_language_vi", "dau nhien lieu tu nhua", _p(28)),
    # ---------------------------------------------------------------- place_topic
    ("place_topic", "Chương Mỹ phân vi sinh", _p(6)),
    ("place_topic", "Chuong My xe may dien", _p(44)),
    ("place_topic", "Chương Mỹ nước thải", _p(22, 55)),
    ("place_topic", "Ứng Hoà chế phẩm sinh học", _p(32)),
    ("place_topic", "Mê Linh lò đốt", _p(4)),
    ("place_topic", "Mê Linh giá thể vi sinh", _p(27)),
    ("place_topic", "Long Bien e-waste", _p(63)),
    ("place_topic", "Long Biên quan trắc", _p(21)),
    ("place_topic", "Đông Anh xe quét đường", _p(2)),
    ("place_topic", "Dong Anh ash bricks", _p(33)),
    ("place_topic", "Gia Lâm phân loại rác", _p(3)),
    ("place_topic", "Thạch Thất nhiệt phân", _p(28)),
    ("place_topic", "Thach That hazardous waste", _p(5)),
    ("place_topic", "Quoc Oai lò hơi", _p(18)),
    ("place_topic", "Hoai Duc transfer station", _p(11)),
    ("place_topic", "Thường Tín tàu thuyền", _p(8)),
    ("place_topic", "Hà Đông lọc nước", _p(17)),
    ("place_topic", "Phúc Thọ đá ong", _p(34)),
    ("place_topic", "Dương Hoà nước thải", _p(49)),
    ("place_topic", "Tân Hòa sông Tích", _p(50)),
    ("place_topic", "Sơn Tây nước thải y tế", _p(24)),
    ("place_topic", "Hai Ba Trung energy audit", _p(40)),
    ("place_topic", "Hoàng Mai phân tích mẫu", _p(57)),
    # ---------------------------------------------------------------- ward_park_both_eras
    ("ward_park_both_eras", "xã Hạ Bằng", _p(5)),
    ("ward_park_both_eras", "xã Tiến Thắng", _p(14)),
    ("ward_park_both_eras", "phường Thượng Cát", _p(19)),
    ("ward_park_both_eras", "An Khánh", _p(25)),
    ("ward_park_both_eras", "xa Phu Cat", _p(29)),
    ("ward_park_both_eras", "Van Dinh commune", _p(32)),
    ("ward_park_both_eras", "phuong Tay Tuu", _p(38)),
    ("ward_park_both_eras", "phường Phúc Lợi", _p(10)),
    ("ward_park_both_eras", "xa Dai Thanh", _p(59)),
    ("ward_park_both_eras", "Hương Sơn commune", _p(45)),
    ("ward_park_both_eras", "xã Bình Minh", _p(52)),
    ("ward_park_both_eras", "xã Dân Hoà", _p(30)),
    ("ward_park_both_eras", "khu công nghiệp Quang Minh", _p(54)),
    ("ward_park_both_eras", "khu cong nghiep Noi Bai", _p(31)),
    # the park is named "KCN Thạch Thất - Quốc Oai" (018); 005 serves parks but names none
    ("ward_park_both_eras", "khu công nghiệp Thạch Thất", _p(18)),
    ("ward_park_both_eras", "Phú Nghĩa industrial park", _p(55)),
    ("ward_park_both_eras", "cum cong nghiep Thanh Oai", _p(52)),
    ("ward_park_both_eras", "Ha Binh Phuong", _p(53)),
    ("ward_park_both_eras", "CCN Hoai Duc", _p(46)),
    ("ward_park_both_eras", "huyện Thường Tín", _p(8, 53)),
    ("ward_park_both_eras", "huyen Phu Xuyen", _p(7, 61)),
    ("ward_park_both_eras", "xã Phú Xuyên", _p(7)),
    ("ward_park_both_eras", "quận Hà Đông", _p(17, 48)),
    ("ward_park_both_eras", "phường Hà Đông", _p(48)),
    ("ward_park_both_eras", "huyện Đan Phượng", _p(23, 65)),
    ("ward_park_both_eras", "xã Đan Phượng", _p(23)),
    ("ward_park_both_eras", "xã Mê Linh", _p(27)),
    ("ward_park_both_eras", "xa Hoai Duc", _p(46)),
    ("ward_park_both_eras", "quận Bắc Từ Liêm", _p(19, 38)),
    ("ward_park_both_eras", "huyện Chương Mỹ", _p(6, 22, 44, 55)),
    ("ward_park_both_eras", "TX Sơn Tây", _p(24, 36)),
    # ---------------------------------------------------------------- abbreviations
    ("abbreviations", "TN & MT", AGENCY_NN_MT),
    ("abbreviations", "NN & PTNT", AGENCY_NN_MT),
    ("abbreviations", "XLNT", WASTEWATER),
    ("abbreviations", "NMXLNT", WW_PLANTS),
    ("abbreviations", "thiết bị CTR", CAT_WASTE_EQUIPMENT),
    ("abbreviations", "CTNH tập trung", _p(56)),
    ("abbreviations", "BOT nước thải", _p(49, 53, 55)),
    ("abbreviations", "hợp đồng BOO", _p(16, 36, 52, 56)),
    ("abbreviations", "FDI nước thải", _p(15, 54)),
    ("abbreviations", "XHH rác", _p(12, 62)),
    ("abbreviations", "UBND cấp xã", AGENCY_UBND_XA),
    ("abbreviations", "UBND quận huyện", AGENCY_UBND_XA),
    ("abbreviations", "Sở TT & TT", AGENCY_KHCN),
    ("abbreviations", "SKHCN", AGENCY_KHCN),
    ("abbreviations", "HEPIZA", AGENCY_BQL_KCN),
    ("abbreviations", "Sở XD", AGENCY_XAY_DUNG),
    ("abbreviations", "GPMT", _p(58)),
    ("abbreviations", "kiểm kê KNK", _p(58)),
    ("abbreviations", "CCN", _p(46, 52, 53)),
    # ---------------------------------------------------------------- broad_topic
    ("broad_topic", "waste water", WASTEWATER),
    ("broad_topic", "nước thải", WASTEWATER),
    ("broad_topic", "trạm xử lý nước thải", WW_PLANTS),
    ("broad_topic", "thiết bị và vật liệu xử lý nước thải", WW_EQUIPMENT_MATERIALS),
    ("broad_topic", "wastewater and exhaust gas equipment", CAT_EMISSION_PLUS),
    ("broad_topic", "chế phẩm và vật liệu xử lý môi trường", CAT_MATERIALS),
    ("broad_topic", "solid waste equipment and vehicles", CAT_WASTE_EQUIPMENT),
    ("broad_topic", "rác", SOLID_WASTE),
    ("broad_topic", "hệ thống thu gom xử lý tập trung", TREATMENT_SYSTEMS),
    ("broad_topic", "environmental services", ENV_SERVICES),
    ("broad_topic", "foreign-invested projects", FDI),
    ("broad_topic", "đối tác công tư", PPP),
    ("broad_topic", "vốn tư nhân trong nước", PRIVATE_DOMESTIC),
    ("broad_topic", "hình thức xã hội hóa", SOCIALIZATION),
    ("broad_topic", "Department of Industry and Trade", AGENCY_CONG_THUONG),
    # ---------------------------------------------------------------- legacy_text
    ("legacy_text", "XỬ LÝ NƯỚC THẢI LÀNG NGHỀ", CRAFT_VILLAGE_WW),
    # Latin capital / small eth (U+00D0 / U+00F0) typed for Đ / đ
    ("legacy_text", "\u00d0ông Anh", _p(2, 15, 33, 37)),
    ("legacy_text", "\u00d0an Phượng", _p(23, 65)),
    ("legacy_text", "\u00f0ốt rác phát \u00f0iện", _p(35, 36)),
    ("legacy_text", "xe \u00f0iện", _p(2, 9, 42, 44)),
    # old tone placement (hoà, thuỷ, toà, uỷ) and misplaced marks (baỏ, qúy)
    ("legacy_text", "Ứng Hoà", _p(32, 62)),
    ("legacy_text", "hoá chất keo tụ", _p(31)),
    ("legacy_text", "xúc tác oxy hoá", _p(25)),
    ("legacy_text", "xử lý nước thải tàu thuỷ", _p(8)),
    ("legacy_text", "toà nhà công sở", _p(40)),
    ("legacy_text", "UỶ BAN NHÂN DÂN XÃ", AGENCY_UBND_XA),
    ("legacy_text", "baỏ dưỡng xe rác", _p(9)),
    ("legacy_text", "kim loại qúy", _p(63)),
    # decomposed Unicode (NFD): Bát Tràng, lò đốt, Hoài Đức
    ("legacy_text", "Ba\u0301t Tra\u0300ng", _p(26, 47)),
    ("legacy_text", "lo\u0300 đô\u0301t", INCINERATION),
    ("legacy_text", "Hoa\u0300i Đư\u0301c", _p(11, 25, 46, 49)),
    # upper case and extra punctuation
    ("legacy_text", "TRẠM TRUNG CHUYỂN RÁC", _p(11)),
    ("legacy_text", "QUAN TRẮC MÔI TRƯỜNG", MONITORING),
    ("legacy_text", "Điện mặt trời - mái nhà!!", ROOFTOP_SOLAR),
    ("legacy_text", "Sở Tài nguyên & Môi trường", AGENCY_NN_MT),
    ("legacy_text", "MBR/MBBR", _p(20, 27)),
]

# Plausible queries with nothing relevant in this catalogue.
NO_ANSWER_D: list[str] = [
    "Sở Kế hoạch và Đầu tư",  # successor Sở Tài chính leads no project
    "Sở Tài chính",
    "UBND thành phố chủ trì",
    "khu công nghệ cao Hòa Lạc",
    "Khu công nghiệp Sài Đồng B",
    "Bắc Ninh nước thải",
    "quận Thanh Xuân nước thải",
    "Ba Đình nước thải",
    "Mỹ Đức nước thải",
    "Sóc Sơn điện mặt trời",
    "Tây Hồ điện mặt trời",
    "Hoàng Mai rác thải",
    "tidal power",
    "used clothing recycling",
    "re-refining used lubricating oil",
    "new sanitary landfill construction",
    "microplastic removal",
    "water meter manufacturing",
]
