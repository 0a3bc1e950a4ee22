"""Outputs are replaced all-or-nothing."""

import pytest

from recgraph.outputs import staged, write_all


def test_write_all_replaces_files(tmp_path):
    write_all(tmp_path, {"a.txt": b"1", "sub/b.txt": b"2"})
    write_all(tmp_path, {"a.txt": b"3"})
    assert (tmp_path / "a.txt").read_bytes() == b"3" and (tmp_path / "sub" / "b.txt").read_bytes() == b"2"
    assert not list(tmp_path.glob(".staging-*"))


def test_staged_moves_everything_or_nothing(tmp_path):
    (tmp_path / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with staged(tmp_path) as s:
            (s / "index.html").write_text("new", encoding="utf-8")
            (s / "charts").mkdir()
            (s / "charts" / "x.svg").write_text("<svg/>", encoding="utf-8")
            raise RuntimeError("a renderer failed half-way")
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "charts").exists() and not list(tmp_path.glob(".staging-*"))
    with staged(tmp_path) as s:
        (s / "index.html").write_text("new", encoding="utf-8")
        (s / "charts").mkdir()
        (s / "charts" / "x.svg").write_text("<svg/>", encoding="utf-8")
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "new" and (tmp_path / "charts" / "x.svg").exists()
