"""Write catalogue/data/demo_projects.csv: ILLUSTRATIVE projects, invented from plan 275/KH-UBND.

The projects below are made up to show how the catalogue works. Their themes follow the
plan's sections III.5 (equipment, materials, energy) and III.6 (environmental services);
places are real Hanoi districts, wards, industrial parks and craft villages, but no
project here is official. Every row carries demo=true and a DEMO- code.

Run: python tools/make_demo_data.py   (rewrites the CSV deterministically)
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from catalogue.projects.demo import DEMO_MARK

DATA = Path(__file__).resolve().parent.parent / "catalogue" / "data"
SOURCE = (
    "Minh họa, soạn từ mục III.5 và III.6 của Kế hoạch 275/KH-UBND; không phải dự án chính thức / "
    "Illustrative, written from sections III.5 and III.6 of Plan 275/KH-UBND; not an official project"
)

INCENTIVES_VI = {
    "waste_equipment": "Ngành nghề đặc biệt ưu đãi đầu tư (xử lý chất thải) theo Nghị định 31/2021/NĐ-CP: ưu đãi thuế thu nhập doanh nghiệp, miễn, giảm tiền thuê đất.",
    "emission_treatment": "Sản xuất thiết bị xử lý ô nhiễm thuộc danh mục ưu đãi đầu tư (Nghị định 31/2021/NĐ-CP); hỗ trợ đổi mới công nghệ của Thành phố.",
    "treatment_materials": "Ưu đãi đầu tư cho sản phẩm công nghiệp môi trường; hỗ trợ nghiên cứu, chuyển giao công nghệ (nhiệm vụ II.2 của Kế hoạch).",
    "renewables": "Ưu đãi cho dự án năng lượng tái tạo và tiết kiệm năng lượng (Nghị định 31/2021/NĐ-CP).",
    "environmental_services": "Kêu gọi xã hội hóa đầu tư hạ tầng môi trường; ưu đãi thuế, miễn tiền thuê đất cho dự án thu gom, xử lý chất thải.",
}
INCENTIVES_EN = {
    "waste_equipment": "Special investment-incentive sector (waste treatment) under Decree 31/2021/ND-CP: corporate income tax incentives and land-rent exemption or reduction.",
    "emission_treatment": "Pollution-treatment equipment manufacturing is an incentivised sector (Decree 31/2021/ND-CP); city support for technology renewal.",
    "treatment_materials": "Incentives for environmental-industry products; support for research and technology transfer (plan task II.2).",
    "renewables": "Incentives for renewable-energy and energy-saving projects (Decree 31/2021/ND-CP).",
    "environmental_services": "Private capital invited for environmental infrastructure; tax incentives and land-rent exemption for waste collection and treatment projects.",
}
LEGAL = "Kế hoạch 275/KH-UBND ngày 20/11/2023; Quyết định 192/QĐ-TTg ngày 13/02/2017 (dữ liệu minh họa)"

# The kind of project (project_types.csv, from the plan's III.3): by default a factory for the four
# manufacturing categories and a centralised system for services; these projects are of another kind.
TYPES = {
    9: "services",
    28: "recycling",
    33: "recycling",
    35: "energy",
    36: "energy",
    38: "energy",
    39: "energy",
    40: "energy_efficiency",
    45: "energy",
    46: "energy",
    57: "services",
    58: "services",
    59: "services",
    60: "services",
    63: "recycling",
    64: "recycling",
    67: "services",
    68: "services",
}

# code, category, district, ward, form, status, lead, start, area_ha, vnd_bn, capacity, name_vi, name_en, desc_vi, desc_en
# fmt: off
P = [
 ('waste_equipment','soc_son','soc_son','ppp','calling','so_cong_thuong', 2027, 12, 1450, '300 xe/năm','Nhà máy sản xuất xe chuyên dùng thu gom, vận chuyển chất thải rắn Sóc Sơn','Soc Son factory for solid-waste collection and transport trucks','Sản xuất xe ép rác, xe chở chất thải rắn và xe hút bùn phục vụ thu gom rác đô thị, gần Khu liên hợp xử lý chất thải Nam Sơn.','Manufacture of compactor trucks, solid-waste haulers and sludge suction trucks for urban collection, close to the Nam Son waste complex.'),
 ('waste_equipment','dong_anh','dong_anh','fdi','calling','so_cong_thuong', 2027, 8.5, 920, '500 xe/năm','Nhà máy lắp ráp xe quét, hút bụi và phun nước đường phố','Street sweeper, vacuum and water-spray truck assembly plant','Lắp ráp xe quét đường, xe hút bụi và xe phun nước rửa đường cho các đô thị phía Bắc; ưu tiên xe chạy điện.','Assembly of road sweepers, vacuum trucks and street-washing trucks for northern cities, with electric models first.'),
 ('waste_equipment','gia_lam','gia_lam','joint_venture','negotiating','so_cong_thuong', 2026, 5, 380, '20 dây chuyền/năm','Xưởng chế tạo thiết bị phân loại rác tại nguồn và băng tải phân loại','Workshop for source-separation bins and waste-sorting conveyor lines','Chế tạo thùng phân loại rác, băng tải và sàng phân loại cho các trạm trung chuyển của Thành phố.', "Manufacture of sorting bins, conveyors and trommel screens for the city's transfer stations."),
 ('waste_equipment','me_linh','quang_minh','private_domestic','calling','so_cong_thuong', 2027, 10, 1100, '40 lò/năm','Nhà máy chế tạo lò đốt chất thải rắn thông thường công suất nhỏ','Factory for small municipal solid-waste incinerators','Sản xuất lò đốt chất thải rắn 1–5 tấn/giờ đạt QCVN 61-MT:2016 cho các xã chưa có điểm xử lý tập trung.','Production of 1–5 t/h solid-waste incinerators meeting QCVN 61-MT:2016 for communes without central treatment.'),
 ('waste_equipment','thach_that','ha_bang','fdi','calling','so_cong_thuong', 2028, 15, 2300, '12 lò/năm','Nhà máy chế tạo lò đốt chất thải nguy hại và thiết bị xử lý khí lò đốt','Hazardous-waste incinerator and flue-gas treatment plant','Chế tạo lò đốt chất thải nguy hại hai cấp kèm hệ thống xử lý khí thải, phục vụ khu công nghiệp và bệnh viện.','Two-stage hazardous-waste incinerators with flue-gas treatment for industrial parks and hospitals.'),
 ('waste_equipment','chuong_my','phu_nghia','private_domestic','awarded','so_cong_thuong', 2025, 6, 450, '10 dây chuyền/năm','Dây chuyền sản xuất phân vi sinh từ rác hữu cơ','Compost production lines from organic waste','Chế tạo và lắp đặt dây chuyền ủ phân vi sinh từ rác hữu cơ đã phân loại cho các xã ngoại thành.','Manufacture and installation of composting lines for separated organic waste in suburban communes.'),
 ('waste_equipment','phu_xuyen','phu_xuyen','joint_venture','calling','so_cong_thuong', 2027, 9, 680, '30.000 tấn viên nén/năm','Nhà máy thiết bị sản xuất viên nén nhiên liệu từ phụ phẩm nông nghiệp','Plant for biomass pellet production equipment','Chế tạo máy ép viên nén năng lượng từ rơm rạ, trấu và mùn cưa; xưởng mẫu sản xuất 30.000 tấn viên nén mỗi năm.','Pellet presses for fuel made from straw, rice husk and sawdust, with a demonstration line of 30,000 t of pellets a year.'),
 ('waste_equipment','thuong_tin','thuong_tin','private_domestic','calling','so_cong_thuong', 2027, 4, 210, '200 bộ/năm','Xưởng thiết bị xử lý chất thải trên phương tiện giao thông','Workshop for on-board waste treatment units for vehicles and boats','Sản xuất bộ xử lý chất thải, nước thải lắp trên tàu thuyền du lịch sông Hồng và xe khách đường dài.','Waste and wastewater treatment units for Red River tour boats and long-distance coaches.'),
 ('waste_equipment','soc_son','trung_gia','ppp','implementing','so_nn_mt', 2024, 3, 160, '120 xe/năm','Trung tâm bảo dưỡng, cải hoán xe thu gom rác chạy điện','Service and conversion centre for electric waste-collection vehicles','Bảo dưỡng và cải hoán xe thu gom rác sang động cơ điện cho các đơn vị vệ sinh môi trường.','Maintenance and conversion of waste-collection vehicles to electric drive for city sanitation companies.'),
 ('waste_equipment','long_bien','phuc_loi','fdi','calling','so_cong_thuong', 2027, 2.5, 540, '5.000 bộ/năm','Nhà máy sản xuất cảm biến và hệ thống quản lý thùng rác thông minh','Smart bin sensors and collection-routing systems factory','Sản xuất cảm biến mức đầy cho thùng rác và phần mềm tối ưu tuyến thu gom.','Fill-level sensors for bins and software that optimises collection routes.'),
 ('environmental_services','hoai_duc','son_dong','private_domestic','calling','ubnd_phuong_xa', 2027, 1.8, 95, '50 tấn/ngày','Trạm trung chuyển và phân loại rác khép kín xã Sơn Đồng','Son Dong enclosed waste transfer and sorting station','Trạm trung chuyển khép kín có thiết bị ép rác và phân loại, thay cho điểm tập kết lộ thiên.','An enclosed transfer station with compaction and sorting equipment replacing open collection points.'),
 ('environmental_services','ba_vi','ba_vi','socialization','draft','ubnd_phuong_xa', 2028, 2, 70, '30 tấn/ngày','Điểm tập kết và xử lý rác hữu cơ các xã vùng núi Ba Vì','Organic-waste collection and treatment point for Ba Vi mountain communes','Dự thảo: điểm tập kết, ủ phân rác hữu cơ phục vụ các xã vùng núi.','Draft: collection point and composting for mountain communes.'),
 ('emission_treatment','thach_that','tay_phuong','fdi','calling','bql_kcn_cx', 2027, 7, 780, '1.500 bộ/năm','Nhà máy sản xuất thiết bị lọc bụi túi vải và lọc bụi tĩnh điện','Bag-filter and electrostatic precipitator factory','Sản xuất thiết bị lọc bụi túi vải và lọc bụi tĩnh điện cho lò hơi, nhà máy xi măng và luyện kim.','Bag filters and electrostatic precipitators for boilers, cement and metal plants.'),
 ('emission_treatment','me_linh','tien_thang','joint_venture','negotiating','so_cong_thuong', 2026, 6, 640, '800 hệ thống/năm','Nhà máy thiết bị xử lý khí thải chứa NOx, SOx, VOCs','Equipment plant for NOx, SOx and VOC exhaust treatment','Chế tạo tháp hấp thụ, thiết bị xúc tác và hấp phụ than hoạt tính xử lý NOx, SOx, COx, VOCs, H2S và mùi.','Absorption towers, catalytic and activated-carbon units treating NOx, SOx, COx, VOCs, H2S and odour.'),
 ('emission_treatment','dong_anh','thu_lam','fdi','calling','so_cong_thuong', 2027, 9, 1250, '2.000 bộ/năm','Nhà máy sản xuất thiết bị xử lý nước thải theo mô-đun','Modular wastewater treatment unit factory','Sản xuất trạm xử lý nước thải hợp khối 10–500 m³/ngày đêm cho khu dân cư, trường học, bệnh viện.','Packaged wastewater plants of 10–500 m³/day for housing, schools and hospitals.'),
 ('emission_treatment','hoang_mai','yen_so','ppp','calling','so_xay_dung', 2027, 3, 310, '300 máy/năm','Xưởng sản xuất máy bơm đặc chủng công suất lớn cho thoát nước','Large special-purpose drainage pump workshop','Chế tạo và đại tu máy bơm công suất lớn cho trạm bơm thoát nước đô thị, gần trạm bơm Yên Sở.','Manufacture and overhaul of large drainage pumps for urban pumping stations, near the Yen So station.'),
 ('emission_treatment','ha_dong','kien_hung','private_domestic','awarded','so_cong_thuong', 2025, 2, 180, '1.000 bộ/năm','Nhà máy thiết bị xử lý nước sinh hoạt quy mô hộ gia đình và cụm dân cư','Household and village drinking-water treatment equipment plant','Sản xuất bộ lọc nước sinh hoạt và trạm cấp nước nhỏ cho các cụm dân cư ngoại thành.','Drinking-water filters and small water-supply stations for suburban settlements.'),
 ('emission_treatment','quoc_oai','quoc_oai','fdi','calling','bql_kcn_cx', 2028, 11, 1680, '600 hệ thống/năm','Nhà máy thiết bị xử lý khí thải lò hơi công nghiệp KCN Thạch Thất - Quốc Oai','Industrial boiler exhaust equipment plant, Thach That - Quoc Oai Industrial Park','Sản xuất hệ thống khử lưu huỳnh và xử lý bụi cho lò hơi công nghiệp đốt than và sinh khối.','Desulphurisation and dust removal systems for coal and biomass industrial boilers.'),
 ('emission_treatment','bac_tu_liem','thuong_cat','private_domestic','calling','so_khcn', 2027, 1.2, 85, '150 bộ/năm','Xưởng chế tạo thiết bị xử lý mùi cho trạm xử lý nước thải','Odour-control equipment workshop for wastewater plants','Thiết bị xử lý mùi bằng lọc sinh học và than hoạt tính cho trạm xử lý nước thải, trạm trung chuyển rác.','Biofilter and activated-carbon odour control for wastewater plants and waste transfer stations.'),
 ('emission_treatment','thanh_tri','ngoc_hoi','joint_venture','implementing','so_cong_thuong', 2024, 4.5, 420, '500 bộ/năm','Nhà máy màng lọc MBR và thiết bị sục khí','MBR membrane and aeration equipment plant','Sản xuất mô-đun màng lọc sinh học MBR và đĩa sục khí tinh cho các nhà máy xử lý nước thải.','MBR membrane modules and fine-bubble diffusers for wastewater treatment plants.'),
 ('emission_treatment','long_bien','long_bien','fdi','calling','bql_kcn_cx', 2027, 3.2, 560, '400 trạm/năm','Nhà máy thiết bị quan trắc khí thải và nước thải tự động','Continuous emission and effluent monitoring equipment plant','Sản xuất trạm quan trắc tự động, liên tục khí thải và nước thải truyền dữ liệu về cơ quan quản lý.','Automatic continuous monitoring stations for stack gas and effluent that report to the regulator.'),
 ('emission_treatment','chuong_my','xuan_mai','private_domestic','calling','so_cong_thuong', 2027, 5, 260, '200 bộ/năm','Xưởng thiết bị xử lý nước thải chăn nuôi','Livestock wastewater treatment equipment workshop','Thiết bị tách phân, bể biogas composite và hệ xử lý nước thải trang trại chăn nuôi.','Manure separators, composite biogas tanks and wastewater systems for livestock farms.'),
 ('emission_treatment','dan_phuong','dan_phuong','private_domestic','completed','so_cong_thuong', 2023, 1.5, 65, '1.200 bộ/năm','Xưởng sản xuất bể tự hoại cải tiến và bể xử lý nước thải composite','Improved septic tank and composite treatment tank workshop','Sản xuất bể tự hoại cải tiến và bể xử lý nước thải bằng composite cho hộ gia đình.','Improved septic tanks and composite treatment tanks for households.'),
 ('emission_treatment','son_tay','tung_thien','socialization','withdrawn','ubnd_phuong_xa', 2025, 2, 120, '100 bộ/năm','Xưởng thiết bị xử lý nước thải y tế Sơn Tây','Son Tay medical wastewater equipment workshop','Ngừng kêu gọi: nhu cầu đã được đáp ứng bởi nhà cung cấp khác.','Withdrawn: demand now met by other suppliers.'),
 ('treatment_materials','hoai_duc','an_khanh','fdi','calling','so_khcn', 2027, 4, 390, '2.000 tấn/năm','Nhà máy sản xuất chất xúc tác xử lý khí lò đốt công nghiệp','Catalyst plant for industrial furnace gas treatment','Sản xuất chất xúc tác SCR và xúc tác oxy hóa cho khí thải lò đốt và lò hơi công nghiệp.','SCR and oxidation catalysts for incinerator and industrial boiler flue gas.'),
 ('treatment_materials','gia_lam','bat_trang','joint_venture','calling','so_khcn', 2027, 3, 240, '10.000 tấn/năm','Nhà máy chế phẩm vi sinh hoạt tính cao xử lý nước thải','High-activity microbial products plant for wastewater treatment','Sản xuất chế phẩm vi sinh xử lý nước thải làng nghề và nước hồ đô thị.','Microbial products for craft-village wastewater and urban lakes.'),
 ('treatment_materials','me_linh','me_linh','private_domestic','negotiating','so_khcn', 2026, 2.2, 150, '500.000 m³/năm','Nhà máy vật liệu mang vi sinh cho bể xử lý sinh học','Biofilm carrier media plant for biological treatment','Sản xuất giá thể vi sinh MBBR và vật liệu đệm cho bể xử lý sinh học.','MBBR carriers and packing media for biological treatment tanks.'),
 ('treatment_materials','thach_that','thach_that','fdi','calling','so_cong_thuong', 2028, 14, 1850, '50 tấn/ngày','Nhà máy xử lý chất thải bằng phương pháp nhiệt phân','Pyrolysis waste-treatment plant','Xử lý chất thải nhựa và cao su bằng nhiệt phân, thu dầu nhiên liệu và than; kèm chuyển giao quy trình, thiết bị.','Pyrolysis of plastic and rubber waste into fuel oil and char, with transfer of process and equipment.'),
 ('treatment_materials','quoc_oai','phu_cat','private_domestic','calling','so_khcn', 2027, 5, 330, '20.000 tấn/năm','Nhà máy than hoạt tính từ phụ phẩm nông nghiệp','Activated carbon from agricultural residues plant','Sản xuất than hoạt tính từ vỏ trấu, gáo dừa phục vụ xử lý nước và khí thải.','Activated carbon from rice husk and coconut shell for water and gas treatment.'),
 ('treatment_materials','thanh_oai','dan_hoa','private_domestic','awarded','so_khcn', 2025, 2.8, 120, '5.000 tấn/năm','Xưởng sản xuất vật liệu hấp phụ kim loại nặng','Heavy-metal adsorbent materials workshop','Sản xuất vật liệu hấp phụ kim loại nặng cho nước thải làng nghề cơ kim khí.','Heavy-metal adsorbents for metalworking craft-village effluent.'),
 ('treatment_materials','soc_son','noi_bai','fdi','calling','bql_kcn_cx', 2027, 6, 720, '15.000 tấn/năm','Nhà máy hóa chất keo tụ PAC và polymer xử lý nước KCN Nội Bài','PAC coagulant and polymer plant, Noi Bai Industrial Park','Sản xuất chất keo tụ PAC và polymer cho nhà máy nước và trạm xử lý nước thải.','PAC coagulant and polymer for water works and wastewater plants.'),
 ('treatment_materials','ung_hoa','van_dinh','private_domestic','calling','so_khcn', 2027, 3.5, 180, '8.000 tấn/năm','Nhà máy chế phẩm sinh học xử lý rơm rạ và phụ phẩm nông nghiệp','Bio-products plant for straw and crop-residue treatment','Chế phẩm sinh học ủ rơm rạ tại ruộng, giảm đốt rơm gây ô nhiễm không khí.','Bio-products for in-field straw composting to stop straw burning.'),
 ('treatment_materials','dong_anh','phuc_thinh','joint_venture','calling','so_cong_thuong', 2028, 7, 560, '30.000 tấn/năm','Nhà máy vật liệu xây dựng từ tro xỉ lò đốt rác','Building materials from incinerator ash plant','Tái chế tro xỉ từ nhà máy đốt rác phát điện thành gạch không nung và vật liệu san lấp.','Recycling bottom ash from waste-to-energy plants into unfired bricks and fill.'),
 ('treatment_materials','phuc_tho','phuc_tho','private_domestic','draft','so_khcn', 2028, 2, 90, '3.000 tấn/năm','Xưởng sản xuất vật liệu lọc nước từ đá ong','Laterite water-filter media workshop','Dự thảo: vật liệu lọc nước từ đá ong địa phương.','Draft: water-filter media from local laterite.'),
 ('renewables','soc_son','trung_gia','ppp','calling','so_cong_thuong', 2027, 20, 2800, '1.500 tấn rác/ngày; 30 MW','Dây chuyền đốt rác phát điện bổ sung khu Nam Sơn','Additional waste-to-energy line at the Nam Son site','Bổ sung một dây chuyền đốt rác phát điện tại khu xử lý Nam Sơn để giảm lượng rác chôn lấp.','An additional waste-to-energy line at the Nam Son site to cut the waste sent to landfill.'),
 ('renewables','son_tay','tung_thien','ppp','calling','so_cong_thuong', 2027, 18, 2900, '1.000 tấn rác/ngày; 20 MW','Nhà máy đốt rác phát điện Xuân Sơn','Xuan Son waste-to-energy plant','Đốt rác phát điện cho khu xử lý Xuân Sơn, tiếp nhận rác các xã phía Tây.','Waste-to-energy for the Xuan Son site, serving the western communes.'),
 ('renewables','dong_anh','dong_anh','fdi','calling','so_cong_thuong', 2027, 10, 1350, '200 MW/năm','Nhà máy sản xuất tấm pin năng lượng mặt trời và bộ inverter','Solar panel and inverter factory','Sản xuất tấm pin quang điện và bộ biến tần cho điện mặt trời mái nhà.','Photovoltaic panels and inverters for rooftop solar.'),
 ('renewables','bac_tu_liem','tay_tuu','private_domestic','calling','so_cong_thuong', 2027, 0.5, 140, '15 MWp','Điện mặt trời mái nhà các chợ đầu mối và trung tâm logistics','Rooftop solar on wholesale markets and logistics centres','Lắp đặt điện mặt trời mái nhà tự dùng trên các chợ đầu mối và kho logistics.','Self-consumption rooftop solar on wholesale markets and warehouses.'),
 ('renewables','ba_vi','yen_bai','joint_venture','calling','so_cong_thuong', 2028, 3, 210, '2 MW','Nhà máy khí sinh học từ chất thải chăn nuôi bò sữa Ba Vì','Ba Vi dairy-manure biogas plant','Thu gom chất thải chăn nuôi bò sữa để sản xuất khí sinh học và phát điện, bã làm phân bón.','Dairy manure to biogas and power, with digestate as fertiliser.'),
 ('renewables','hai_ba_trung','bach_mai','private_domestic','calling','so_cong_thuong', 2027, 0.2, 60, '200 công trình','Dịch vụ tiết kiệm năng lượng (ESCO) cho tòa nhà công sở','Energy-saving services (ESCO) for public buildings','Kiểm toán năng lượng và cải tạo chiếu sáng, điều hòa cho tòa nhà công sở theo hợp đồng chia sẻ tiết kiệm.','Energy audits and lighting and HVAC retrofits for public buildings under shared-savings contracts.'),
 ('renewables','thanh_xuan','khuong_dinh','fdi','negotiating','so_cong_thuong', 2026, 4, 480, '300.000 bộ/năm','Nhà máy thiết bị chiếu sáng LED hiệu suất cao','High-efficiency LED lighting plant','Sản xuất đèn LED đường phố và công nghiệp hiệu suất cao, điều khiển thông minh.','High-efficiency LED street and industrial lighting with smart control.'),
 ('renewables','gia_lam','gia_lam','fdi','calling','so_cong_thuong', 2027, 8, 1150, '20.000 trạm/năm','Nhà máy sản xuất trạm sạc xe điện','Electric-vehicle charger factory','Sản xuất trạm sạc xe điện và xe máy điện, tích hợp điện mặt trời và lưu trữ.','EV and e-motorbike chargers with solar and storage integration.'),
 ('renewables','thanh_tri','thanh_tri','private_domestic','calling','so_cong_thuong', 2027, 1, 120, '200 bộ/năm','Nhà máy sản xuất thiết bị xử lý nước cấp','Water-supply treatment equipment plant','Sản xuất bể lọc áp lực, thiết bị khử trùng và hệ thống châm hóa chất cho nhà máy nước.','Pressure filters, disinfection units and dosing systems for water works.'),
 ('renewables','chuong_my','chuong_my','joint_venture','calling','so_cong_thuong', 2028, 6, 860, '50.000 xe/năm','Nhà máy lắp ráp xe máy điện và pin lưu trữ','E-motorbike and battery pack assembly plant','Lắp ráp xe máy điện và bộ pin đổi nhanh cho giao thông đô thị.','Assembly of e-motorbikes and swappable battery packs for urban transport.'),
 ('renewables','my_duc','huong_son','socialization','calling','ubnd_phuong_xa', 2027, 1, 45, '500 kWp','Điện mặt trời áp mái và đèn đường năng lượng mặt trời khu di tích Hương Sơn','Solar rooftops and street lights for the Huong Son heritage area','Lắp điện mặt trời mái nhà cho công trình công cộng và đèn đường năng lượng mặt trời.','Rooftop solar for public buildings and solar street lighting.'),
 ('renewables','hoai_duc','hoai_duc','private_domestic','completed','so_cong_thuong', 2022, 0.8, 35, '1 MWp','Điện mặt trời mái nhà cụm công nghiệp Hoài Đức','Rooftop solar for the Hoai Duc industrial cluster','Hệ thống điện mặt trời mái nhà tự dùng đã vận hành cho các nhà xưởng.','Self-consumption rooftop solar now operating on cluster factories.'),
 ('environmental_services','gia_lam','bat_trang','socialization','calling','so_cong_thuong', 2027, 2.5, 165, '3.000 m³/ngày đêm','Hệ thống thu gom, xử lý nước thải tập trung làng nghề gốm sứ Bát Tràng','Centralised wastewater plant for the Bat Trang ceramics village','Thu gom và xử lý nước thải, bùn men từ các cơ sở sản xuất gốm sứ của làng nghề.', "Collection and treatment of wastewater and glaze sludge from the village's ceramic workshops."),
 ('environmental_services','ha_dong','ha_dong','socialization','calling','so_cong_thuong', 2027, 1.2, 95, '1.500 m³/ngày đêm','Trạm xử lý nước thải làng nghề lụa Vạn Phúc','Wastewater plant for the Van Phuc silk village','Xử lý nước thải nhuộm của làng nghề dệt lụa, kèm thu hồi nhiệt.','Treatment of dyeing effluent from the silk-weaving village, with heat recovery.'),
 ('environmental_services','hoai_duc','duong_hoa','ppp','negotiating','so_cong_thuong', 2026, 3, 210, '5.000 m³/ngày đêm','Hệ thống xử lý nước thải làng nghề chế biến nông sản Dương Liễu','Wastewater system for the Duong Lieu food-processing village','Xử lý nước thải giàu hữu cơ từ sản xuất tinh bột sắn, dong riềng; thu hồi khí sinh học.','Treatment of high-strength starch-processing effluent with biogas recovery.'),
 ('environmental_services','quoc_oai','','socialization','calling','so_cong_thuong', 2027, 1.5, 110, '2.000 m³/ngày đêm','Trạm xử lý nước thải làng nghề miến dong Tân Hòa','Wastewater plant for the Tan Hoa glass-noodle village','Thu gom, xử lý nước thải sản xuất miến dong trước khi xả ra sông Tích.','Collects and treats noodle-making effluent before it reaches the Tich River.'),
 ('environmental_services','thach_that','tay_phuong','socialization','calling','so_cong_thuong', 2027, 1.8, 130, '1.200 m³/ngày đêm','Hệ thống xử lý nước thải làng nghề cơ kim khí Phùng Xá','Wastewater system for the Phung Xa metalworking village','Xử lý nước thải mạ, tẩy rửa kim loại chứa kim loại nặng của làng nghề.','Treatment of plating and pickling effluent containing heavy metals.'),
 ('environmental_services','thanh_oai','binh_minh','ppp','calling','so_cong_thuong', 2027, 2, 140, '2.500 m³/ngày đêm','Trạm xử lý nước thải tập trung cụm công nghiệp Thanh Oai','Centralised wastewater plant for the Thanh Oai industrial cluster','Thu gom, xử lý nước thải công nghiệp tập trung cho cụm công nghiệp (nhiệm vụ III.4 của Kế hoạch).','Centralised industrial wastewater treatment for the cluster (plan task III.4).'),
 ('environmental_services','thuong_tin','thuong_tin','ppp','calling','so_cong_thuong', 2027, 2.2, 155, '3.000 m³/ngày đêm','Trạm xử lý nước thải cụm công nghiệp Hà Bình Phương','Wastewater plant for the Ha Binh Phuong industrial cluster','Xử lý nước thải công nghiệp tập trung, đấu nối các doanh nghiệp trong cụm.','Centralised industrial wastewater treatment connecting every firm in the cluster.'),
 ('environmental_services','me_linh','quang_minh','fdi','negotiating','bql_kcn_cx', 2026, 3.5, 260, '8.000 m³/ngày đêm','Nâng cấp nhà máy xử lý nước thải KCN Quang Minh','Upgrade of the Quang Minh Industrial Park wastewater plant','Mở rộng và nâng cấp công nghệ xử lý nước thải tập trung của khu công nghiệp (nhiệm vụ III.5).', "Expansion and technology upgrade of the park's central wastewater plant (plan task III.5)."),
 ('environmental_services','chuong_my','phu_nghia','ppp','calling','bql_kcn_cx', 2027, 2.8, 230, '6.000 m³/ngày đêm','Nhà máy xử lý nước thải KCN Phú Nghĩa giai đoạn 2','Phu Nghia Industrial Park wastewater plant, phase 2','Giai đoạn 2 của trạm xử lý nước thải tập trung khu công nghiệp, tái sử dụng nước sau xử lý.', "Phase 2 of the park's central wastewater plant, with reuse of treated water."),
 ('environmental_services','soc_son','soc_son','ppp','calling','so_nn_mt', 2028, 25, 3600, '1.500 tấn/ngày','Khu xử lý chất thải rắn công nghiệp và chất thải nguy hại tập trung','Centralised industrial solid and hazardous waste treatment complex','Thu gom, vận chuyển, xử lý chất thải rắn công nghiệp và nguy hại tập trung cho các khu công nghiệp phía Bắc.','Collection, transport and treatment of industrial and hazardous waste for the northern industrial parks.'),
 ('environmental_services','hoang_mai','hoang_liet','private_domestic','calling','so_nn_mt', 2027, 0.3, 45, '200.000 mẫu/năm','Trung tâm dịch vụ phân tích, quan trắc môi trường','Environmental analysis and monitoring service centre','Phòng thí nghiệm phân tích đạt chuẩn VILAS và dịch vụ quan trắc môi trường định kỳ.','A VILAS-accredited laboratory and periodic environmental monitoring services.'),
 ('environmental_services','cau_giay','cau_giay','private_domestic','awarded','so_nn_mt', 2025, 0.1, 25, '300 hợp đồng/năm','Dịch vụ tư vấn môi trường và đánh giá tác động môi trường','Environmental consulting and impact-assessment services','Tư vấn lập báo cáo đánh giá tác động môi trường, giấy phép môi trường và kiểm kê khí nhà kính.','Consulting on environmental impact assessments, environmental permits and greenhouse-gas inventories.'),
 ('environmental_services','thanh_tri','dai_thanh','ppp','calling','so_nn_mt', 2028, 12, 980, '15 ha cải tạo','Cải tạo, phục hồi môi trường bãi rác cũ và khu vực ô nhiễm','Remediation of a former dump site and polluted land','Đóng bãi, xử lý nước rỉ rác và phục hồi môi trường khu vực bị ô nhiễm để tái sử dụng đất.','Closure of an old dump, leachate treatment and remediation so the land can be reused.'),
 ('environmental_services','dong_da','dong_da','public','calling','so_xay_dung', 2027, 0.5, 75, '14,6 km sông','Dịch vụ làm sạch và quan trắc chất lượng nước sông Tô Lịch','Cleaning and water-quality monitoring services for the To Lich River','Nạo vét, làm sạch và quan trắc liên tục chất lượng nước sông Tô Lịch.','Dredging, cleaning and continuous water-quality monitoring of the To Lich River.'),
 ('environmental_services','phu_xuyen','dai_xuyen','socialization','calling','ubnd_phuong_xa', 2027, 1, 60, '800 m³/ngày đêm','Trạm xử lý nước thải làng nghề Phú Xuyên','Wastewater plant for Phu Xuyen craft villages','Xử lý nước thải các làng nghề mây tre đan, sơn mài của xã.',''),
 ('environmental_services','ung_hoa','ung_hoa','socialization','calling','ubnd_phuong_xa', 2027, 3, 90, '60 tấn/ngày','Điểm thu gom, phân loại và xử lý rác sinh hoạt liên xã Ứng Hòa','Inter-commune household waste collection and sorting point, Ung Hoa','Điểm thu gom, phân loại rác sinh hoạt phục vụ nhiều xã, có khu ủ phân hữu cơ.',''),
 ('environmental_services','long_bien','viet_hung','fdi','calling','so_nn_mt', 2027, 4, 620, '100 tấn/ngày','Nhà máy tái chế chất thải điện tử','Electronic-waste recycling plant','Thu gom, tháo dỡ và tái chế thiết bị điện, điện tử thải bỏ, thu hồi kim loại quý.','Collection, dismantling and recycling of e-waste, with precious-metal recovery.'),
 ('environmental_services','nam_tu_liem','xuan_phuong','private_domestic','calling','so_xay_dung', 2027, 6, 450, '1.000 tấn/ngày','Trạm tái chế chất thải rắn xây dựng','Construction and demolition waste recycling plant','Nghiền, sàng và tái chế chất thải xây dựng thành cốt liệu và gạch không nung.','Crushing, screening and recycling C&D waste into aggregate and unfired bricks.'),
 ('environmental_services','dan_phuong','o_dien','socialization','calling','ubnd_phuong_xa', 2027, 1, 55, '','Hệ thống thu gom nước thải sinh hoạt các xã Đan Phượng','Household wastewater collection network, Dan Phuong communes','Mạng thu gom và trạm xử lý nước thải sinh hoạt phân tán cho các khu dân cư.',''),
 ('environmental_services','tay_ho','tay_ho','public','calling','so_xay_dung', 2027, 0.3, 95, '5.000 m³/ngày đêm','Trạm xử lý nước hồ Tây bằng công nghệ tuần hoàn','West Lake water circulation and treatment station','Trạm bơm tuần hoàn và xử lý nước hồ Tây, giảm tảo và mùi.',''),
 ('treatment_materials','hoan_kiem','hoan_kiem','other','calling','so_khcn', 2027, 0.1, 15, '','Trung tâm chuyển giao công nghệ vật liệu xử lý môi trường','Technology-transfer centre for environmental treatment materials','Kết nối viện nghiên cứu và doanh nghiệp để thương mại hóa vật liệu, chế phẩm xử lý môi trường.',''),
 ('environmental_services','ba_dinh','giang_vo','public','calling','so_nn_mt', 2027, None, 20, '','Hệ thống thông tin quan trắc môi trường Thủ đô','Capital environmental monitoring information system','Hệ thống tích hợp dữ liệu quan trắc tự động không khí, nước của Thành phố, công khai cho người dân.',''),
]
# fmt: on


# Illustrative deal data (issue 18): the SDGs each category serves; for the PPP projects a contract type,
# a term and a revenue basis, as an agency might state them. Invented, like every demo row.
SDGS = {
    "waste_equipment": "9, 11, 12",
    "emission_treatment": "6, 9, 11",
    "treatment_materials": "6, 12",
    "renewables": "7, 13",
    "environmental_services": "6, 11, 12",
}
LAND = (
    "Đất công, đã có trong quy hoạch; chưa giải phóng mặt bằng (minh họa)",
    "Trong khu/cụm công nghiệp, thuê lại đất đã có hạ tầng (minh họa)",
    "Đã giao đất sạch cho dự án (minh họa)",
)
PREPARATION = (
    "Ý tưởng dự án, chưa có báo cáo (minh họa)",
    "Đã có báo cáo nghiên cứu tiền khả thi (minh họa)",
    "Đã phê duyệt chủ trương đầu tư (minh họa)",
)


def deal_data(number: int, category: str, form: str) -> dict[str, str]:
    ppp = form.lower() == "ppp"
    return {
        "land_status": LAND[number % 3] if number % 2 == 0 or ppp else "",
        "preparation_stage": PREPARATION[number % 3] if number % 3 != 1 or ppp else "",
        "ppp_structure": ("BOT" if number % 2 else "BOO") if ppp else "",
        "concession_years": ("25" if number % 2 else "20") if ppp else "",
        "revenue_basis": (
            "Phí xử lý theo tấn/m³ do Thành phố chi trả (minh họa)"
            if category in ("environmental_services", "waste_equipment")
            else "Giá bán điện theo hợp đồng mua bán điện (minh họa)"
        )
        if ppp
        else "",
        "sdg_tags": SDGS.get(category, ""),
    }


def main() -> None:
    rng = random.Random(275)
    districts = {r["code"]: r for r in csv.DictReader((DATA / "districts.csv").open(encoding="utf-8"))}
    wards = {r["code"] for r in csv.DictReader((DATA / "wards.csv").open(encoding="utf-8"))}
    usd_rate = float(next(csv.DictReader((DATA / "exchange_rate.csv").open(encoding="utf-8")))["vnd_per_usd"])
    header = [
        "code",
        "name_vi",
        "name_en",
        "category",
        "description_vi",
        "description_en",
        "district",
        "ward",
        "address",
        "area_ha",
        "capacity",
        "investment_vnd_bn",
        "investment_usd_m",
        "investment_form",
        "status",
        "lead_agency",
        "contact_name",
        "contact_email",
        "contact_phone",
        "incentives",
        "legal_basis",
        "latitude",
        "longitude",
        "start_year",
        "demo",
        "project_type",
        "land_status",
        "preparation_stage",
        "ppp_structure",
        "concession_years",
        "revenue_basis",
        "sdg_tags",
        "source",
    ]
    rows = []
    for number, p in enumerate(P, start=1):
        (
            category,
            district,
            ward,
            form,
            status,
            lead,
            start,
            area,
            vnd,
            capacity,
            name_vi,
            name_en,
            desc_vi,
            desc_en,
        ) = p
        assert ward in wards or ward == "", ward
        d = districts[district]
        english = bool(desc_en)
        lat = round(float(d["centre_lat"]) + rng.uniform(-0.02, 0.02), 5)
        lon = round(float(d["centre_lon"]) + rng.uniform(-0.02, 0.02), 5)
        usd = round(vnd * 1000 / usd_rate, 1) if number % 3 == 0 else ""  # the catalogue's own rate
        rows.append(
            {
                "code": f"DEMO-{number:03d}",
                "name_vi": f"{DEMO_MARK('vi')} {name_vi}",  # shown wherever the name shows
                "name_en": f"{DEMO_MARK('en')} {name_en}" if english else "",
                "category": category,
                "description_vi": desc_vi + " (Dữ liệu minh họa, không phải dự án chính thức.)",
                "description_en": (desc_en + " (Illustrative demo data, not an official project.)") if english else "",
                "district": d["name_vi"],
                "ward": ward,
                "address": f"{'Khu vực' if number % 2 else 'Địa bàn'} {d['name_vi']}, Hà Nội",
                "area_ha": "" if area is None else str(area).replace(".", ","),
                "capacity": capacity,
                "investment_vnd_bn": f"{vnd:,}".replace(",", ".") + (" tỷ đồng" if number % 4 == 0 else ""),
                "investment_usd_m": str(usd).replace(".", ",") if usd != "" else "",
                "investment_form": form,
                "status": status,
                "lead_agency": lead,
                "contact_name": "Bộ phận xúc tiến đầu tư (minh họa)",
                "contact_email": "xuctien.demo@example.com",
                "contact_phone": "",
                "incentives": INCENTIVES_VI[category] + "\n" + INCENTIVES_EN[category],
                "legal_basis": LEGAL,
                "latitude": lat,
                "longitude": lon,
                "start_year": start,
                "demo": "true",
                "project_type": TYPES.get(
                    number, "treatment_system" if category == "environmental_services" else "manufacturing"
                ),
                **deal_data(number, category, form),
                "source": SOURCE,
            }
        )
    with (DATA / "demo_projects.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} illustrative projects, {len({r['district'] for r in rows})} districts")


if __name__ == "__main__":
    main()
