import pytest

from glossary.enrich import (
    PinyinStyle,
    Region,
    fold_pinyin,
    hant_check,
    to_hans,
    to_hant,
    to_pinyin,
)


@pytest.mark.parametrize(
    ("zh", "pinyin"),
    [
        ("长三角", "cháng sān jiǎo"),
        ("长效", "cháng xiào"),
        ("重塑", "chóng sù"),
        ("重走一大路", "chóng zǒu yī dà lù"),
        ("千行百业", "qiān háng bǎi yè"),
        ("银发经济", "yín fà jīng jì"),
        ("公转水", "gōng zhuǎn shuǐ"),
        ("机械强农行动", "jī xiè qiáng nóng xíng dòng"),
        ("发展的确定性", "fā zhǎn de què dìng xìng"),
        ("以人为本", "yǐ rén wéi běn"),
        ("河湖长制", "hé hú zhǎng zhì"),
        ("进一步全面深化改革", "jìn yī bù quán miàn shēn huà gǎi gé"),
        ("不敢腐、不能腐、不想腐", "bù gǎn fǔ bù néng fǔ bù xiǎng fǔ"),
        ("“132”总体工作部署", "132 zǒng tǐ gōng zuò bù shǔ"),
        ("幸福一‘嘉’人", "xìng fú yī jiā rén"),
        ("人工智能+", "rén gōng zhì néng +"),
        ("绿色", "lǜ sè"),
        ("急难愁盼", "jí nán chóu pàn"),
        ("第二次青藏科考", "dì èr cì qīng zàng kē kǎo"),  # 藏 for Xizang is zàng
        ("涉藏工作", "shè zàng gōng zuò"),
        ("中藏医药", "zhōng zàng yī yào"),
        ("藏粮于地", "cáng liáng yú dì"),  # storing grain: cáng
        ("塔克拉玛干沙漠", "tǎ kè lā mǎ gān shā mò"),  # Taklamakan: gān
        ("“蒙”字标", "měng zì biāo"),  # a curated reading across quote marks (Inner Mongolia)
        ("“1+3”“2+2”格局", "1+3 2+2 gé jú"),  # two codes stay two tokens
        ("蒙古族", "měng gǔ zú"),
        ("启蒙", "qǐ méng"),  # the quote rule touches no text without marks
        ("引黄济宁", "yǐn huáng jì níng"),  # 济 "to supply": jì
    ],
)
def test_pinyin_marks(zh, pinyin):
    assert to_pinyin(zh) == pinyin


def test_pinyin_styles():
    assert to_pinyin("八八战略", style=PinyinStyle.NUMBERS) == "ba1 ba1 zhan4 lüe4"
    assert to_pinyin("八八战略", style=PinyinStyle.PLAIN) == "ba ba zhan lüe"
    assert to_pinyin("八八战略", style=PinyinStyle.INITIALS) == "bbzl"
    assert to_pinyin("进一步", style=PinyinStyle.NUMBERS) == "jin4 yi1 bu4"


@pytest.mark.parametrize(
    ("zh", "tw", "hk"),
    [
        ("双循环", "雙循環", "雙循環"),
        ("国务院文件", "國務院文件", "國務院文件"),
        ("社区", "社區", "社區"),
        ("健全干部", "健全幹部", "健全幹部"),
        ("收入分配制度", "收入分配制度", "收入分配制度"),
        ("租购并举", "租購並舉", "租購並舉"),
        ("市场准入", "市場准入", "市場准入"),
        ("长三角科技人才周", "長三角科技人才週", "長三角科技人才周"),
        ("甪里", "甪里", "甪里"),
        (
            "国家制造业新型技术改造城市试点",
            "國家製造業新型技術改造城市試點",
            "國家製造業新型技術改造城市試點",
        ),
        ("集成释放", "集成釋放", "集成釋放"),
    ],
)
def test_hant(zh, tw, hk):
    assert to_hant(zh, region=Region.TW) == tw
    assert to_hant(zh, region=Region.HK) == hk


def test_to_hans():
    assert to_hans("八八戰略") == "八八战略"


def test_to_hans_converts_the_variants_that_t2s_leaves():
    # Hong Kong's 衞 and 枱, Taiwan's 著 for 着 (its phrases keep 著名 and 顯著)
    assert to_hans("醫療衞生強基工程") == "医疗卫生强基工程"
    assert to_hans("大片看總枱") == "大片看总台"
    assert to_hans("著力構建雅江經濟帶,隨著發展") == "着力构建雅江经济带,随着发展"
    assert to_hans("著名的顯著成效") == "著名的显著成效"
    assert to_hans("显著") == "显著"  # simplified text is left as it is


def test_every_variant_row_is_what_opencc_hk2s_or_tw2s_makes_of_it():
    import opencc

    from glossary.enrich import _data_lines, traditional_chars

    rows = _data_lines("hant_variants.tsv")
    assert len(rows) == 10
    hk, tw, t2s = (opencc.OpenCC(c).convert for c in ("hk2s", "tw2s", "t2s"))
    for variant, simplified, *kept in rows:
        assert t2s(variant) == variant  # t2s leaves it
        if kept:  # 著: tw2s makes 着 of it in 著力; the words that keep it read it zhù
            from pypinyin import pinyin

            assert tw(variant + "力") == simplified + "力"
            for word in kept[0].split():
                assert len(word) == 2, word  # to_hans looks at the two characters around it
                readings = [r[0] for r in pinyin(word)]
                assert readings[word.index(variant)] == "zhù", word
            assert variant not in traditional_chars()
        else:
            assert simplified in (hk(variant), tw(variant))
            assert variant in traditional_chars()
    assert "么" not in traditional_chars()


def test_hant_check():
    assert hant_check("健全干部") == "干(幹乾干榦)"
    assert hant_check("八八战略") == ""


@pytest.mark.parametrize(
    "query",
    ["Bā-Bā Zhànlüè", "ba1 ba1 zhan4 lve4", "ba ba zhan lüe", "BABAZHANLVE", "ba1ba1zhan4lu:e4"],
)
def test_fold_pinyin(query):
    assert fold_pinyin(query) == "babazhanlve"
