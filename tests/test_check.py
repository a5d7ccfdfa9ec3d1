from dataclasses import replace

from glossary.check import check_entries
from glossary.models import Category, Entry, Status
from glossary.store import with_computed


def _codes(entries):
    computed = {e.zh: with_computed(e) for e in entries}
    return sorted((p.zh, p.code) for p in check_entries(entries, computed=computed))


GOOD = with_computed(
    Entry(
        zh="八八战略",
        en="Double Eight Strategy",
        category=Category.SLOGAN,
        status=Status.OFFICIAL,
        source="Xinhua, 2023",
        reviewed=True,
    )
)


def test_clean_entry_has_no_problems():
    assert _codes([GOOD]) == []


def test_each_rule():
    entries = [
        GOOD,
        with_computed(
            replace(GOOD, zh="八八\u200b战略")
        ),  # duplicate after normalization, and unnormalized
        with_computed(
            Entry(zh="千万工程", en="", category=Category.PROGRAM, status=Status.PROPOSED)
        ),
        with_computed(
            Entry(
                zh="两个确立",
                en="Two 确立",
                category=Category.SLOGAN,
                status=Status.OFFICIAL,
                reviewed=True,
            )
        ),
        replace(
            with_computed(
                Entry(
                    zh="长三角",
                    en="Yangtze River Delta",
                    category=Category.PLACE,
                    status=Status.ESTABLISHED,
                    reviewed=True,
                )
            ),
            pinyin="zhǎng sān jiǎo",
            zh_tw="长三角",
        ),
        with_computed(Entry(zh="新质生产力", en="new quality productive forces", reviewed=True)),
    ]
    assert set(_codes(entries)) == {
        ("八八\u200b战略", "duplicate"),
        ("八八\u200b战略", "unnormalized"),
        ("千万工程", "empty-english"),
        ("千万工程", "fuzzy"),
        ("新质生产力", "no-category"),
        ("新质生产力", "no-status"),
        ("长三角", "hant-stale"),
        ("长三角", "pinyin-stale"),
        ("两个确立", "chinese-in-english"),
        ("两个确立", "official-without-source"),
    }


def test_override_silences_recomputation():
    e = replace(
        with_computed(replace(GOOD, zh="长三角", en="Yangtze River Delta")),
        pinyin="zhǎng sān jiǎo",
        pinyin_override=True,
    )
    assert _codes([e]) == []


def test_inconsistent_heads():
    def program(zh, en, status=Status.PROPOSED):
        return with_computed(
            Entry(zh=zh, en=en, category=Category.PROGRAM, status=status, reviewed=True)
        )

    entries = [
        program("强基工程", "Foundation Project"),
        program("壮腰工程", "Waist-Strengthening Project"),
        program("接力工程", "Relay Scheme"),
        program("千万工程", "Green Rural Revival", Status.OFFICIAL),
    ]
    entries[3] = replace(entries[3], source="Xinhua, 2023")
    assert _codes(entries) == [("接力工程", "inconsistent-head")]


def test_a_deprecated_rendering_may_not_also_be_one_to_use():
    from glossary.models import Deprecated

    entries = [
        replace(
            GOOD,
            en_alt=("Eight-Eight Strategy",),
            en_deprecated=(Deprecated("eight-eight strategy", "calque"), Deprecated("8-8")),
        ),
        with_computed(
            replace(
                GOOD,
                zh="千万工程",
                en="Green Rural Revival Program",
                en_deprecated=(Deprecated("千万"),),
            )
        ),
    ]
    assert _codes(entries) == [
        ("八八战略", "deprecated-in-use"),
        ("千万工程", "chinese-in-english"),
    ]


def test_a_variant_names_one_entry():
    from glossary.check import check_entries
    from glossary.models import Category, Entry, Status

    base = {"category": Category.SLOGAN, "status": Status.PROPOSED, "reviewed": True}
    entries = [
        Entry(zh="两山", en="Two Mountains", **base),
        Entry(
            zh="绿水青山就是金山银山", en="lucid waters", variants=("两山", "“两山”理念"), **base
        ),
        Entry(
            zh="绿水青山就是金山银山理念",
            en="the concept",
            variants=("两山理念", "“两山”理念"),
            **base,
        ),
    ]
    problems = [(p.zh, p.code) for p in check_entries(entries, computed={})]
    assert problems == [
        ("绿水青山就是金山银山", "variant-is-entry"),
        ("绿水青山就是金山银山理念", "variant-shared"),
    ]


def test_orthographic_pinyin_is_made_of_the_entrys_syllables():
    from glossary.check import check_entries
    from glossary.models import Category, Entry, Status

    base = {
        "category": Category.SLOGAN,
        "status": Status.PROPOSED,
        "reviewed": True,
        "en": "x Strategy",
    }
    entries = [
        Entry(zh="八八战略", pinyin="bā bā zhàn lüè", pinyin_orthographic="Bā-Bā Zhànlüè", **base),
        Entry(zh="强村", pinyin="qiáng cūn", pinyin_orthographic="Qiángcūn", **base),
        Entry(zh="重塑", pinyin="chóng sù", pinyin_orthographic="zhòngsù", **base),
    ]
    assert [(p.zh, p.code) for p in check_entries(entries, computed={})] == [
        ("重塑", "orthography-syllables")
    ]
