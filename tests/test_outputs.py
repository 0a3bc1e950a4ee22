"""--out is replaced all at once: the old build or the new one, never a mix, nothing left beside it."""

import os
import signal
import subprocess
import sys
import time

import pytest

from recgraph import swap
from recgraph.model import InputError
from recgraph.outputs import write_build

from conftest import ROOT, SEED


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out):
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_staging_replaces_the_whole_folder_and_leaves_nothing_beside_it(tmp_path):
    out = tmp_path / "out"
    with swap.staging(out) as new:
        (new / "a.txt").write_text("1", encoding="utf-8")
        (new / "sub").mkdir()
        (new / "sub" / "b.txt").write_text("2", encoding="utf-8")
    with swap.staging(out) as new:
        (new / "a.txt").write_text("3", encoding="utf-8")
    assert snapshot(out) == {"a.txt": b"3"}  # files of the old build absent from the new do not linger
    assert leftovers(out) == []
    assert oct(out.stat().st_mode & 0o777) != oct(0o700)  # the published folder has the umask's mode


@pytest.mark.parametrize("can_exchange", [True, False])
def test_a_failing_writer_leaves_out_as_it_was(tmp_path, monkeypatch, can_exchange):
    if not can_exchange:
        monkeypatch.setattr(swap, "exchange", lambda a, b: False)  # rename aside, rename in
    out = tmp_path / "out"
    with swap.staging(out) as new:
        (new / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with swap.staging(out) as new:
            (new / "index.html").write_text("new", encoding="utf-8")
            raise RuntimeError("a renderer failed half-way")
    assert snapshot(out) == {"index.html": b"old"} and leftovers(out) == []
    with swap.staging(out) as new:
        (new / "charts").mkdir()
        (new / "charts" / "x.svg").write_text("<svg/>", encoding="utf-8")
    assert snapshot(out) == {"charts/x.svg": b"<svg/>"} and leftovers(out) == []


def test_folders_of_killed_runs_are_removed_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = [tmp_path / f".out.{kind}-{dead.stdout.strip()}-x1" for kind in ("new", "work", "old")]
    for folder in stale:
        folder.mkdir()
        (folder / "graph.nt").write_text("half", encoding="utf-8")
    mine = tmp_path / f".out.new-{os.getpid()}-x2"  # a live process's (this one's) is left alone
    mine.mkdir()
    with swap.staging(out) as new:
        (new / "a.txt").write_text("1", encoding="utf-8")
    assert leftovers(out) == [mine.name]


def test_out_that_is_a_file_or_unwritable_is_refused_by_name(tmp_path, seed_build):
    a_file = tmp_path / "out"
    a_file.write_text("not a folder", encoding="utf-8")
    with pytest.raises(InputError, match=r"--out: .*out: is a file, not a folder"):
        write_build(seed_build, a_file, views=False)
    with pytest.raises(InputError, match=r"--out: .*its parent folder .* does not exist"):
        write_build(seed_build, tmp_path / "no" / "out", views=False)
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(InputError, match="cannot write into"):
            write_build(seed_build, locked / "out", views=False)


def _build(out, *sources):
    return [sys.executable, "-m", "recgraph", "build", *map(str, sources), "--out", str(out), "--no-views", "-q",
            "--workers", "1"]


def test_a_build_killed_at_any_moment_leaves_the_old_build_or_the_new_one(tmp_path):
    """SIGKILL at several moments of a build over a good --out: the folder is always one whole build."""
    small = tmp_path / "small.txt"
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    small.write_text("".join(lines[:6]), encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run(_build(out, small), cwd=ROOT, check=True, capture_output=True)
    old = snapshot(out)
    start = time.perf_counter()
    subprocess.run(_build(tmp_path / "new", SEED), cwd=ROOT, check=True, capture_output=True)
    whole = time.perf_counter() - start
    new = snapshot(tmp_path / "new")
    assert old != new
    seen = set()
    for fraction in (0.4, 0.7, 0.85, 0.93, 0.98):
        run = subprocess.Popen(_build(out, SEED), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole * fraction)
        run.send_signal(signal.SIGKILL)
        run.wait()
        now = snapshot(out)
        assert now in (old, new), f"killed at {fraction:.0%}: a mix of two builds"
        seen.add("new" if now == new else "old")
        if now == new:  # start again from the old build
            with swap.staging(out) as again:
                for name, data in old.items():
                    (again / name).write_bytes(data)
    subprocess.run(_build(out, SEED), cwd=ROOT, check=True, capture_output=True)
    assert snapshot(out) == new and leftovers(out) == []  # what the killed runs left beside it is gone
    assert "old" in seen, seen


def test_a_large_builds_way_of_reading_its_views_writes_the_same_files(seed_build, tmp_path, monkeypatch):
    """Forced at the seed, a large build's render (its facts' lines picked by a process of their
    own beside the site's records reader, then read by another): every file as the seed's own
    render writes it, and nothing left beside the build's graph.nt."""
    from recgraph import outputs

    beside = sorted(os.listdir(os.path.dirname(seed_build.graph)))
    write_build(seed_build, tmp_path / "small", workers=2)
    monkeypatch.setattr(outputs, "MEMORY_STORE_MAX_TRIPLES", 0)
    assert outputs.big_build(seed_build)
    picked, real = [], outputs.routed_facts
    monkeypatch.setattr(outputs, "routed_facts", lambda *args: picked.append(args) or real(*args))
    write_build(seed_build, tmp_path / "large", workers=2)
    assert len(picked) == 1
    assert snapshot(tmp_path / "large") == snapshot(tmp_path / "small")
    assert sorted(os.listdir(os.path.dirname(seed_build.graph))) == beside
