"""Held-out search evaluation set for the demo project catalogue.

Written on 2026-11-30, before any change for issue 16, by someone who did not write the
search or ranking code and did not look at it, run it, or read the existing evaluation set.
Every judgement comes from the projects' own texts in catalogue/data/demo_projects.csv
(names, descriptions, district, ward, capacity, lead agency), read with the reference lists
districts.csv, wards.csv, categories.csv, investment_forms.csv, agencies.csv and synonyms.csv.

Relevance is judged over the demo projects only (DEMO-001 .. DEMO-068). Nothing outside the
demo data counts as relevant or irrelevant.

How to read an entry of HELDOUT::

    ("class", "query as a person would type it", frozenset({"DEMO-0xx", ...}))

- class: the kind of difficulty the query tests (see below).
- query: typed text, with or without Vietnamese accents, sometimes half-typed at the end.
- the frozenset: ALL demo projects a searcher typing the query would want to see. It is meant
  to be complete (for recall) and strict (for precision@10): a project that only shares one
  generic word with the query is not in it. Order inside the set means nothing.

Conventions used when judging:

- Status is ignored: draft (DEMO-012, DEMO-034) and withdrawn (DEMO-024) projects are judged
  on their topic like the others; a harness that hides them should drop them from the sets.
- A place in a query means the project's district (pre-2025 name) or ward/commune (2025 name)
  fields, or a place named in the project's own name or description.
- Agency abbreviations ("Sở TN&MT", "Sở KH&CN", "BQL KCN&CX", "UBND xã") mean the project's
  lead agency; Sở TN&MT is judged as its 2025 successor, Sở Nông nghiệp và Môi trường.
- "Wastewater treatment" covers plants, equipment and materials explicitly for treating
  wastewater (including MBR membranes, MBBR carriers, PAC, microbial products, adsorbents),
  but not odour control, effluent monitoring or lake-water treatment.
- "Waste incineration" covers incinerator makers and waste-to-energy (đốt rác phát điện)
  plants, but not the catalyst or incinerator-ash projects.

Classes: english_morphology, us_uk, half_typed, short_tokens, english_multiword, place_topic,
ward_park_both_eras, abbreviations. NO_ANSWER lists queries with no relevant demo project.
"""

from __future__ import annotations

HELDOUT: list[tuple[str, str, frozenset[str]]] = [
    # --- english_morphology: word forms that differ from the project texts ---
    ("english_morphology", "waste incineration", frozenset({"DEMO-004", "DEMO-005", "DEMO-035", "DEMO-036"})),
    ("english_morphology", "incinerating hazardous waste", frozenset({"DEMO-005"})),
    ("english_morphology", "compost from organic waste", frozenset({"DEMO-006", "DEMO-012", "DEMO-062"})),
    ("english_morphology", "recycle", frozenset({"DEMO-033", "DEMO-063", "DEMO-064"})),
    ("english_morphology", "recycled building materials", frozenset({"DEMO-033", "DEMO-064"})),
    ("english_morphology", "treating livestock effluent", frozenset({"DEMO-022"})),
    ("english_morphology", "continuously monitored emissions", frozenset({"DEMO-021"})),
    ("english_morphology", "pyrolysing plastics", frozenset({"DEMO-028"})),
    ("english_morphology", "compacting garbage trucks", frozenset({"DEMO-001"})),
    ("english_morphology", "dredged river", frozenset({"DEMO-060"})),
    ("english_morphology", "filtering drinking water", frozenset({"DEMO-017", "DEMO-034", "DEMO-043"})),
    ("english_morphology", "electrostatic precipitation", frozenset({"DEMO-013"})),
    ("english_morphology", "adsorbing heavy metals", frozenset({"DEMO-030"})),
    ("english_morphology", "dismantling electronics", frozenset({"DEMO-063"})),
    ("english_morphology", "electric vehicle charging", frozenset({"DEMO-042"})),
    ("english_morphology", "sweeping roads", frozenset({"DEMO-002"})),
    ("english_morphology", "energy auditing", frozenset({"DEMO-040"})),
    ("english_morphology", "remediating polluted land", frozenset({"DEMO-059"})),
    ("english_morphology", "disinfecting water", frozenset({"DEMO-043"})),
    ("english_morphology", "aerators", frozenset({"DEMO-020"})),
    ("english_morphology", "pelletizing straw", frozenset({"DEMO-007"})),
    ("english_morphology", "sort waste at source", frozenset({"DEMO-003"})),
    ("english_morphology", "composted straw", frozenset({"DEMO-032"})),
    # --- us_uk: American spellings where the texts are British (or Vietnamese only) ---
    ("us_uk", "odor control equipment", frozenset({"DEMO-014", "DEMO-019"})),
    ("us_uk", "odor removal activated carbon", frozenset({"DEMO-014", "DEMO-019"})),
    ("us_uk", "odor control wastewater plant", frozenset({"DEMO-019"})),
    ("us_uk", "flue gas desulfurization", frozenset({"DEMO-014", "DEMO-018"})),
    ("us_uk", "boiler desulfurization", frozenset({"DEMO-018"})),
    ("us_uk", "sulfur dioxide removal", frozenset({"DEMO-014", "DEMO-018"})),
    ("us_uk", "electric garbage truck service center", frozenset({"DEMO-009"})),
    ("us_uk", "logistics center rooftop solar", frozenset({"DEMO-038"})),
    ("us_uk", "environmental analysis center", frozenset({"DEMO-057"})),
    (
        "us_uk",
        "centralized wastewater treatment",
        frozenset({"DEMO-047", "DEMO-052", "DEMO-053", "DEMO-054", "DEMO-055"}),
    ),
    ("us_uk", "centralized hazardous waste treatment", frozenset({"DEMO-056"})),
    ("us_uk", "centralized wastewater ceramics village", frozenset({"DEMO-047"})),
    ("us_uk", "organic fertilizer", frozenset({"DEMO-006", "DEMO-012", "DEMO-039", "DEMO-062"})),
    ("us_uk", "digestate fertilizer", frozenset({"DEMO-039"})),
    ("us_uk", "optimize garbage collection routes", frozenset({"DEMO-010"})),
    ("us_uk", "commercialization of environmental treatment materials", frozenset({"DEMO-067"})),
    ("us_uk", "specialized garbage trucks", frozenset({"DEMO-001", "DEMO-009"})),
    ("us_uk", "lake odor algae", frozenset({"DEMO-066"})),
    # --- half_typed: last word cut short, as someone types ---
    ("half_typed", "nước thải Bát Tr", frozenset({"DEMO-026", "DEMO-047"})),
    ("half_typed", "waste incin", frozenset({"DEMO-004", "DEMO-005", "DEMO-035", "DEMO-036"})),
    (
        "half_typed",
        "xu ly nuoc thai lang ng",
        frozenset({"DEMO-026", "DEMO-030", "DEMO-047", "DEMO-048", "DEMO-049", "DEMO-050", "DEMO-051", "DEMO-061"}),
    ),
    (
        "half_typed",
        "craft village wastew",
        frozenset({"DEMO-026", "DEMO-030", "DEMO-047", "DEMO-048", "DEMO-049", "DEMO-050", "DEMO-051", "DEMO-061"}),
    ),
    ("half_typed", "điện mặt trời mái nh", frozenset({"DEMO-037", "DEMO-038", "DEMO-045", "DEMO-046"})),
    ("half_typed", "dien mat troi mai nh", frozenset({"DEMO-037", "DEMO-038", "DEMO-045", "DEMO-046"})),
    ("half_typed", "rooftop sol", frozenset({"DEMO-037", "DEMO-038", "DEMO-045", "DEMO-046"})),
    ("half_typed", "lò đốt chất thải nguy h", frozenset({"DEMO-005"})),
    ("half_typed", "lo dot chat thai r", frozenset({"DEMO-004"})),
    ("half_typed", "electrostatic precip", frozenset({"DEMO-013"})),
    ("half_typed", "activated carb", frozenset({"DEMO-014", "DEMO-019", "DEMO-029"})),
    ("half_typed", "than hoat t", frozenset({"DEMO-014", "DEMO-019", "DEMO-029"})),
    ("half_typed", "trạm trung chuyển rác khép k", frozenset({"DEMO-011"})),
    ("half_typed", "quan trắc tự đ", frozenset({"DEMO-021", "DEMO-060", "DEMO-068"})),
    ("half_typed", "quan trac moi tr", frozenset({"DEMO-021", "DEMO-057", "DEMO-060", "DEMO-068"})),
    ("half_typed", "xe thu gom rác chạy đi", frozenset({"DEMO-009"})),
    ("half_typed", "tram sac xe d", frozenset({"DEMO-042"})),
    ("half_typed", "dairy manure biog", frozenset({"DEMO-039"})),
    ("half_typed", "đốt rác phát điện Nam S", frozenset({"DEMO-035"})),
    ("half_typed", "waste-to-ene", frozenset({"DEMO-035", "DEMO-036"})),
    ("half_typed", "sông Tô L", frozenset({"DEMO-060"})),
    ("half_typed", "lọc bụi túi v", frozenset({"DEMO-013"})),
    ("half_typed", "solar street li", frozenset({"DEMO-045"})),
    ("half_typed", "e-waste recyc", frozenset({"DEMO-063"})),
    ("half_typed", "heavy met", frozenset({"DEMO-030", "DEMO-051"})),
    # --- short_tokens: short technical tokens, units and numbers ---
    ("short_tokens", "NOx", frozenset({"DEMO-014", "DEMO-025"})),
    ("short_tokens", "SOx", frozenset({"DEMO-014", "DEMO-018"})),
    ("short_tokens", "H2S", frozenset({"DEMO-014"})),
    ("short_tokens", "VOCs", frozenset({"DEMO-014"})),
    ("short_tokens", "PAC", frozenset({"DEMO-031"})),
    ("short_tokens", "MBR", frozenset({"DEMO-020"})),
    ("short_tokens", "MBBR", frozenset({"DEMO-027"})),
    ("short_tokens", "SCR", frozenset({"DEMO-025"})),
    ("short_tokens", "LED", frozenset({"DEMO-041"})),
    ("short_tokens", "500 kWp", frozenset({"DEMO-045"})),
    ("short_tokens", "MWp", frozenset({"DEMO-038", "DEMO-046"})),
    ("short_tokens", "30 MW", frozenset({"DEMO-035"})),
    ("short_tokens", "kiểm kê CO2", frozenset({"DEMO-058"})),
    ("short_tokens", "GHG", frozenset({"DEMO-058"})),
    ("short_tokens", "EIA", frozenset({"DEMO-058"})),
    ("short_tokens", "HVAC", frozenset({"DEMO-040"})),
    ("short_tokens", "ESCO", frozenset({"DEMO-040"})),
    ("short_tokens", "VILAS", frozenset({"DEMO-057"})),
    ("short_tokens", "QCVN 61", frozenset({"DEMO-004"})),
    ("short_tokens", "1-5 t/h", frozenset({"DEMO-004"})),
    ("short_tokens", "nuoc thai COD cao", frozenset({"DEMO-049"})),
    ("short_tokens", "sục khí DO", frozenset({"DEMO-020"})),
    ("short_tokens", "5000 m3/ngày đêm", frozenset({"DEMO-049", "DEMO-066"})),
    ("short_tokens", "20000 m3 nuoc cap", frozenset({"DEMO-043"})),
    ("short_tokens", "500 m³/day", frozenset({"DEMO-015"})),
    ("short_tokens", "EV charger", frozenset({"DEMO-042"})),
    # --- english_multiword: English queries, also for Vietnamese-only projects ---
    ("english_multiword", "sewage collection network for villages", frozenset({"DEMO-065"})),
    ("english_multiword", "West Lake water treatment", frozenset({"DEMO-066"})),
    (
        "english_multiword",
        "craft village wastewater treatment plant",
        frozenset({"DEMO-047", "DEMO-048", "DEMO-049", "DEMO-050", "DEMO-051", "DEMO-061"}),
    ),
    ("english_multiword", "household waste sorting and composting", frozenset({"DEMO-062"})),
    ("english_multiword", "technology transfer center for treatment materials", frozenset({"DEMO-067"})),
    ("english_multiword", "open air and water quality data for citizens", frozenset({"DEMO-068"})),
    ("english_multiword", "lacquerware bamboo village wastewater", frozenset({"DEMO-061"})),
    ("english_multiword", "rooftop solar for factories", frozenset({"DEMO-046"})),
    ("english_multiword", "electric garbage truck conversion", frozenset({"DEMO-009"})),
    ("english_multiword", "energy efficient street lighting", frozenset({"DEMO-041", "DEMO-045"})),
    ("english_multiword", "plastic waste to fuel oil", frozenset({"DEMO-028"})),
    ("english_multiword", "hospital wastewater treatment", frozenset({"DEMO-015", "DEMO-024"})),
    ("english_multiword", "landfill leachate treatment", frozenset({"DEMO-059"})),
    ("english_multiword", "river dredging", frozenset({"DEMO-060"})),
    ("english_multiword", "industrial boiler dust removal", frozenset({"DEMO-013", "DEMO-018"})),
    ("english_multiword", "rural drinking water supply", frozenset({"DEMO-017"})),
    ("english_multiword", "tour boat sewage treatment", frozenset({"DEMO-008"})),
    ("english_multiword", "biomass pellets from rice husk", frozenset({"DEMO-007"})),
    ("english_multiword", "greenhouse gas inventory", frozenset({"DEMO-058"})),
    ("english_multiword", "biogas from starch wastewater", frozenset({"DEMO-049"})),
    ("english_multiword", "smart bins with fill level sensors", frozenset({"DEMO-010"})),
    ("english_multiword", "flood drainage pumps", frozenset({"DEMO-016"})),
    ("english_multiword", "battery swapping electric scooters", frozenset({"DEMO-044"})),
    ("english_multiword", "silk dyeing effluent", frozenset({"DEMO-048"})),
    ("english_multiword", "septic tanks for households", frozenset({"DEMO-023"})),
    # --- place_topic: a place plus a topic ---
    ("place_topic", "nước thải Gia Lâm", frozenset({"DEMO-026", "DEMO-047"})),
    ("place_topic", "xu ly nuoc thai Chuong My", frozenset({"DEMO-022", "DEMO-055"})),
    ("place_topic", "rác Sóc Sơn", frozenset({"DEMO-001", "DEMO-009", "DEMO-035", "DEMO-056"})),
    ("place_topic", "solar Dong Anh", frozenset({"DEMO-037"})),
    ("place_topic", "Đông Anh wastewater", frozenset({"DEMO-015"})),
    ("place_topic", "Hoài Đức điện mặt trời", frozenset({"DEMO-046"})),
    ("place_topic", "Hoai Duc nuoc thai", frozenset({"DEMO-049"})),
    ("place_topic", "Ứng Hoà rác", frozenset({"DEMO-062"})),
    ("place_topic", "Ứng Hòa rơm rạ", frozenset({"DEMO-032"})),
    ("place_topic", "Thanh Oai cụm công nghiệp", frozenset({"DEMO-052"})),
    ("place_topic", "Thường Tín nước thải", frozenset({"DEMO-008", "DEMO-053"})),
    ("place_topic", "Thach That khi thai", frozenset({"DEMO-005", "DEMO-013", "DEMO-018"})),
    ("place_topic", "Long Biên tái chế", frozenset({"DEMO-063"})),
    ("place_topic", "Mê Linh khí thải", frozenset({"DEMO-014"})),
    ("place_topic", "Me Linh nuoc thai", frozenset({"DEMO-027", "DEMO-054"})),
    ("place_topic", "Ba Vì biogas", frozenset({"DEMO-039"})),
    ("place_topic", "Ba Vi rac huu co", frozenset({"DEMO-012"})),
    ("place_topic", "Quốc Oai than hoạt tính", frozenset({"DEMO-029"})),
    ("place_topic", "Hà Đông làng nghề", frozenset({"DEMO-048"})),
    ("place_topic", "Thanh Tri nuoc cap", frozenset({"DEMO-043"})),
    ("place_topic", "Hoàng Mai quan trắc", frozenset({"DEMO-057"})),
    ("place_topic", "Đan Phượng nước thải sinh hoạt", frozenset({"DEMO-023", "DEMO-065"})),
    ("place_topic", "Tân Hoà miến dong", frozenset({"DEMO-050"})),
    ("place_topic", "Dân Hoà kim loại nặng", frozenset({"DEMO-030"})),
    ("place_topic", "Sơn Tây đốt rác", frozenset({"DEMO-036"})),
    ("place_topic", "Tây Hồ xử lý nước", frozenset({"DEMO-066"})),
    # --- ward_park_both_eras: 2025 wards/communes, pre-2025 districts, industrial parks ---
    ("ward_park_both_eras", "KCN Quang Minh", frozenset({"DEMO-054"})),
    ("ward_park_both_eras", "Quang Minh", frozenset({"DEMO-004", "DEMO-054"})),
    ("ward_park_both_eras", "KCN Nội Bài", frozenset({"DEMO-031"})),
    ("ward_park_both_eras", "Noi Bai", frozenset({"DEMO-031"})),
    ("ward_park_both_eras", "KCN Phú Nghĩa", frozenset({"DEMO-055"})),
    ("ward_park_both_eras", "Phú Nghĩa", frozenset({"DEMO-006", "DEMO-055"})),
    ("ward_park_both_eras", "KCN Thạch Thất - Quốc Oai", frozenset({"DEMO-018"})),
    ("ward_park_both_eras", "cụm công nghiệp Hà Bình Phương", frozenset({"DEMO-053"})),
    ("ward_park_both_eras", "xã Bát Tràng", frozenset({"DEMO-026", "DEMO-047"})),
    ("ward_park_both_eras", "phường Kiến Hưng nước sạch", frozenset({"DEMO-017"})),
    ("ward_park_both_eras", "xã Tây Phương", frozenset({"DEMO-013", "DEMO-051"})),
    ("ward_park_both_eras", "Phùng Xá", frozenset({"DEMO-051"})),
    ("ward_park_both_eras", "phường Xuân Phương", frozenset({"DEMO-064"})),
    ("ward_park_both_eras", "quận Nam Từ Liêm tái chế", frozenset({"DEMO-064"})),
    ("ward_park_both_eras", "phuong Viet Hung", frozenset({"DEMO-063"})),
    ("ward_park_both_eras", "phường Yên Sở trạm bơm", frozenset({"DEMO-016"})),
    ("ward_park_both_eras", "xã Ngọc Hồi màng MBR", frozenset({"DEMO-020"})),
    ("ward_park_both_eras", "phường Hoàng Liệt", frozenset({"DEMO-057"})),
    ("ward_park_both_eras", "xã Đại Thanh bãi rác", frozenset({"DEMO-059"})),
    ("ward_park_both_eras", "xã Vân Đình", frozenset({"DEMO-032"})),
    ("ward_park_both_eras", "thị xã Sơn Tây đốt rác", frozenset({"DEMO-036"})),
    ("ward_park_both_eras", "xa Trung Gia", frozenset({"DEMO-009"})),
    ("ward_park_both_eras", "xã Yên Bài bò sữa", frozenset({"DEMO-039"})),
    ("ward_park_both_eras", "xã Ô Diên", frozenset({"DEMO-065"})),
    ("ward_park_both_eras", "huyện Gia Lâm", frozenset({"DEMO-003", "DEMO-026", "DEMO-042", "DEMO-047"})),
    ("ward_park_both_eras", "huyện Mê Linh", frozenset({"DEMO-004", "DEMO-014", "DEMO-027", "DEMO-054"})),
    ("ward_park_both_eras", "Dương Liễu", frozenset({"DEMO-049"})),
    ("ward_park_both_eras", "xã Dương Hoà", frozenset({"DEMO-049"})),
    ("ward_park_both_eras", "Vạn Phúc", frozenset({"DEMO-048"})),
    ("ward_park_both_eras", "thị trấn Xuân Mai", frozenset({"DEMO-022"})),
    ("ward_park_both_eras", "phường Khương Đình", frozenset({"DEMO-041"})),
    ("ward_park_both_eras", "xã Phúc Thịnh", frozenset({"DEMO-033"})),
    ("ward_park_both_eras", "phường Giảng Võ", frozenset({"DEMO-068"})),
    ("ward_park_both_eras", "xã Thư Lâm", frozenset({"DEMO-015"})),
    # --- abbreviations: official abbreviations as people type them, mixed with topic words ---
    ("abbreviations", "XLNT KCN", frozenset({"DEMO-054", "DEMO-055"})),
    ("abbreviations", "XLNT CCN", frozenset({"DEMO-052", "DEMO-053"})),
    ("abbreviations", "WWTP KCN", frozenset({"DEMO-054", "DEMO-055"})),
    ("abbreviations", "NMXLNT KCN Phú Nghĩa", frozenset({"DEMO-055"})),
    (
        "abbreviations",
        "HTXLNT làng nghề",
        frozenset({"DEMO-047", "DEMO-048", "DEMO-049", "DEMO-050", "DEMO-051", "DEMO-061"}),
    ),
    ("abbreviations", "trạm XLNT y tế", frozenset({"DEMO-015", "DEMO-024"})),
    ("abbreviations", "xe thu gom CTR", frozenset({"DEMO-001", "DEMO-009"})),
    ("abbreviations", "lò đốt CTR", frozenset({"DEMO-004"})),
    ("abbreviations", "xử lý CTNH", frozenset({"DEMO-005", "DEMO-056"})),
    ("abbreviations", "CTR công nghiệp", frozenset({"DEMO-056"})),
    ("abbreviations", "phân loại CTRSH", frozenset({"DEMO-003", "DEMO-011", "DEMO-062"})),
    (
        "abbreviations",
        "Sở TN&MT",
        frozenset({"DEMO-009", "DEMO-056", "DEMO-057", "DEMO-058", "DEMO-059", "DEMO-063", "DEMO-068"}),
    ),
    (
        "abbreviations",
        "so tnmt",
        frozenset({"DEMO-009", "DEMO-056", "DEMO-057", "DEMO-058", "DEMO-059", "DEMO-063", "DEMO-068"}),
    ),
    (
        "abbreviations",
        "Sở KH&CN",
        frozenset(
            {
                "DEMO-019",
                "DEMO-025",
                "DEMO-026",
                "DEMO-027",
                "DEMO-029",
                "DEMO-030",
                "DEMO-032",
                "DEMO-034",
                "DEMO-067",
            }
        ),
    ),
    (
        "abbreviations",
        "BQL KCN&CX",
        frozenset({"DEMO-013", "DEMO-018", "DEMO-021", "DEMO-031", "DEMO-054", "DEMO-055"}),
    ),
    ("abbreviations", "UBND xã nước thải", frozenset({"DEMO-024", "DEMO-061", "DEMO-065"})),
    ("abbreviations", "thiết bị BVMT xử lý khí thải", frozenset({"DEMO-005", "DEMO-013", "DEMO-014", "DEMO-018"})),
    ("abbreviations", "ĐMT mái nhà", frozenset({"DEMO-037", "DEMO-038", "DEMO-045", "DEMO-046"})),
    ("abbreviations", "TKNL chiếu sáng", frozenset({"DEMO-040", "DEMO-041"})),
    ("abbreviations", "QTMT tự động", frozenset({"DEMO-021", "DEMO-060", "DEMO-068"})),
    ("abbreviations", "lập ĐTM", frozenset({"DEMO-058"})),
    ("abbreviations", "WtE", frozenset({"DEMO-035", "DEMO-036"})),
    ("abbreviations", "CEMS", frozenset({"DEMO-021"})),
]

NO_ANSWER: list[str] = [
    "điện gió",
    "offshore wind farm",
    "thủy điện tích năng",
    "geothermal power",
    "chất thải phóng xạ",
    "nuclear waste storage",
    "seawater desalination plant",
    "khai thác cát sông",
    "xử lý nước thải Cầu Giấy",
    "hydrogen fuel cell buses",
]
