"""Study days: a day starts at 4 a.m. local time, as in Anki, so a late session counts as today."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

ROLLOVER_HOUR = 4
DAY = 86400


@dataclass(frozen=True)
class StudyClock:
    """Maps Unix seconds to study-day numbers: day = (t + offset) // 86400.

    ``offset`` is the local UTC offset minus the rollover hour; it is fixed for
    one clock so SQL and Python agree on every boundary.
    """

    offset: int

    @classmethod
    def local(cls, now: float | None = None) -> StudyClock:
        """The clock for this machine's time zone at ``now``."""
        moment = time.localtime(now if now is not None else time.time())
        return cls(offset=moment.tm_gmtoff - ROLLOVER_HOUR * 3600)

    def day(self, seconds: int) -> int:
        """The study-day number of ``seconds``."""
        return (seconds + self.offset) // DAY

    def day_start(self, day: int) -> int:
        """Unix seconds at which study day ``day`` begins."""
        return day * DAY - self.offset

    def iso(self, day: int) -> str:
        """The calendar date (ISO) a study day is named after."""
        return (date(1970, 1, 1) + timedelta(days=day)).isoformat()
