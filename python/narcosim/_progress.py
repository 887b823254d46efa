"""Progress bars (tqdm) fed by the C++ runner's counts."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Bar:
    """A tqdm bar created at the first report (when the total is known) and closed by
    ``close()``; ``callback`` is what the compiled module calls with (done, total)."""

    def __init__(self, enabled: bool, description: str, unit: str) -> None:
        self._enabled = enabled
        self._description = description
        self._unit = unit
        self._bar: Any = None

    @property
    def callback(self) -> Callable[[int, int], None] | None:
        return self._update if self._enabled else None

    def _update(self, done: int, total: int) -> None:
        if total <= 0:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=self._description, unit=self._unit, leave=True)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> "Bar":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
