"""What an interrupted render left beside ``_book/`` is repaired before the next one starts."""

from analysis.engine.output_dir import leftovers, recover


def _book(folder, text):
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text)


def test_a_book_lost_between_the_renames_is_restored_from_the_old_copy(tmp_path):
    _book(tmp_path / "._book-old-aaaa" / "_book", "previous book")
    _book(tmp_path / "._book-staging-bbbb", "new book, never swapped in")
    lines = []
    done = recover(tmp_path / "_book", lines.append)
    assert (tmp_path / "_book" / "index.html").read_text() == "previous book"
    assert leftovers(tmp_path / "_book") == []
    assert lines == [f"render: {line}" for line in done] and len(done) == 2
    assert done[0].startswith(f"restored {tmp_path / '_book'} from ._book-old-aaaa")


def test_leftovers_removed_and_the_book_left_alone(tmp_path):
    _book(tmp_path / "_book", "current book")
    _book(tmp_path / "._book-old-aaaa" / "_book", "older book")  # killed before its removal
    (tmp_path / "._book-staging-cccc").mkdir()
    scratch = tmp_path / ".cache" / "output" / "pdf" / ".build-dddd"
    scratch.mkdir(parents=True)
    (tmp_path / ".cache" / "output" / "pdf" / "key").mkdir()
    done = recover(tmp_path / "_book", lambda line: None)
    assert (tmp_path / "_book" / "index.html").read_text() == "current book"
    assert leftovers(tmp_path / "_book") == [] and not scratch.exists()
    assert (tmp_path / ".cache" / "output" / "pdf" / "key").is_dir()  # a stored unit stays
    assert done == ["removed 3 folder(s) left by interrupted renders (._book-old, "
                    "._book-staging, output cache scratch)"]


def test_nothing_left_nothing_said(tmp_path):
    _book(tmp_path / "_book", "book")
    assert recover(tmp_path / "_book", lambda line: None) == []
    (tmp_path / "_book").rename(tmp_path / "elsewhere")
    assert recover(tmp_path / "_book", lambda line: None) == []  # no copy: nothing to restore
