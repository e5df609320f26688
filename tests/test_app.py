import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from catalogue import Catalogue

APP = str(__import__("conftest").ROOT / "app.py")


@pytest.fixture
def fresh_db(monkeypatch, tmp_path):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("CATALOGUE_DB", str(path))
    yield path
    __import__("streamlit").cache_resource.clear()


def test_app_starts_on_a_fresh_database_with_demo_data(fresh_db):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert fresh_db.exists()
    assert at.title[0].value == "Danh mục dự án công nghiệp môi trường Hà Nội"
    assert any("dữ liệu minh họa" in info.value for info in at.info)
    table = at.dataframe[0].value
    with Catalogue.open(":memory:") as reference:
        reference.load_demo()
        assert len(table) == reference.count()  # published demo projects, drafts hidden
    assert set(table["Minh họa"]) == {"có"}


def test_english_from_the_url(fresh_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Hanoi Environmental Industry Project Catalogue"
    assert "Project" in at.dataframe[0].value.columns
    at.segmented_control[0].set_value("vi").run()
    assert at.title[0].value.startswith("Danh mục")
    assert "lang" not in at.query_params


def test_a_database_from_a_newer_program_shows_a_message_not_a_traceback(fresh_db):
    Catalogue.open(fresh_db).close()
    connection = duckdb.connect(str(fresh_db))
    connection.execute("insert into schema_migrations (version, name) values (999, 'future')")
    connection.close()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "999" in at.error[0].value


def test_the_search_box_filters_the_list_and_lives_in_the_url(fresh_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["q"] = "nuoc thai lang nghe"
    at.run()
    assert not at.exception
    assert at.text_input[0].value == "nuoc thai lang nghe"
    table = at.dataframe[0].value
    assert 0 < len(table) < 20 and table.iloc[0]["Mã"].startswith("DEMO-")
    at.text_input[0].set_value("zzzzqqqq xxxyyy").run()
    assert not at.dataframe
    assert any("Không có dự án nào khớp" in m.value for m in at.markdown)
    assert at.query_params["q"] in ("zzzzqqqq xxxyyy", ["zzzzqqqq xxxyyy"])
