"""Stopping work: Ctrl-C (SIGINT) and a CancelToken stop a run or an ensemble within a step,
leave nothing that looks complete, and the next run works; output directories that narcosim did
not write are never touched."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest

import narcosim


@pytest.fixture
def long(short):
    # Long enough that it is still running when the signal comes (about 20 s uninterrupted).
    return short.replace(end="2030-12-31", scale=0.004)


def interrupt_after(seconds: float, once_exists=None) -> threading.Thread:
    """Sends SIGINT to this process after `seconds`, and not before `once_exists` (a path) is
    there, so that the work has started whatever the machine's load."""
    def interrupt() -> None:
        time.sleep(seconds)
        deadline = time.monotonic() + 60
        while once_exists is not None and not once_exists.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)

    thread = threading.Thread(target=interrupt)
    thread.start()
    return thread


def test_ctrl_c_stops_a_run_and_the_next_one_works(long, short, short_result):
    started = time.monotonic()
    timer = interrupt_after(0.5)
    with pytest.raises(KeyboardInterrupt):
        narcosim.run(long, threads=1)
    timer.join()
    assert time.monotonic() - started < 5.0
    again = narcosim.run(short, threads=1)
    assert again.timeseries.equals(short_result.timeseries)


def test_a_cancel_token_stops_a_run_from_another_thread(long):
    token = narcosim.CancelToken()
    threading.Timer(0.3, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(narcosim.RunCancelled):
        narcosim.run(long, threads=1, cancel=token)
    assert time.monotonic() - started < 5.0
    assert token.cancelled


def test_ctrl_c_stops_an_ensemble_and_leaves_only_a_partial_directory(long, tmp_path):
    timer = interrupt_after(0.5, once_exists=tmp_path / "ens.partial")
    with pytest.raises(KeyboardInterrupt):
        narcosim.ensemble(long, runs=4, jobs=2, out=tmp_path / "ens", progress=False)
    timer.join()
    assert not (tmp_path / "ens").exists()
    assert (tmp_path / "ens.partial").is_dir()


def test_to_dir_never_touches_a_directory_it_did_not_write(short_result, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(narcosim.OutputError, match="has no narcosim manifest.json"):
        short_result.to_dir(mine)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    # A finished narcosim output is replaced only with overwrite=True.
    short_result.to_dir(tmp_path / "run")
    with pytest.raises(narcosim.OutputError, match="overwrite"):
        short_result.to_dir(tmp_path / "run")
    short_result.to_dir(tmp_path / "run", overwrite=True)
    assert (tmp_path / "run" / "timeseries.csv").exists()
    with pytest.raises(narcosim.ScenarioError, match="series: expected csv or sqlite"):
        short_result.to_dir(tmp_path / "other", series="parquet")
    assert not (tmp_path / "other").exists()
