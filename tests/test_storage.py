import duckdb
import pytest

from catalogue import Catalogue, SchemaTooNewError
from catalogue.storage.migrations import LATEST_VERSION


def test_migrations_run_once_and_are_recorded(db_path):
    with Catalogue.open(db_path) as cat:
        assert cat.schema_version == LATEST_VERSION
        with cat.cursor() as cur:
            first = cur.execute("select version, name from schema_migrations order by version").fetchall()
            categories = cur.execute("select count(*) from categories").fetchall()[0][0]
    # Second open: nothing to apply, nothing doubled.
    with Catalogue.open(db_path) as cat, cat.cursor() as cur:
        assert cur.execute("select version, name from schema_migrations order by version").fetchall() == first
        assert cur.execute("select count(*) from categories").fetchall()[0][0] == categories == 5


def test_migrating_twice_in_one_process_is_harmless(db_path):
    from catalogue.storage.migrations import MIGRATIONS, migrate

    with Catalogue.open(db_path) as cat, cat.cursor() as cur:
        assert migrate(cur) == []
        # Re-running every statement of every migration is harmless too ("if not exists").
        for migration in MIGRATIONS:
            for statement in migration.statements:
                cur.execute(statement).fetchall()
        assert cur.execute("select count(*) from wards").fetchall()[0][0] == 126


def test_newer_schema_is_refused_and_left_untouched(db_path):
    Catalogue.open(db_path).close()
    connection = duckdb.connect(str(db_path))
    connection.execute("insert into schema_migrations (version, name) values (99, 'from the future')")
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNewError) as info:
        Catalogue.open(db_path)
    assert "99" in info.value.text("en") and "99" in info.value.text("vi")
    assert db_path.read_bytes() == before


def test_reference_data_matches_the_plan_and_the_2025_reform(cat):
    with cat.cursor() as cur:

        def count(sql):
            return cur.execute(sql).fetchall()[0][0]

        assert count("select count(*) from districts") == 30
        assert count("select count(*) from districts where kind = 'quan'") == 12
        assert count("select count(*) from districts where kind = 'huyen'") == 17
        assert count("select count(*) from wards where kind = 'phuong'") == 51
        assert count("select count(*) from wards where kind = 'xa'") == 75
        assert count("select count(*) from wards w anti join districts d on w.principal_former_district = d.code") == 0
        assert count("select count(*) from plan_tasks") == 17
        assert cur.execute("select task_group, count(*) from plan_tasks group by 1 order by 1").fetchall() == [
            ("I", 6),
            ("II", 3),
            ("III", 5),
            ("IV", 3),
        ]
        assert count("select count(*) from plan_targets where target_year = 2025") == 10
        assert count("select count(*) from plan_targets where low_pct >= high_pct") == 0
        assert cur.execute(
            "select low_pct, high_pct from plan_targets where code = 'water_wastewater_equipment'"
        ).fetchall() == [(70.0, 80.0)]
        # Every agency leads to a successor that exists; merged departments point at today's.
        assert count("select count(*) from agencies a anti join agencies s on a.successor_code = s.code") == 0
        successors = dict(cur.execute("select code, successor_code from agencies").fetchall())
        assert successors["so_tnmt"] == "so_nn_mt"
        assert successors["so_khdt"] == "so_tai_chinh"
        assert successors["so_tttt"] == "so_khcn"
        assert count("select count(*) from plan_tasks t anti join agencies a on t.lead_agency = a.code") == 0
        for table in (
            "categories",
            "investment_forms",
            "statuses",
            "districts",
            "wards",
            "agencies",
            "plan_tasks",
            "plan_targets",
        ):
            assert count(f"select count(*) from {table} where source is null or source = ''") == 0
    ref = cat.reference
    assert ref.categories.codes == [
        "waste_equipment",
        "emission_treatment",
        "treatment_materials",
        "renewables",
        "environmental_services",
    ]
    assert set(ref.forms.codes) == {
        "ppp",
        "public",
        "private_domestic",
        "fdi",
        "joint_venture",
        "socialization",
        "other",
    }
    assert ref.public_statuses == ("calling", "negotiating", "awarded", "implementing", "completed")


def test_demo_projects_are_illustrative_and_cover_the_plan(demo_cat):
    frame = demo_cat.projects(include_hidden=True)
    assert len(frame) >= 60
    assert frame["demo"].all()
    assert frame["code"].str.startswith("DEMO-").all()
    assert set(frame["category"]) == set(demo_cat.reference.categories.codes)
    assert frame["district"].nunique() >= 15
    assert frame["name_en"].notna().mean() > 0.5
    assert frame["description_en"].notna().mean() > 0.5
    assert frame["investment_vnd_bn"].notna().all()
    assert frame["investment_form"].notna().all()
    assert frame["description_vi"].str.contains("minh họa").all()


def test_hidden_statuses_never_show_without_asking(demo_cat):
    public = demo_cat.projects()
    everything = demo_cat.projects(include_hidden=True)
    assert not public["status"].isin(["draft", "withdrawn"]).any()
    assert (public["publication"] == "published").all()
    # "Draft" in the demo file is a publication state: the project waits for review.
    assert not everything["status"].eq("draft").any()
    drafts = everything[everything["publication"] == "draft"]
    assert len(drafts) and everything["status"].eq("withdrawn").any()
    assert demo_cat.count() == len(public) < len(everything)
    assert demo_cat.projects(status="withdrawn").empty
    hidden_code = drafts["code"].iloc[0]
    assert demo_cat.project(hidden_code) is None
    assert demo_cat.project(hidden_code, include_hidden=True)["publication"] == "draft"
    assert hidden_code not in {hit.code for hit in demo_cat.search("du thao", limit=100)}


def test_filters_select_what_they_say(demo_cat):
    frame = demo_cat.projects()
    services = demo_cat.projects(category="Dịch vụ môi trường")  # a label works as well as a code
    assert len(services) == (frame["category"] == "environmental_services").sum()
    soc_son = demo_cat.projects(district="huyện Sóc Sơn")
    assert set(soc_son["district"]) == {"soc_son"}
    ranged = demo_cat.projects(min_investment=100, max_investment=500)
    assert ranged["investment_vnd_bn"].between(100, 500).all()
    expected = frame["investment_vnd_bn"].between(100, 500).sum()
    assert len(ranged) == expected
    several = demo_cat.projects(status=["negotiating", "awarded"])
    assert set(several["status"]) <= {"negotiating", "awarded"} and len(several) > 0


def test_filtering_by_a_merged_agency_finds_its_predecessors(cat, tmp_path):
    from conftest import write_csv

    header = ["code", "name_vi", "category", "lead_agency"]
    write_csv(
        tmp_path / "a.csv",
        [
            ["A1", "Dự án A", "renewables", "Sở Tài nguyên và Môi trường"],
            ["A2", "Dự án B", "renewables", "Sở Nông nghiệp và Môi trường"],
            ["A3", "Dự án C", "renewables", "Sở Công Thương"],
        ],
        header,
    )
    assert cat.import_file(tmp_path / "a.csv").ok
    assert set(cat.projects(lead_agency="so_nn_mt")["code"]) == {"A1", "A2"}
    assert set(cat.projects(lead_agency="so_tnmt")["code"]) == {"A1"}


@pytest.mark.parametrize(
    ("name", "value"),
    [("category", "rockets"), ("district", "Quận 1"), ("min_investment", "abc"), ("max_investment", -5)],
)
def test_bad_filters_are_refused_with_a_message(demo_cat, name, value):
    from catalogue import InvalidFilterError

    with pytest.raises(InvalidFilterError) as info:
        demo_cat.projects(**{name: value})
    assert info.value.text("vi") and info.value.text("en")


def test_concurrent_writes_from_threads_are_serialised(cat, tmp_path):
    import threading

    from conftest import good_row, write_csv

    files = [write_csv(tmp_path / f"f{i}.csv", [good_row(f"T-{i}-{j}") for j in range(20)]) for i in range(6)]
    reports = []
    threads = [threading.Thread(target=lambda f=f: reports.append(cat.import_file(f))) for f in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.ok and r.inserted == 20 for r in reports)
    assert cat.count() == 120


def test_committed_writes_are_announced_and_failed_ones_are_not(cat, tmp_path):
    from conftest import good_row, write_csv

    events = []
    cat.on_change(events.append)
    cat.import_file(write_csv(tmp_path / "ok.csv", [good_row("E-1")]))
    assert events == ["projects"]
    cat.import_file(write_csv(tmp_path / "bad.csv", [good_row("E-2", category="?")]))
    cat.import_file(write_csv(tmp_path / "dry.csv", [good_row("E-3")]), dry_run=True)
    assert events == ["projects"]


def test_a_failing_write_rolls_back_everything(cat):
    def half_then_fail(cur):
        cur.execute(
            "insert into projects (code, name_vi, category, status) values ('W-1', 'x', 'renewables', 'calling')"
        )
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        cat.write(half_then_fail)
    assert cat.count(include_hidden=True) == 0


def test_a_written_file_keeps_small_row_groups_and_two_opens_in_a_process_share_it(db_path):
    """The file is attached with row groups of ROW_GROUP_SIZE rows: a large write goes to the file a
    row group at a time before its commit, instead of waiting in memory (DuckDB's default, 122,880
    rows, held a 25,000-row import's 65 MB). A second open of the file in the process shares the first."""
    from catalogue.storage.database import ROW_GROUP_SIZE

    rows = 3 * ROW_GROUP_SIZE + 1
    with Catalogue.open(db_path) as cat, Catalogue.open(db_path) as again:
        cat.write(lambda cur: cur.execute(f"create table bulk as select range as i from range({rows})"))
        with again.cursor() as cur:
            assert cur.execute("select count(*) from bulk").fetchall()[0][0] == rows
            groups = "select count(distinct row_group_id) from pragma_storage_info('bulk')"
            assert cur.execute(groups).fetchall()[0][0] == 4
