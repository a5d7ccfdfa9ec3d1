from pathlib import Path

from glossary import entrycache, store
from glossary.enrich import with_missing_forms
from glossary.entrycache import complete_entries

EN = Path("locales/en/LC_MESSAGES/glossary.po")


def _strip_forms(po: Path) -> None:
    """The English catalogue as another tool writes it: no pinyin comments (forms computed)."""
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    po.write_text("".join(x for x in lines if not x.startswith("#. pinyin")), encoding="utf-8")


def test_the_entries_are_those_read_and_completed(project):
    expected = [with_missing_forms(e) for e in store.read_entries(Path("locales"))]
    assert complete_entries(Path("locales")) == expected
    assert complete_entries(Path("locales")) == expected  # from the cache


def test_the_cache_is_read_while_the_catalogues_are_unchanged(project, monkeypatch):
    first = complete_entries(Path("locales"))
    calls = []
    real = store.read_entries
    monkeypatch.setattr(store, "read_entries", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert complete_entries(Path("locales")) == first
    assert calls == []
    _strip_forms(EN)
    again = complete_entries(Path("locales"))
    assert len(calls) == 1
    assert [e.pinyin for e in again] == [e.pinyin for e in first]  # computed, the same
    by_zh = {e.zh: e for e in again}
    assert by_zh["八八战略"].pinyin == "bā bā zhàn lüè"


def test_a_damaged_cache_is_rebuilt(project):
    first = complete_entries(Path("locales"))
    path = Path(entrycache._cache_path("locales"))
    assert path.exists()
    path.write_bytes(b"\x00garbage" * 10)
    assert complete_entries(Path("locales")) == first
    path.write_bytes(path.read_bytes()[:50])  # cut short
    assert complete_entries(Path("locales")) == first


def test_the_cache_keeps_the_parts(formulas, monkeypatch):
    first = complete_entries(Path("locales"))
    assert Path(entrycache._cache_path("locales")).exists()
    monkeypatch.setattr(store, "read_entries", lambda *a, **k: [])  # the cache, or nothing
    again = {e.zh: e for e in complete_entries(Path("locales"))}
    assert list(again.values()) == first
    assert again["四个全面"].parts_former[0].parts[0] == "全面建成小康社会"
    assert again["两个确立"].parts[0].en.startswith("establish Comrade Xi Jinping's core")
