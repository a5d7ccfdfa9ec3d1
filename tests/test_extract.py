from glossary.build import known_terms
from glossary.extract import find_candidates, iter_spans
from glossary.models import Category, Entry, Segment


def _cands(*lines, known=None, rejected=frozenset()):
    segs = [Segment("doc.txt", n, text) for n, text in enumerate(lines, 1)]
    return {c.zh_hans: c for c in find_candidates(segs, known=known, rejected=rejected)}


def test_quoted_spans_keep_inner_marks():
    found = _cands("全面打响“幸福一‘嘉’人”品牌,推进“人工智能+”行动。")
    assert "幸福一‘嘉’人" in found  # 品牌 after a quote names a brand: the quote is the name
    assert "“人工智能+”行动" in found and "人工智能+" not in found  # a head makes it a program
    assert found["幸福一‘嘉’人"].quoted is True


def test_all_quote_styles():
    found = _cands('推進「千萬工程」和『腾笼换鸟』以及"亩均论英雄"。')
    assert {"千万工程", "腾笼换鸟", "亩均论英雄"} <= set(found)


def test_quoted_code_takes_the_name_after_it():
    found = _cands("落实省委“132”总体工作部署和“8+4”经济政策体系。")
    assert "“132”总体工作部署" in found
    assert "“8+4”经济政策体系" in found
    assert "132" not in found


def test_emphasis_words_and_plan_periods_are_not_terms():
    found = _cands(
        "“智造”与“创新”实现新突破,“十五五”时期,推动“成长的烦恼”。",
        rejected=frozenset({"成长的烦恼"}),
    )
    assert "智造" not in found and "创新" not in found and "十五五" not in found
    assert "成长的烦恼" not in found


def test_numbered_formulas():
    found = _cands("“十项重大工程”“四大关键支撑”“一港三区”“两湖一嘉”,落实两个确立。")
    assert {"十项重大工程", "四大关键支撑", "一港三区", "两湖一嘉"} <= set(found)
    assert found["十项重大工程"].category is Category.PROGRAM
    assert found["一港三区"].category is Category.SLOGAN
    assert "两个确立" in found and found["两个确立"].quoted is False


def test_named_programs_by_head():
    found = _cands("深入实施红色根脉强基工程,加快建设运河湾科创走廊,争创国家生态文明建设示范区。")
    assert found["红色根脉强基工程"].category is Category.PROGRAM
    assert found["运河湾科创走廊"].category is Category.PLATFORM
    assert found["国家生态文明建设示范区"].category is Category.PLATFORM


def test_head_candidates_do_not_start_mid_word_or_with_a_verb():
    found = _cands(
        "深入学习贯彻党的二十届四中全会精神,推进全国统一大市场建设,实施服务业扩能提质行动。"
    )
    assert not any(k.endswith("全会精神") for k in found)
    assert "一大市场建设" not in found
    assert "服务业扩能提质行动" in found


def test_known_terms_found_unquoted_and_counted():
    known = known_terms(
        [Entry(zh="新质生产力", category=Category.CONCEPT, zh_tw="新質生產力", zh_hk="新質生產力")]
    )
    found = _cands("发展新质生产力。", "因地制宜发展新质生产力。", known=known)
    c = found["新质生产力"]
    assert (c.count, c.line, c.known, c.quoted, c.category) == (2, 1, True, False, Category.CONCEPT)
    assert c.locations == ("doc.txt:1", "doc.txt:2")


def test_traditional_text_reports_as_written_and_simplified():
    known = known_terms(
        [Entry(zh="新质生产力", category=Category.CONCEPT, zh_tw="新質生產力", zh_hk="新質生產力")]
    )
    found = _cands("深入踐行「八八戰略」,發展新質生產力,實施紅色根脈強基工程。", known=known)
    assert found["八八战略"].zh == "八八戰略"
    assert found["新质生产力"].zh == "新質生產力" and found["新质生产力"].known
    assert found["红色根脉强基工程"].zh == "紅色根脈強基工程"


def test_spans_are_offsets_into_the_line():
    spans = [(s, e, zh) for s, e, zh, _, _ in iter_spans("践行“八八战略”")]
    assert spans == [(3, 7, "八八战略")]


def test_genre_rules_found_on_other_documents():
    found = _cands(
        "“十一五”“十五”时期,大力发展战略性新兴产业,建设宁杭生态经济带和南京都市圈,"
        "试点“湿地+”模式。2015年是全面深化改革的关键之年。"
    )
    assert "十一五" not in found and "十五" not in found  # plan periods
    assert "发展战略" not in found  # 战略性 is not the head 战略
    assert found["宁杭生态经济带"].category is Category.PLATFORM
    assert "南京都市圈" in found
    assert "湿地+" in found  # a formula, although two characters
    assert not any(k.startswith("年是") for k in found)


def test_the_vocabulary_is_data():
    from glossary.extract import load_vocabulary

    v = load_vocabulary()
    assert v.heads["示范区"] is Category.PLATFORM and v.heads["专项行动"] is Category.PROGRAM
    assert v.head_words.index("专项行动") < v.head_words.index("行动")
    assert v.leaders[0] in ("高水平建设", "高质量建设", "高标准建设", "高水平打造", "高质量打造")
    assert len(v.leaders) == len(set(v.leaders))
    assert "文明" in v.not_head_after and "全会" in v.not_name_end


def test_collectors_merge_their_tallies():
    from glossary.extract import CandidateCollector

    first, second, whole = CandidateCollector(), CandidateCollector(), CandidateCollector()
    lines = ["实施“千万工程”。", "推进“千万工程”和“两湖一嘉”。"]
    first.feed(Segment("d", 1, lines[0]))
    second.feed(Segment("d", 2, lines[1]))
    for n, line in enumerate(lines, 1):
        whole.feed(Segment("d", n, line))
    first.merge_tallies(second.tallies())
    assert first.candidates() == whole.candidates()
