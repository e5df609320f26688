"""An illustrative timeline for the demo projects, so the dashboard's time charts have something to show.

The demo projects are invented (``demo = true``); so is this timeline. Each demo project is
given a creation date between January 2024 and the demo's load, and, for a project past
``calling``, dated stage changes leading to its current stage. Everything is recorded in the
history as done by ``demo (minh họa)``, and the dates come from a fixed seed, so every
installation shows the same illustration.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catalogue.core import Catalogue

from catalogue.text import Text

DEMO_ACTOR = "demo (minh họa)"
# Before every demo project's name, in the data itself (tools/make_demo_data.py), so that it shows
# wherever a name shows: cards, the project page, compare, exports, the report, the API and feeds.
DEMO_MARK = Text.of("demo.mark")


def marked_name(name: str, demo: object) -> Text:
    """``name`` with the demo mark of the reader's language before it when the project is a demo one:
    a mark already there (the shipped demo projects carry it) is given in that language, a name
    without one (a project a staff member imported as demo) gets it."""
    marks = DEMO_MARK.as_dict().values()
    bare = next((name[len(m) :].lstrip() for m in marks if name.startswith(m)), name)
    return Text.each(lambda lang: f"{DEMO_MARK(lang)} {bare}" if demo is True else name)


START = dt.date(2024, 1, 15)


def add_demo_timeline(cat: Catalogue, today: dt.date | None = None) -> int:
    """Backdate the demo projects and record their illustrative stage changes; returns the count."""
    today = today or dt.date.today()
    stages = cat.reference.public_statuses  # the pipeline's stages, in order (statuses.csv)
    with cat.cursor() as cur:
        rows = cur.execute(
            "select code, status, to_json(p) from projects p where demo and code like 'DEMO-%' order by code"
        ).fetchall()

    def work(cur) -> int:
        done = 0
        for code, status, snapshot in rows:
            rng = random.Random(f"timeline-{code}")
            if cur.execute("select 1 from project_history where code = ? and actor = ?", [code, DEMO_ACTOR]).fetchall():
                continue
            reached = stages.index(status) if status in stages else 0
            span = max(30, (today - START).days - 30 * (reached + 1))
            created = START + dt.timedelta(days=rng.randrange(span))
            gaps = [rng.randint(45, 240) for _ in range(reached)]
            room = (today - created).days - 7
            if sum(gaps) > room:  # squeeze the stages into the time there was
                gaps = [max(1, gap * room // sum(gaps)) for gap in gaps]
            dates = [created]
            for gap in gaps:
                dates.append(dates[-1] + dt.timedelta(days=gap))
            state = json.loads(snapshot)
            for index, entered in enumerate(dates):
                state.update(status=stages[index] if status in stages else status, status_since=entered.isoformat())
                cur.execute(
                    "insert into project_history (event_id, code, happened_at, actor, action, comment, snapshot, "
                    "status, status_since) values (null, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        code,
                        dt.datetime.combine(entered, dt.time(9, 0)),
                        DEMO_ACTOR,
                        "create" if index == 0 else "status",
                        "Dữ liệu minh họa / illustrative demo data",
                        json.dumps(state, ensure_ascii=False),
                        state["status"],
                        entered,
                    ],
                ).fetchall()
            cur.execute(
                "update projects set created_at = ?, status_since = ? where code = ?",
                [dt.datetime.combine(created, dt.time(9, 0)), dates[-1], code],
            ).fetchall()
            # The load's own snapshot (written a moment ago) takes the backdated fields too, so the
            # first real edit's diff shows only what the editor changed.
            cur.execute(
                "update project_history set snapshot = (select to_json(p) from projects p where p.code = ?), "
                "status_since = ? where code = ? and action = 'import' and actor is null",
                [code, dates[-1], code],
            ).fetchall()
            done += 1
        return done

    return cat.write(work, event="projects")
