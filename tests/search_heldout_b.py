"""Held-out search evaluation set B for the project catalogue (independent judge, TREC style).

Written on 2026-11-30 by an independent judge who did not read, import or run the search code, its tests,
benchmarks or the earlier evaluation sets. Every judgement was made by reading the data files in
catalogue/data/ (demo_projects.csv with districts.csv, wards.csv, categories.csv, investment_forms.csv,
agencies.csv, synonyms.csv, glossary.csv, technical_terms.csv) and shared/reference/domain-facts.md.

How it was judged
-----------------
For each query the judge read the names, descriptions, capacity, place, investment form and lead agency of
all 68 demo projects (both languages) and wrote down every project a person typing the query would want.
Sets are complete for recall and strict for precision: a project that only shares a generic word
("plant", "system", "treatment", "water") or an incentive/legal boilerplate sentence is not relevant.
Status is ignored (draft DEMO-012/034 and withdrawn DEMO-024 are judged like the others; the harness
drops them).

Language coverage found in the data
-----------------------------------
- Vietnamese only (name_en and description_en empty): DEMO-061, DEMO-062, DEMO-065, DEMO-066, DEMO-067,
  DEMO-068. The cross_language_en queries are written for their topics and every one of them has at least
  one of these projects in its relevant set (judged over all projects of the topic in either language).
- English only: none. The cross_language_vi queries therefore use Vietnamese wording whose key word occurs
  only in the English text of the relevant projects (loanwords such as biogas, e-waste, EV, PV, compost,
  biofilm, trommel, HVAC, bag filter, waste-to-energy; or Vietnamese terms whose only counterpart is in the
  English text: sinh khối/biomass, tro đáy/bottom ash, ống khói/stack, phá dỡ/demolition, di sản/heritage,
  phát thải/emission).

Conventions
-----------
- Places. A bare name that is both a pre-2025 district and a 2025 commune/ward ("Thạch Thất", "Sóc Sơn")
  means the old district, i.e. every project of that district. "huyện/quận/thị xã/district" also means the
  old district. "xã/phường/ward/commune" means the 2025 unit, judged by the ward column ("xa Soc Son" ->
  DEMO-001/035/056, not DEMO-009 in Trung Giã or DEMO-031 in Nội Bài; "phường Long Biên" -> DEMO-021 only).
  A name that appears in a project's name (KCN Thạch Thất - Quốc Oai in DEMO-018) counts for that place.
  Village names (Phùng Xá, Vạn Phúc, Nam Sơn) count where the text names them.
- Industrial parks (KCN). Only projects whose text names the park: "KCN Quang Minh" -> DEMO-054, not
  DEMO-004 which merely lies in Quang Minh commune; "Phu Nghia industrial park" -> DEMO-055, not DEMO-006.
  KCN (industrial park) and CCN (industrial cluster) are kept apart.
- Agencies. An agency name or abbreviation means projects led by it or by its 2025 successor
  (Sở TN&MT -> Sở Nông nghiệp và Môi trường; Sở GTVT -> Sở Xây dựng), following agencies.csv.
- Investment forms. "FDI", "PPP", "XHH/xã hội hóa" mean the investment_form column only; joint ventures are
  not counted as FDI.
- Capacities. A query that gives a capacity ("3000 m3/ngày đêm", "30 MW") wants projects with that stated
  capacity (or a range that contains it, DEMO-015 for 500 m³/day), not every plant of the same kind.
- Wastewater treatment (broad) = projects that treat wastewater or make equipment/materials meant for
  wastewater treatment: DEMO-008, 015, 020, 022, 023, 024, 026, 027, 030, 031, 047-055, 061, 065.
  Not included: odour control at plants (019), drainage pumps (016), effluent monitoring (021), lake and
  river water (026 is in for its wastewater use; 060 and 066 are out), leachate at the old dump (059),
  drinking/supply water (017, 029, 034, 043). "Water and wastewater treatment" adds 017, 029, 034, 043, 066.
  "Nhà máy xử lý nước thải" means treatment plants (facilities), not the factory DEMO-015 that makes them.
- Solid waste (broad) = collection, transport, sorting, treatment and recycling of solid waste including
  hazardous, electronic and construction waste, incinerator ash and the old dump site: DEMO-001, 002
  (street-cleaning trucks, catalogued as collection equipment), 003-006, 008, 009-012, 028, 033, 035, 036,
  056, 059, 062-064. Crop residues (007, 032) and livestock manure (039) are not solid waste here.
- Renewable energy = 007 (biomass pellets), 035, 036 (waste-to-energy), 037, 038, 045, 046 (solar), 039
  (biogas). With energy saving/efficiency add 040, 041 and 042 (chargers with solar and storage). E-motorbike
  assembly (044) is electric mobility, not renewable energy. Side features (biogas recovery at 049, heat
  recovery at 048) count only for queries naming them (e.g. "biogas"), not for broad energy queries.
- Air pollution (broad) = 005, 013, 014, 018, 019 (odour), 021 (stack monitoring), 025, 029, 032 (ending straw
  burning), 068 (air monitoring). "Xử lý khí thải" (exhaust-gas treatment) = 005, 013, 014, 018, 025, 029.
- Environmental services (broad) = the category as defined by plan section III.6 (DEMO-047-065, 068).
- Environmental equipment = manufactured equipment for waste, water, wastewater, exhaust gas, drainage and
  monitoring (001-008, 010, 013-024, 043); energy equipment (037, 041, 042, 044) and materials are not
  equipment. "Manufacturing" (broad) adds materials/chemicals/bio-products (025-027, 029-034) and the
  energy equipment factories; the pyrolysis waste-treatment plant (028) and service centres are out.
- Incentive and legal-basis texts are the same for whole categories and are not used as evidence.

Borderline calls (doubts)
-------------------------
- 019 (biofilter odour control at wastewater plants) is counted for "H2S" queries although only 014 names H2S.
- 022 (manure separators and biogas tanks for livestock farms) is counted for "dairy manure biogas".
- 011 (one-commune transfer and sorting station) is counted with 062 for "sorting point for communes".
- 013 is led by the industrial-park authority but its text names no park, so it is not in KCN Thạch Thất -
  Quốc Oai; 034 (laterite filter media) is not counted for "household drinking water filters".
- 026 (microbial products) and 030 (adsorbents) are in "xử lý nước thải làng nghề" but not in queries about
  village treatment plants/systems (HTXLNT, "treatment plants").
- "refuse lorries" includes 009 (service and electric conversion of collection vehicles) besides 001.

Deliberate typos (about ten, spread over classes): biogass, treatmnet, managment, enviromental, incinerater,
recyling, catalist, inventroy, swapable, hazardus, industial.

Classes
-------
cross_language_en, cross_language_vi, broad_topic (every query has >= 10 relevant projects; measures
precision@10), english_morphology, us_uk, half_typed (last word cut after 1-4 letters), short_tokens,
english_multiword, place_topic, ward_park_both_eras, abbreviations.
NO_ANSWER_B holds on-topic-looking queries that no demo project answers (wind, hydro, nuclear, glass and paper
recycling, desalination, CCS, biodiesel, mine drainage pH, PM2.5 masks, hydrogen, geothermal, radioactive
waste); the short tokens DO, pH and PM2.5 appear there because the data has nothing for them.
"""

from __future__ import annotations

HELDOUT_B: list[tuple[str, str, frozenset[str]]] = [
    # --- cross_language_en
    ("cross_language_en", "rattan and bamboo weaving village wastewater", frozenset({"DEMO-061"})),
    ("cross_language_en", "lacquerware village effluent", frozenset({"DEMO-061"})),
    (
        "cross_language_en",
        "trade village wastewater treatment plants",
        frozenset({"DEMO-047", "DEMO-048", "DEMO-049", "DEMO-050", "DEMO-051", "DEMO-061"}),
    ),
    ("cross_language_en", "household waste sorting point for communes", frozenset({"DEMO-011", "DEMO-062"})),
    ("cross_language_en", "rural household garbage composting", frozenset({"DEMO-006", "DEMO-012", "DEMO-062"})),
    ("cross_language_en", "Ung Hoa waste collection", frozenset({"DEMO-062"})),
    (
        "cross_language_en",
        "decentralised domestic wastewater treatmnet",
        frozenset({"DEMO-015", "DEMO-023", "DEMO-065"}),
    ),
    ("cross_language_en", "residential sewerage network", frozenset({"DEMO-065"})),
    ("cross_language_en", "Dan Phuong sewage", frozenset({"DEMO-023", "DEMO-065"})),
    ("cross_language_en", "West Lake water recirculation", frozenset({"DEMO-066"})),
    ("cross_language_en", "algae control in urban lakes", frozenset({"DEMO-026", "DEMO-066"})),
    ("cross_language_en", "technology transfer centre for environmental materials", frozenset({"DEMO-067"})),
    (
        "cross_language_en",
        "connecting research institutes with companies to commercialise treatment products",
        frozenset({"DEMO-067"}),
    ),
    ("cross_language_en", "environmental monitoring data platform", frozenset({"DEMO-068"})),
    ("cross_language_en", "public air and water quality information system", frozenset({"DEMO-068"})),
    ("cross_language_en", "Hoan Kiem technology centre", frozenset({"DEMO-067"})),
    (
        "cross_language_en",
        "automatic monitoring stations air and water",
        frozenset({"DEMO-021", "DEMO-060", "DEMO-068"}),
    ),
    ("cross_language_en", "Phu Xuyen wastewater", frozenset({"DEMO-061"})),
    ("cross_language_en", "Ba Dinh city monitoring system", frozenset({"DEMO-068"})),
    # --- cross_language_vi
    ("cross_language_vi", "dự án biogass", frozenset({"DEMO-022", "DEMO-039", "DEMO-049"})),
    ("cross_language_vi", "tai che e-waste thu hoi kim loai quy", frozenset({"DEMO-063"})),
    ("cross_language_vi", "tram sac EV", frozenset({"DEMO-042"})),
    ("cross_language_vi", "pin PV áp mái", frozenset({"DEMO-037", "DEMO-038", "DEMO-045", "DEMO-046"})),
    ("cross_language_vi", "dây chuyền waste-to-energy", frozenset({"DEMO-035", "DEMO-036"})),
    ("cross_language_vi", "máy ép viên nén sinh khối", frozenset({"DEMO-007"})),
    ("cross_language_vi", "giá thể biofilm", frozenset({"DEMO-027"})),
    ("cross_language_vi", "tái chế tro đáy lò đốt rác", frozenset({"DEMO-033"})),
    ("cross_language_vi", "quan trắc khí ống khói", frozenset({"DEMO-021"})),
    ("cross_language_vi", "xử lý chất thải phá dỡ công trình", frozenset({"DEMO-064"})),
    ("cross_language_vi", "phan compost tu rac huu co", frozenset({"DEMO-006", "DEMO-012", "DEMO-062"})),
    ("cross_language_vi", "lọc bụi bag filter", frozenset({"DEMO-013"})),
    ("cross_language_vi", "sàng trommel phân loại rác", frozenset({"DEMO-003"})),
    ("cross_language_vi", "khu di sản Hương Sơn điện mặt trời", frozenset({"DEMO-045"})),
    ("cross_language_vi", "cải tạo HVAC tòa nhà công sở", frozenset({"DEMO-040"})),
    ("cross_language_vi", "biofilter khử mùi", frozenset({"DEMO-019"})),
    ("cross_language_vi", "ủ compost rơm rạ tại ruộng", frozenset({"DEMO-032"})),
    ("cross_language_vi", "phân bón từ bã biogas", frozenset({"DEMO-039"})),
    ("cross_language_vi", "quan trac phat thai lien tuc", frozenset({"DEMO-021"})),
    # --- broad_topic
    (
        "broad_topic",
        "dự án xử lý nước thải",
        frozenset(
            {
                "DEMO-008",
                "DEMO-015",
                "DEMO-020",
                "DEMO-022",
                "DEMO-023",
                "DEMO-024",
                "DEMO-026",
                "DEMO-027",
                "DEMO-030",
                "DEMO-031",
                "DEMO-047",
                "DEMO-048",
                "DEMO-049",
                "DEMO-050",
                "DEMO-051",
                "DEMO-052",
                "DEMO-053",
                "DEMO-054",
                "DEMO-055",
                "DEMO-061",
                "DEMO-065",
            }
        ),
    ),
    (
        "broad_topic",
        "wastewater treatment opportunities",
        frozenset(
            {
                "DEMO-008",
                "DEMO-015",
                "DEMO-020",
                "DEMO-022",
                "DEMO-023",
                "DEMO-024",
                "DEMO-026",
                "DEMO-027",
                "DEMO-030",
                "DEMO-031",
                "DEMO-047",
                "DEMO-048",
                "DEMO-049",
                "DEMO-050",
                "DEMO-051",
                "DEMO-052",
                "DEMO-053",
                "DEMO-054",
                "DEMO-055",
                "DEMO-061",
                "DEMO-065",
            }
        ),
    ),
    (
        "broad_topic",
        "nha may xu ly nuoc thai",
        frozenset(
            {
                "DEMO-047",
                "DEMO-048",
                "DEMO-049",
                "DEMO-050",
                "DEMO-051",
                "DEMO-052",
                "DEMO-053",
                "DEMO-054",
                "DEMO-055",
                "DEMO-061",
                "DEMO-065",
            }
        ),
    ),
    (
        "broad_topic",
        "thu gom, xử lý chất thải rắn",
        frozenset(
            {
                "DEMO-001",
                "DEMO-002",
                "DEMO-003",
                "DEMO-004",
                "DEMO-005",
                "DEMO-006",
                "DEMO-008",
                "DEMO-009",
                "DEMO-010",
                "DEMO-011",
                "DEMO-012",
                "DEMO-028",
                "DEMO-033",
                "DEMO-035",
                "DEMO-036",
                "DEMO-056",
                "DEMO-059",
                "DEMO-062",
                "DEMO-063",
                "DEMO-064",
            }
        ),
    ),
    (
        "broad_topic",
        "solid waste managment",
        frozenset(
            {
                "DEMO-001",
                "DEMO-002",
                "DEMO-003",
                "DEMO-004",
                "DEMO-005",
                "DEMO-006",
                "DEMO-008",
                "DEMO-009",
                "DEMO-010",
                "DEMO-011",
                "DEMO-012",
                "DEMO-028",
                "DEMO-033",
                "DEMO-035",
                "DEMO-036",
                "DEMO-056",
                "DEMO-059",
                "DEMO-062",
                "DEMO-063",
                "DEMO-064",
            }
        ),
    ),
    (
        "broad_topic",
        "rac thai",
        frozenset(
            {
                "DEMO-001",
                "DEMO-002",
                "DEMO-003",
                "DEMO-004",
                "DEMO-005",
                "DEMO-006",
                "DEMO-008",
                "DEMO-009",
                "DEMO-010",
                "DEMO-011",
                "DEMO-012",
                "DEMO-028",
                "DEMO-033",
                "DEMO-035",
                "DEMO-036",
                "DEMO-056",
                "DEMO-059",
                "DEMO-062",
                "DEMO-063",
                "DEMO-064",
            }
        ),
    ),
    (
        "broad_topic",
        "enviromental equipment manufacturing",
        frozenset(
            {
                "DEMO-001",
                "DEMO-002",
                "DEMO-003",
                "DEMO-004",
                "DEMO-005",
                "DEMO-006",
                "DEMO-007",
                "DEMO-008",
                "DEMO-010",
                "DEMO-013",
                "DEMO-014",
                "DEMO-015",
                "DEMO-016",
                "DEMO-017",
                "DEMO-018",
                "DEMO-019",
                "DEMO-020",
                "DEMO-021",
                "DEMO-022",
                "DEMO-023",
                "DEMO-024",
                "DEMO-043",
            }
        ),
    ),
    (
        "broad_topic",
        "thiết bị môi trường",
        frozenset(
            {
                "DEMO-001",
                "DEMO-002",
                "DEMO-003",
                "DEMO-004",
                "DEMO-005",
                "DEMO-006",
                "DEMO-007",
                "DEMO-008",
                "DEMO-010",
                "DEMO-013",
                "DEMO-014",
                "DEMO-015",
                "DEMO-016",
                "DEMO-017",
                "DEMO-018",
                "DEMO-019",
                "DEMO-020",
                "DEMO-021",
                "DEMO-022",
                "DEMO-023",
                "DEMO-024",
                "DEMO-043",
            }
        ),
    ),
    (
        "broad_topic",
        "sản xuất thiết bị xử lý ô nhiễm",
        frozenset(
            {
                "DEMO-004",
                "DEMO-005",
                "DEMO-006",
                "DEMO-008",
                "DEMO-013",
                "DEMO-014",
                "DEMO-015",
                "DEMO-018",
                "DEMO-019",
                "DEMO-020",
                "DEMO-022",
                "DEMO-023",
                "DEMO-024",
            }
        ),
    ),
    (
        "broad_topic",
        "renewable energy and energy efficiency",
        frozenset(
            {
                "DEMO-007",
                "DEMO-035",
                "DEMO-036",
                "DEMO-037",
                "DEMO-038",
                "DEMO-039",
                "DEMO-040",
                "DEMO-041",
                "DEMO-042",
                "DEMO-045",
                "DEMO-046",
            }
        ),
    ),
    (
        "broad_topic",
        "năng lượng tái tạo, tiết kiệm năng lượng",
        frozenset(
            {
                "DEMO-007",
                "DEMO-035",
                "DEMO-036",
                "DEMO-037",
                "DEMO-038",
                "DEMO-039",
                "DEMO-040",
                "DEMO-041",
                "DEMO-042",
                "DEMO-045",
                "DEMO-046",
            }
        ),
    ),
    (
        "broad_topic",
        "ô nhiễm không khí",
        frozenset(
            {
                "DEMO-005",
                "DEMO-013",
                "DEMO-014",
                "DEMO-018",
                "DEMO-019",
                "DEMO-021",
                "DEMO-025",
                "DEMO-029",
                "DEMO-032",
                "DEMO-068",
            }
        ),
    ),
    (
        "broad_topic",
        "air emissions and air quality",
        frozenset(
            {
                "DEMO-005",
                "DEMO-013",
                "DEMO-014",
                "DEMO-018",
                "DEMO-019",
                "DEMO-021",
                "DEMO-025",
                "DEMO-029",
                "DEMO-032",
                "DEMO-068",
            }
        ),
    ),
    (
        "broad_topic",
        "dịch vụ môi trường",
        frozenset(
            {
                "DEMO-047",
                "DEMO-048",
                "DEMO-049",
                "DEMO-050",
                "DEMO-051",
                "DEMO-052",
                "DEMO-053",
                "DEMO-054",
                "DEMO-055",
                "DEMO-056",
                "DEMO-057",
                "DEMO-058",
                "DEMO-059",
                "DEMO-060",
                "DEMO-061",
                "DEMO-062",
                "DEMO-063",
                "DEMO-064",
                "DEMO-065",
                "DEMO-068",
            }
        ),
    ),
    (
        "broad_topic",
        "foreign direct investment projects",
        frozenset(
            {
                "DEMO-002",
                "DEMO-005",
                "DEMO-010",
                "DEMO-013",
                "DEMO-015",
                "DEMO-018",
                "DEMO-021",
                "DEMO-025",
                "DEMO-028",
                "DEMO-031",
                "DEMO-037",
                "DEMO-041",
                "DEMO-042",
                "DEMO-054",
                "DEMO-063",
            }
        ),
    ),
    (
        "broad_topic",
        "public-private partnership",
        frozenset(
            {
                "DEMO-001",
                "DEMO-009",
                "DEMO-016",
                "DEMO-035",
                "DEMO-036",
                "DEMO-049",
                "DEMO-052",
                "DEMO-053",
                "DEMO-055",
                "DEMO-056",
                "DEMO-059",
            }
        ),
    ),
    (
        "broad_topic",
        "xa hoi hoa",
        frozenset(
            {
                "DEMO-012",
                "DEMO-024",
                "DEMO-045",
                "DEMO-047",
                "DEMO-048",
                "DEMO-050",
                "DEMO-051",
                "DEMO-061",
                "DEMO-062",
                "DEMO-065",
            }
        ),
    ),
    (
        "broad_topic",
        "water and wastewater treatment",
        frozenset(
            {
                "DEMO-008",
                "DEMO-015",
                "DEMO-017",
                "DEMO-020",
                "DEMO-022",
                "DEMO-023",
                "DEMO-024",
                "DEMO-026",
                "DEMO-027",
                "DEMO-029",
                "DEMO-030",
                "DEMO-031",
                "DEMO-034",
                "DEMO-043",
                "DEMO-047",
                "DEMO-048",
                "DEMO-049",
                "DEMO-050",
                "DEMO-051",
                "DEMO-052",
                "DEMO-053",
                "DEMO-054",
                "DEMO-055",
                "DEMO-061",
                "DEMO-065",
                "DEMO-066",
            }
        ),
    ),
    (
        "broad_topic",
        "manufacturing investment opportunities",
        frozenset(
            {
                "DEMO-001",
                "DEMO-002",
                "DEMO-003",
                "DEMO-004",
                "DEMO-005",
                "DEMO-006",
                "DEMO-007",
                "DEMO-008",
                "DEMO-010",
                "DEMO-013",
                "DEMO-014",
                "DEMO-015",
                "DEMO-016",
                "DEMO-017",
                "DEMO-018",
                "DEMO-019",
                "DEMO-020",
                "DEMO-021",
                "DEMO-022",
                "DEMO-023",
                "DEMO-024",
                "DEMO-025",
                "DEMO-026",
                "DEMO-027",
                "DEMO-029",
                "DEMO-030",
                "DEMO-031",
                "DEMO-032",
                "DEMO-033",
                "DEMO-034",
                "DEMO-037",
                "DEMO-041",
                "DEMO-042",
                "DEMO-043",
                "DEMO-044",
            }
        ),
    ),
    # --- english_morphology
    ("english_morphology", "incinerater manufacturer", frozenset({"DEMO-004", "DEMO-005"})),
    ("english_morphology", "compost straw in the field", frozenset({"DEMO-032"})),
    ("english_morphology", "recycled construction rubble", frozenset({"DEMO-064"})),
    ("english_morphology", "effluent monitors", frozenset({"DEMO-021"})),
    ("english_morphology", "filtering dust from boilers", frozenset({"DEMO-013", "DEMO-018"})),
    ("english_morphology", "pumping station overhauls", frozenset({"DEMO-016"})),
    ("english_morphology", "charging stations for electric motorbikes", frozenset({"DEMO-042"})),
    ("english_morphology", "catalytic converters for boilers", frozenset({"DEMO-014", "DEMO-025"})),
    ("english_morphology", "adsorb heavy metal", frozenset({"DEMO-030"})),
    ("english_morphology", "sorted waste conveyor", frozenset({"DEMO-003"})),
    ("english_morphology", "sweeping trucks", frozenset({"DEMO-002"})),
    ("english_morphology", "dismantle electronics", frozenset({"DEMO-063"})),
    ("english_morphology", "upgraded park wastewater plant", frozenset({"DEMO-054"})),
    ("english_morphology", "dredged river sediment", frozenset({"DEMO-060"})),
    ("english_morphology", "consultants for environmental impact assessment", frozenset({"DEMO-058"})),
    ("english_morphology", "remediating polluted land", frozenset({"DEMO-059"})),
    ("english_morphology", "pelletizing rice husk", frozenset({"DEMO-007"})),
    ("english_morphology", "audit energy use in offices", frozenset({"DEMO-040"})),
    ("english_morphology", "brick making from waste", frozenset({"DEMO-033", "DEMO-064"})),
    ("english_morphology", "converting diesel garbage trucks to electric", frozenset({"DEMO-009"})),
    ("english_morphology", "assembling electric scooters", frozenset({"DEMO-044"})),
    ("english_morphology", "lights powered by solar", frozenset({"DEMO-045"})),
    # --- us_uk
    (
        "us_uk",
        "centralized wastewater treatment",
        frozenset(
            {
                "DEMO-047",
                "DEMO-048",
                "DEMO-049",
                "DEMO-050",
                "DEMO-051",
                "DEMO-052",
                "DEMO-053",
                "DEMO-054",
                "DEMO-055",
                "DEMO-061",
            }
        ),
    ),
    ("us_uk", "odor control biofilter", frozenset({"DEMO-019"})),
    ("us_uk", "flue gas desulfurization", frozenset({"DEMO-014", "DEMO-018"})),
    ("us_uk", "sulphur oxides removal", frozenset({"DEMO-014", "DEMO-018"})),
    ("us_uk", "fertilizer from dairy manure", frozenset({"DEMO-039"})),
    ("us_uk", "organic fertiliser from household waste", frozenset({"DEMO-006", "DEMO-012", "DEMO-062"})),
    ("us_uk", "tire pyrolysis oil", frozenset({"DEMO-028"})),
    ("us_uk", "tyre recyling plant", frozenset({"DEMO-028"})),
    ("us_uk", "polyaluminum chloride coagulant", frozenset({"DEMO-031"})),
    ("us_uk", "environmental license consulting", frozenset({"DEMO-058"})),
    ("us_uk", "bottom ash utilization", frozenset({"DEMO-033"})),
    ("us_uk", "refuse lorries", frozenset({"DEMO-001", "DEMO-009"})),
    ("us_uk", "garbage truck factory", frozenset({"DEMO-001"})),
    ("us_uk", "fine bubble disk diffusers", frozenset({"DEMO-020"})),
    ("us_uk", "colour removal dyeing effluent", frozenset({"DEMO-048"})),
    ("us_uk", "energy efficiency program public buildings", frozenset({"DEMO-040"})),
    ("us_uk", "commercialize research on treatment materials", frozenset({"DEMO-067"})),
    ("us_uk", "collection route optimization", frozenset({"DEMO-010"})),
    ("us_uk", "analyse environmental samples laboratory", frozenset({"DEMO-057"})),
    # --- half_typed
    ("half_typed", "bag filt", frozenset({"DEMO-013"})),
    ("half_typed", "Bat Tr", frozenset({"DEMO-026", "DEMO-047"})),
    ("half_typed", "Phú Ngh", frozenset({"DEMO-006", "DEMO-055"})),
    ("half_typed", "KCN Quang M", frozenset({"DEMO-054"})),
    ("half_typed", "xử lý khí th", frozenset({"DEMO-005", "DEMO-013", "DEMO-014", "DEMO-018", "DEMO-025", "DEMO-029"})),
    ("half_typed", "trạm sạc xe đi", frozenset({"DEMO-042"})),
    ("half_typed", "pyro", frozenset({"DEMO-028"})),
    ("half_typed", "sludge suc", frozenset({"DEMO-001"})),
    ("half_typed", "rooftop sol", frozenset({"DEMO-037", "DEMO-038", "DEMO-045", "DEMO-046"})),
    ("half_typed", "xe quét đư", frozenset({"DEMO-002"})),
    ("half_typed", "chế phẩm vi s", frozenset({"DEMO-026", "DEMO-032"})),
    ("half_typed", "Noi Bai PA", frozenset({"DEMO-031"})),
    ("half_typed", "e-motorbike batt", frozenset({"DEMO-044"})),
    ("half_typed", "Đan Phượng nước th", frozenset({"DEMO-023", "DEMO-065"})),
    ("half_typed", "Thạch Thất khí th", frozenset({"DEMO-005", "DEMO-013", "DEMO-018"})),
    ("half_typed", "Hoai Duc sol", frozenset({"DEMO-046"})),
    ("half_typed", "waste-to-en", frozenset({"DEMO-035", "DEMO-036"})),
    ("half_typed", "Ba Vi bio", frozenset({"DEMO-039"})),
    ("half_typed", "electrostatic prec", frozenset({"DEMO-013"})),
    ("half_typed", "tro xỉ lò đ", frozenset({"DEMO-033"})),
    (
        "half_typed",
        "xu ly nuoc thai lang ng",
        frozenset({"DEMO-026", "DEMO-030", "DEMO-047", "DEMO-048", "DEMO-049", "DEMO-050", "DEMO-051", "DEMO-061"}),
    ),
    # --- short_tokens
    ("short_tokens", "khử NOx", frozenset({"DEMO-014", "DEMO-025"})),
    ("short_tokens", "SOx lò hơi", frozenset({"DEMO-014", "DEMO-018"})),
    ("short_tokens", "VOC treatment", frozenset({"DEMO-014"})),
    ("short_tokens", "xử lý H2S và mùi", frozenset({"DEMO-014", "DEMO-019"})),
    ("short_tokens", "màng MBR", frozenset({"DEMO-020"})),
    ("short_tokens", "MBBR", frozenset({"DEMO-027"})),
    ("short_tokens", "hóa chất PAC", frozenset({"DEMO-031"})),
    ("short_tokens", "SCR catalist", frozenset({"DEMO-025"})),
    ("short_tokens", "đèn LED", frozenset({"DEMO-041"})),
    ("short_tokens", "EV", frozenset({"DEMO-002", "DEMO-009", "DEMO-042", "DEMO-044"})),
    ("short_tokens", "3000 m3/ngày đêm", frozenset({"DEMO-047", "DEMO-053"})),
    ("short_tokens", "XLNT 500 m³/ngày", frozenset({"DEMO-015"})),
    ("short_tokens", "30 MW", frozenset({"DEMO-035"})),
    ("short_tokens", "15 MWp", frozenset({"DEMO-038"})),
    ("short_tokens", "500 kWp", frozenset({"DEMO-045"})),
    ("short_tokens", "kiểm kê CO2", frozenset({"DEMO-058"})),
    ("short_tokens", "dầu FO từ nhựa thải", frozenset({"DEMO-028"})),
    ("short_tokens", "HVAC retrofit", frozenset({"DEMO-040"})),
    ("short_tokens", "QCVN 61-MT", frozenset({"DEMO-004"})),
    ("short_tokens", "C&D waste", frozenset({"DEMO-064"})),
    ("short_tokens", "VILAS lab", frozenset({"DEMO-057"})),
    ("short_tokens", "COx", frozenset({"DEMO-014"})),
    # --- english_multiword
    ("english_multiword", "fill level sensors", frozenset({"DEMO-010"})),
    ("english_multiword", "packaged wastewater plants for schools", frozenset({"DEMO-015"})),
    ("english_multiword", "two stage incinerator", frozenset({"DEMO-005"})),
    ("english_multiword", "heavy metal adsorbents", frozenset({"DEMO-030"})),
    ("english_multiword", "precious metal recovery", frozenset({"DEMO-063"})),
    ("english_multiword", "glass noodle village", frozenset({"DEMO-050"})),
    ("english_multiword", "greenhouse gas inventroy", frozenset({"DEMO-058"})),
    ("english_multiword", "shared savings contracts", frozenset({"DEMO-040"})),
    ("english_multiword", "dairy manure biogas", frozenset({"DEMO-022", "DEMO-039"})),
    ("english_multiword", "street washing trucks", frozenset({"DEMO-002"})),
    ("english_multiword", "swapable battery packs", frozenset({"DEMO-044"})),
    ("english_multiword", "activated carbon from coconut shells", frozenset({"DEMO-029"})),
    ("english_multiword", "wastewater units for tour boats", frozenset({"DEMO-008"})),
    ("english_multiword", "drainage pumping stations", frozenset({"DEMO-016"})),
    ("english_multiword", "cement plant dust filters", frozenset({"DEMO-013"})),
    ("english_multiword", "closed landfill remediation", frozenset({"DEMO-059"})),
    ("english_multiword", "electric waste collection vehicles", frozenset({"DEMO-009"})),
    ("english_multiword", "high strength starch effluent", frozenset({"DEMO-049"})),
    ("english_multiword", "household drinking water filters", frozenset({"DEMO-017"})),
    ("english_multiword", "wholesale market solar roofs", frozenset({"DEMO-038"})),
    ("english_multiword", "enclosed transfer station", frozenset({"DEMO-011"})),
    # --- place_topic
    ("place_topic", "huyện Sóc Sơn chất thải rắn", frozenset({"DEMO-001", "DEMO-009", "DEMO-035", "DEMO-056"})),
    ("place_topic", "Gia Lam nuoc thai", frozenset({"DEMO-026", "DEMO-047"})),
    ("place_topic", "Dong Anh solar panels", frozenset({"DEMO-037"})),
    ("place_topic", "Mê Linh khí thải", frozenset({"DEMO-014"})),
    ("place_topic", "Thanh Tri wastewater equipment", frozenset({"DEMO-020"})),
    ("place_topic", "Hà Đông làng nghề", frozenset({"DEMO-048"})),
    ("place_topic", "Quoc Oai lang nghe mien", frozenset({"DEMO-050"})),
    ("place_topic", "Long Bien district recycling", frozenset({"DEMO-063"})),
    ("place_topic", "Thach That wastewater", frozenset({"DEMO-051"})),
    ("place_topic", "Hoài Đức xử lý nước thải", frozenset({"DEMO-049"})),
    ("place_topic", "Soc Son hazardus waste", frozenset({"DEMO-056"})),
    ("place_topic", "Ứng Hòa rác sinh hoạt", frozenset({"DEMO-062"})),
    ("place_topic", "Thường Tín cụm công nghiệp", frozenset({"DEMO-053"})),
    ("place_topic", "Ba Vì ủ phân", frozenset({"DEMO-012"})),
    ("place_topic", "xã Xuân Mai chăn nuôi", frozenset({"DEMO-022"})),
    ("place_topic", "Nam Từ Liêm chất thải xây dựng", frozenset({"DEMO-064"})),
    ("place_topic", "Son Tay waste to energy", frozenset({"DEMO-036"})),
    ("place_topic", "phuong Yen So may bom", frozenset({"DEMO-016"})),
    ("place_topic", "Me Linh wastewater", frozenset({"DEMO-027", "DEMO-054"})),
    ("place_topic", "Chương Mỹ khu công nghiệp", frozenset({"DEMO-055"})),
    ("place_topic", "Thanh Xuan LED lighting", frozenset({"DEMO-041"})),
    ("place_topic", "Hoàng Mai quan trắc", frozenset({"DEMO-057"})),
    ("place_topic", "Cau Giay environmental consulting", frozenset({"DEMO-058"})),
    # --- ward_park_both_eras
    ("ward_park_both_eras", "Phúc Lợi", frozenset({"DEMO-010"})),
    ("ward_park_both_eras", "phuong Viet Hung", frozenset({"DEMO-063"})),
    ("ward_park_both_eras", "xã Quang Minh", frozenset({"DEMO-004", "DEMO-054"})),
    ("ward_park_both_eras", "Noi Bai industrial park", frozenset({"DEMO-031"})),
    ("ward_park_both_eras", "KCN Thạch Thất - Quốc Oai", frozenset({"DEMO-018"})),
    ("ward_park_both_eras", "Phu Nghia industial park", frozenset({"DEMO-055"})),
    ("ward_park_both_eras", "Tây Phương", frozenset({"DEMO-013", "DEMO-051"})),
    ("ward_park_both_eras", "Hạ Bằng", frozenset({"DEMO-005"})),
    ("ward_park_both_eras", "thị xã Sơn Tây", frozenset({"DEMO-024", "DEMO-036"})),
    ("ward_park_both_eras", "huyện Gia Lâm", frozenset({"DEMO-003", "DEMO-026", "DEMO-042", "DEMO-047"})),
    ("ward_park_both_eras", "quan Hoang Mai", frozenset({"DEMO-016", "DEMO-057"})),
    ("ward_park_both_eras", "Chuong My district", frozenset({"DEMO-006", "DEMO-022", "DEMO-044", "DEMO-055"})),
    ("ward_park_both_eras", "Thạch Thất", frozenset({"DEMO-005", "DEMO-013", "DEMO-018", "DEMO-028", "DEMO-051"})),
    ("ward_park_both_eras", "phường Long Biên", frozenset({"DEMO-021"})),
    ("ward_park_both_eras", "quận Long Biên", frozenset({"DEMO-010", "DEMO-021", "DEMO-063"})),
    ("ward_park_both_eras", "xa Soc Son", frozenset({"DEMO-001", "DEMO-035", "DEMO-056"})),
    ("ward_park_both_eras", "Nam Sơn", frozenset({"DEMO-001", "DEMO-035"})),
    ("ward_park_both_eras", "Kiến Hưng", frozenset({"DEMO-017"})),
    ("ward_park_both_eras", "Thượng Cát ward", frozenset({"DEMO-019"})),
    ("ward_park_both_eras", "Ô Diên", frozenset({"DEMO-065"})),
    ("ward_park_both_eras", "Dai Xuyen commune", frozenset({"DEMO-061"})),
    ("ward_park_both_eras", "Thư Lâm", frozenset({"DEMO-015"})),
    ("ward_park_both_eras", "Giang Vo", frozenset({"DEMO-068"})),
    ("ward_park_both_eras", "Phung Xa", frozenset({"DEMO-051"})),
    # --- abbreviations
    (
        "abbreviations",
        "Sở TN&MT",
        frozenset({"DEMO-009", "DEMO-056", "DEMO-057", "DEMO-058", "DEMO-059", "DEMO-063", "DEMO-068"}),
    ),
    (
        "abbreviations",
        "so NN&MT",
        frozenset({"DEMO-009", "DEMO-056", "DEMO-057", "DEMO-058", "DEMO-059", "DEMO-063", "DEMO-068"}),
    ),
    (
        "abbreviations",
        "Sở KH&CN",
        frozenset(
            {"DEMO-019", "DEMO-025", "DEMO-026", "DEMO-027", "DEMO-029", "DEMO-030", "DEMO-032", "DEMO-034", "DEMO-067"}
        ),
    ),
    (
        "abbreviations",
        "BQL KCN&CX",
        frozenset({"DEMO-013", "DEMO-018", "DEMO-021", "DEMO-031", "DEMO-054", "DEMO-055"}),
    ),
    ("abbreviations", "NMXLNT KCN", frozenset({"DEMO-054", "DEMO-055"})),
    (
        "abbreviations",
        "HTXLNT làng nghề",
        frozenset({"DEMO-047", "DEMO-048", "DEMO-049", "DEMO-050", "DEMO-051", "DEMO-061"}),
    ),
    ("abbreviations", "XLNT CCN", frozenset({"DEMO-052", "DEMO-053"})),
    ("abbreviations", "CTNH", frozenset({"DEMO-005", "DEMO-056"})),
    ("abbreviations", "lò đốt CTR sinh hoạt", frozenset({"DEMO-004", "DEMO-035", "DEMO-036"})),
    ("abbreviations", "tái chế CTR xây dựng", frozenset({"DEMO-064"})),
    (
        "abbreviations",
        "NLTT",
        frozenset({"DEMO-007", "DEMO-035", "DEMO-036", "DEMO-037", "DEMO-038", "DEMO-039", "DEMO-045", "DEMO-046"}),
    ),
    ("abbreviations", "ĐMT áp mái", frozenset({"DEMO-037", "DEMO-038", "DEMO-045", "DEMO-046"})),
    (
        "abbreviations",
        "du an XHH",
        frozenset(
            {
                "DEMO-012",
                "DEMO-024",
                "DEMO-045",
                "DEMO-047",
                "DEMO-048",
                "DEMO-050",
                "DEMO-051",
                "DEMO-061",
                "DEMO-062",
                "DEMO-065",
            }
        ),
    ),
    ("abbreviations", "PPP nước thải", frozenset({"DEMO-049", "DEMO-052", "DEMO-053", "DEMO-055"})),
    ("abbreviations", "lập ĐTM", frozenset({"DEMO-058"})),
    ("abbreviations", "WWTP upgrade", frozenset({"DEMO-054"})),
    ("abbreviations", "WtE", frozenset({"DEMO-035", "DEMO-036"})),
    ("abbreviations", "CEMS", frozenset({"DEMO-021"})),
    ("abbreviations", "TKNL", frozenset({"DEMO-040", "DEMO-041"})),
    ("abbreviations", "Sở GTVT", frozenset({"DEMO-016", "DEMO-060", "DEMO-064", "DEMO-066"})),
    ("abbreviations", "QTMT tự động", frozenset({"DEMO-021", "DEMO-060", "DEMO-068"})),
    (
        "abbreviations",
        "UBND xã chủ trì",
        frozenset({"DEMO-011", "DEMO-012", "DEMO-024", "DEMO-045", "DEMO-061", "DEMO-062", "DEMO-065"}),
    ),
    (
        "abbreviations",
        "Sở CT HN",
        frozenset(
            {
                "DEMO-001",
                "DEMO-002",
                "DEMO-003",
                "DEMO-004",
                "DEMO-005",
                "DEMO-006",
                "DEMO-007",
                "DEMO-008",
                "DEMO-010",
                "DEMO-014",
                "DEMO-015",
                "DEMO-017",
                "DEMO-020",
                "DEMO-022",
                "DEMO-023",
                "DEMO-028",
                "DEMO-033",
                "DEMO-035",
                "DEMO-036",
                "DEMO-037",
                "DEMO-038",
                "DEMO-039",
                "DEMO-040",
                "DEMO-041",
                "DEMO-042",
                "DEMO-043",
                "DEMO-044",
                "DEMO-046",
                "DEMO-047",
                "DEMO-048",
                "DEMO-049",
                "DEMO-050",
                "DEMO-051",
                "DEMO-052",
                "DEMO-053",
            }
        ),
    ),
    ("abbreviations", "FDI khí thải", frozenset({"DEMO-005", "DEMO-013", "DEMO-018", "DEMO-021", "DEMO-025"})),
]

NO_ANSWER_B: list[str] = [
    "điện gió Ba Vì",
    "offshore wind turbine factory",
    "thuy dien nho",
    "radioactive waste storage facility",
    "nhà máy tái chế thủy tinh",
    "seawater desalination plant",
    "carbon capture and storage",
    "dầu DO sinh học từ dầu ăn thải",
    "trung hòa pH nước thải mỏ than",
    "khẩu trang lọc bụi PM2.5",
    "điện hạt nhân",
    "green hydrogen electrolyzer",
    "nhà máy giấy tái chế",
    "geothermal heat pumps",
]
