import pytest

from glossary.formulas import is_numbered_formula


@pytest.mark.parametrize(
    "zh",
    [
        "四个全面",  # numeral + classifier
        "三大攻坚战",
        "五位一体",
        "十四个坚持",
        "“三个代表”重要思想",  # after an opening quote
        "三严三实",  # numerals further on
        "两学一做",
        "一中心四平台一网格",
        "四风",  # a numeral and one character
        "六稳",
        "八八战略",  # numerals + head
        "千万工程",
        "五水共治",  # numeral, one character, head
        "和平共处五项原则",  # numerals and a classifier further on
        "碳达峰十大行动",
        "三权分置",  # three or four characters opening with numerals
        "双倍增",
        "“132”总体工作部署",  # a quoted code
        "现代海洋城市建设“985”行动",
        "10个着力",  # digits
        "5G规模化应用",
    ],
)
def test_numbered_formulas(zh):
    assert is_numbered_formula(zh)


@pytest.mark.parametrize(
    "zh",
    [
        "新质生产力",
        "统一战线",  # a numeral inside a word
        "一体化国家战略体系和能力",
        "十五五",  # numerals only
        "共建“一带一路”",  # names a formula, is none
        "两岸关系和平发展",
        "一般贸易",
        "一刀切",  # a lone 一 opening a short word
        "全国统一大市场",  # 一 inside a word
        "第一个百年奋斗目标",  # an ordinal
        "让人民群众在每一个司法案件中感受到公平正义",
        "",
    ],
)
def test_not_numbered_formulas(zh):
    assert not is_numbered_formula(zh)
