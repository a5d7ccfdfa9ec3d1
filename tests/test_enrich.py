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


def test_hant_check():
    assert hant_check("健全干部") == "干(幹乾干榦)"
    assert hant_check("八八战略") == ""


@pytest.mark.parametrize(
    "query",
    ["Bā-Bā Zhànlüè", "ba1 ba1 zhan4 lve4", "ba ba zhan lüe", "BABAZHANLVE", "ba1ba1zhan4lu:e4"],
)
def test_fold_pinyin(query):
    assert fold_pinyin(query) == "babazhanlve"
