"""A replica's catalogue: the newest published snapshot, opened read-only, followed as new ones come.

A thread looks at the snapshot directory every second. When a newer snapshot is there whole, it is
opened read-only and its search index built *aside*; only then does :meth:`SnapshotFollower.current`
hand it out. Sessions keep running throughout: a page run that started on the older snapshot finishes
on it (it holds its own reference), the next run reads the newer one. An older snapshot is closed a
while after it was replaced (:data:`RETIRE_SECONDS`), when no run can still be using it; at most
:data:`MAX_RETIRED` stay open meanwhile, since each holds its search index in memory.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from catalogue.core import Catalogue
from catalogue.errors import CatalogueError
from catalogue.replica import snapshots
from catalogue.text import Text

RETIRE_SECONDS = 120.0
# Replaced snapshots kept open at most (each holds its search index): a page run that began two
# snapshots ago has had a snapshot interval at least to finish.
MAX_RETIRED = 2
log = logging.getLogger("catalogue.replica")


class NoSnapshotError(CatalogueError):
    """No published snapshot in the directory (yet): the primary has not written one."""


class SnapshotFollower:
    """The newest snapshot of ``directory`` as a read-only :class:`Catalogue`, swapped when a newer one comes."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        interval: float = 1.0,
        prepare: Callable[[Catalogue], None] = Catalogue.prepare_index,
    ) -> None:
        self.directory = Path(directory)
        self.interval = interval
        self.prepare = prepare
        self.manifest: snapshots.Manifest | None = None
        self._current: Catalogue | None = None
        self._retired: list[tuple[float, Catalogue]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def start(self, wait_seconds: float = 60.0) -> SnapshotFollower:
        """Open the newest snapshot (waiting up to ``wait_seconds`` for the first), then follow."""
        deadline = time.monotonic() + wait_seconds
        while not self.check() and time.monotonic() < deadline:
            time.sleep(min(self.interval, 0.5))
        if self._current is None:
            raise NoSnapshotError(Text.of("replica.no_snapshot", path=str(self.directory)))
        threading.Thread(target=self._follow, name="snapshot-follower", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def current(self) -> Catalogue:
        found = self._current
        if found is None:
            raise NoSnapshotError(Text.of("replica.no_snapshot", path=str(self.directory)))
        return found

    def check(self) -> bool:
        """Take a newer snapshot if there is one; whether one was taken."""
        after = self.manifest.version if self.manifest else 0
        manifest = snapshots.newest(self.directory, after=after)
        if manifest is None:
            self._close_retired()
            return False
        fresh = Catalogue.open(self.directory / manifest.file, read_only=True)
        try:
            self.prepare(fresh)
        except BaseException:
            fresh.close()
            raise
        with self._lock:
            old, self._current, self.manifest = self._current, fresh, manifest
            if old is not None:
                self._retired.append((time.monotonic(), old))
        log.info("serving snapshot %d (%s)", manifest.version, manifest.created_at)
        self._close_retired()
        return True

    def _follow(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:  # a snapshot half-copied to a shared volume, say: the next look tries again
                log.exception("following snapshots")

    def _close_retired(self) -> None:
        cutoff = time.monotonic() - RETIRE_SECONDS
        with self._lock:
            kept = [(when, cat) for when, cat in self._retired if when >= cutoff][-MAX_RETIRED:]
            done = [cat for when, cat in self._retired if (when, cat) not in kept]
            self._retired = kept
        for cat in done:
            cat.close()
