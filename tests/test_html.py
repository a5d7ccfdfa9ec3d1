"""The glossary page (glossary/exporters/html.py): the file itself, then the page driven in
headless Chromium (Debian's chromium and chromium-driver; skipped when they are absent)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossary.enrich import with_missing_forms
from glossary.exporters import FORMATS, load_all
from glossary.exporters.html import CSP, page_index, to_html
from glossary.fsutil import write_all_atomic
from glossary.models import Category, Deprecated, Entry, Status
from glossary.store import to_catalog_texts

load_all()

SCIO = "http://english.scio.gov.cn/pressroom/2021-04/30/content_77456336_4.htm"
CHINA_DAILY = "https://www.chinadaily.com.cn/a/202309/08/WS64fae14ea310d2dce4bb4c28.html"


def _entry(zh: str, en: str, category: Category, status: Status | None, **more: object) -> Entry:
    reviewed = bool(more.pop("reviewed", True))
    return with_missing_forms(
        Entry(zh=zh, en=en, category=category, status=status, reviewed=reviewed, **more)  # type: ignore[arg-type]
    )


ENTRIES = [
    _entry(
        "八八战略",
        "Double Eight Strategy",
        Category.SLOGAN,
        Status.OFFICIAL,
        en_alt=("Double-Eight Strategy",),
        en_deprecated=(Deprecated("Eight-Eight Strategy", "a literal calque of 八八"),),
        variants=("“八八战略”",),
        literal="Eight-Eight Strategy",
        definition="Zhejiang's development strategy put forward by Xi Jinping in 2003.",
        source=f'SCIO, 2021, {SCIO} ("Double-Eight Strategy"); China Daily, 2023, {CHINA_DAILY}',
        pinyin_orthographic="Bā-Bā Zhànlüè",
        reviewed_by="second terminologist",
        reviewed_on="2026-12-01",
    ),
    _entry(
        "绿水青山就是金山银山",
        "lucid waters and lush mountains are invaluable assets",
        Category.CONCEPT,
        Status.OFFICIAL,
        variants=("两山",),
        source="Xinhua, 2017",
    ),
    _entry("千万工程", "Green Rural Revival Program", Category.PROGRAM, Status.OFFICIAL),
    _entry("山水工程", "Mountains and Rivers Project", Category.PROGRAM, Status.ESTABLISHED),
    _entry("长三角", "Yangtze River Delta", Category.PLACE, Status.OFFICIAL),
    _entry(
        "长三角一体化",
        "integrated development of the Yangtze River Delta",
        Category.CONCEPT,
        Status.ESTABLISHED,
    ),
    _entry("两个确立", "Two Establishments", Category.SLOGAN, Status.OFFICIAL),
    _entry(
        "数字经济“一号工程”",
        "Number One Project for the digital economy",
        Category.PROGRAM,
        Status.PROPOSED,
        reviewed=False,
    ),
    _entry(
        "着力推动高质量发展",
        "make every effort to promote high-quality development",
        Category.CONCEPT,
        None,
        reviewed=False,
        definition="A </script><!-- test: the data may hold markup & it stays text.",
    ),
]


@pytest.fixture(scope="module")
def glossary(tmp_path_factory) -> Path:
    """A glossary folder holding ENTRIES (as build writes it)."""
    locales = tmp_path_factory.mktemp("html") / "locales"
    locales.mkdir()
    write_all_atomic(to_catalog_texts(locales, ENTRIES, []))
    return locales


@pytest.fixture(scope="module")
def page(glossary) -> Path:
    from glossary.app import html_page

    path = glossary.parent / "glossary.html"
    path.write_text(html_page(glossary, title="Test glossary"), encoding="utf-8")
    return path


def _data(text: str) -> dict:
    blocks = re.findall(
        r'<script id="glossary-(data|keys)" type="application/json">(.*?)</script>', text, re.S
    )
    assert [name for name, _ in blocks] == ["data", "keys"]
    data, keys = (json.loads(block) for _, block in blocks)
    assert not set(data) & set(keys)
    return {**data, **keys}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str, str]] = []
        self.metas: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        self.attrs += [(tag, k, v) for k, v in values.items()]
        if tag == "meta":
            self.metas.append(values)


# ------------------------------------------------------------------------------- the file
def test_page_is_self_contained_and_forbids_requests(page):
    text = page.read_text(encoding="utf-8")
    tags = _Tags()
    tags.feed(text)
    assert [v for t, k, v in tags.attrs if k in ("src", "href", "action", "srcset", "poster")] == []
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in tags.metas
    assert CSP.startswith(
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
    )
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in tags.metas
    # outside the data, no address at all: no font, script, style sheet or beacon to fetch
    outside = re.sub(r'(<script id="glossary-\w+"[^>]*>).*?(</script>)', r"\1\2", text, flags=re.S)
    assert re.findall(r"\b(?:https?|ftp|wss?|file):|//[\w.-]+\.[a-z]", outside) == []
    for word in (
        "fetch(",
        "XMLHttpRequest",
        "sendBeacon",
        "WebSocket",
        "import(",
        "@import",
        "url(",
    ):
        assert word not in outside, word
    assert '<html lang="en">' in text
    # the markup in a definition stays inside the data: two script elements end, no more
    assert text.count("</script>") == 3 and "<!--" not in text


def test_index_holds_lookup_keys(page):
    data = _data(page.read_text(encoding="utf-8"))
    assert data["v"] == 1
    assert data["fields"][:6] == ["zh", "zh_tw", "zh_hk", "pinyin", "pinyin_orthographic", "en"]
    assert [e[0] for e in data["entries"]] == [e.zh for e in ENTRIES]
    assert len(data["entries"][0]) == len(data["fields"]) - 4  # no parts: not written
    first = dict(zip(data["fields"], data["entries"][0], strict=False))
    assert first == {
        "zh": "八八战略",
        "zh_tw": "八八戰略",
        "zh_hk": "",
        "pinyin": "bā bā zhàn lüè",
        "pinyin_orthographic": "Bā-Bā Zhànlüè",
        "en": "Double Eight Strategy",
        "en_alt": ["Double-Eight Strategy"],
        "en_deprecated": [["Eight-Eight Strategy", "a literal calque of 八八"]],
        "variants": ["“八八战略”"],
        "literal": "Eight-Eight Strategy",
        "definition": "Zhejiang's development strategy put forward by Xi Jinping in 2003.",
        "category": "slogan",
        "status": "official",
        "source": f'SCIO, 2021, {SCIO} ("Double-Eight Strategy"); China Daily, 2023, {CHINA_DAILY}',
        "reviewed": 1,
        "reviewed_by": "second terminologist",
        "reviewed_on": "2026-12-01",
    }
    # the tokens of the lookup index's full-text columns, as its tokenizers cut them
    assert data["pyt"][0] == "ba ba zhan lue" and data["pyf"][0] == "babazhanlue"
    assert data["ini"][0] == "bbzl"
    assert data["enj"][0] == "doubleeightstrategy doubleeightstrategy eighteightstrategy"
    assert data["pyt"][1].split()[:2] == ["lu", "shui"] and "lu" in data["syllables"]
    assert data["zh"]["八八戰略"] == [0] and data["zh"]["「八八战略」"] == [0]
    assert data["zh"]["两山"] == [1]
    assert data["words"]["strategy"] == [0] and data["words"]["high"] == [8]
    assert data["rank"] == [0, 0, 0, 1, 0, 1, 0, 6, 7]
    # pinyin order: ba, chang san jiao, chang san jiao yi.., liang, lü, qian, shan, shu, zhuo
    assert [ENTRIES[i].zh for i in data["order"]] == [
        "八八战略",
        "长三角",
        "长三角一体化",
        "两个确立",
        "绿水青山就是金山银山",
        "千万工程",
        "山水工程",
        "数字经济“一号工程”",
        "着力推动高质量发展",
    ]


def test_tones_order_syllables_with_the_same_letters():
    entries = [
        Entry(zh="马", pinyin="mǎ"),
        Entry(zh="麻", pinyin="má"),
        Entry(zh="妈", pinyin="mā"),
        Entry(zh="骂", pinyin="mà"),
        Entry(zh="吗", pinyin="ma"),
        Entry(zh="马上", pinyin="mǎ shàng"),
    ]
    order = page_index(entries)["order"]
    assert [entries[i].zh for i in order] == ["妈", "麻", "马", "骂", "吗", "马上"]


def test_export_format_html_is_the_page():
    text = FORMATS["html"].export(ENTRIES[:1])
    assert text == to_html(ENTRIES[:1])
    assert text.startswith("<!DOCTYPE html>")


def test_cli_writes_the_page_with_the_export_filters(run, tmp_path):
    out = tmp_path / "official.html"
    result = run(["html", "--status", "official", "--title", "Official terms", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<title>Official terms</title>" in text
    assert sorted(e[0] for e in _data(text)["entries"]) == sorted(
        ["八八战略", "千万工程", "长三角", "两个确立", "新质生产力"]
    )


def test_cli_refuses_a_folder(run, tmp_path):
    result = run(["html", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "folder" in result.output or "directory" in result.output


# ------------------------------------------------------------------------ in a real browser
def _browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("headless Chromium not installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium not installed (pip install '.[test]')")
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


@pytest.fixture(scope="module")
def browser():
    driver = _browser()
    yield driver
    driver.quit()


def _open(browser, page: Path, fragment: str = "") -> None:
    browser.get("about:blank")  # a new load, not a move within the page
    browser.get(page.as_uri() + fragment)
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.execute_script("return document.documentElement.dataset.ready") == "1"


def _settle(browser) -> None:
    """Wait for the search that typing scheduled (one a frame)."""
    browser.execute_async_script(
        "requestAnimationFrame(() => requestAnimationFrame(arguments[arguments.length - 1]))"
    )


def _click(browser, element) -> None:
    """Click ``element`` as a reader does, once it has scrolled into view and the cards around
    it have been laid out (``content-visibility: auto`` sizes off-screen cards as placeholders,
    so a click aimed before their layout can land on a card instead)."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    _settle(browser)
    element.click()


def _shown(browser) -> list[str]:
    return browser.execute_script(
        "return [...document.querySelectorAll('#results > li')].map(li => li.dataset.zh)"
    )


def _type(browser, text: str) -> list[str]:
    box = browser.find_element("id", "q")
    box.clear()
    box.send_keys(text)
    _settle(browser)
    return _shown(browser)


MODES = [
    ("八八战略", ["八八战略"]),  # characters
    ("八八戰略", ["八八战略"]),  # traditional
    ("「八八战略」", ["八八战略"]),  # another quoting
    ("两山", ["绿水青山就是金山银山"]),  # a variant form
    ("工程", ["千万工程", "山水工程", "数字经济“一号工程”"]),  # part of terms
    ("bā bā zhàn lüè", ["八八战略"]),  # pinyin with tones
    ("babazhanlve", ["八八战略"]),  # toneless, no spaces
    ("ba ba zhan lue", ["八八战略"]),  # u for ü, spaced
    ("lv shui qing shan", ["绿水青山就是金山银山"]),  # v for ü, part from the start
    ("zhanlue", ["八八战略"]),  # part from inside, u for ü
    ("bbzl", ["八八战略"]),  # initials
    ("chang", ["长三角", "长三角一体化"]),  # part of the pinyin, from the start
    ("cheng", ["千万工程", "山水工程", "数字经济“一号工程”"]),  # inside (长 is cháng)
    ("Double Eight Strategy", ["八八战略"]),  # English, exact
    ("delta yangtze", ["长三角", "长三角一体化"]),  # English words in any order
    ("Eight-Eight Strategy", ["八八战略"]),  # the literal rendering
    ("straegy", ["八八战略"]),  # a typo
    ("xyzzy", []),
]


@pytest.mark.parametrize(("query", "expected"), MODES, ids=[q for q, _ in MODES])
def test_typing_shows_the_entries_of_each_search_mode(browser, page, query, expected):
    _open(browser, page)
    assert _type(browser, query) == expected
    # the address keeps the search, so that the link can be shared
    from urllib.parse import parse_qs, urlsplit

    fragment = urlsplit(browser.current_url).fragment
    assert parse_qs(fragment)["q"] == [query]


def test_fragment_opens_with_its_search_and_filters(browser, page):
    _open(browser, page, "#q=bbzl")
    assert browser.find_element("id", "q").get_attribute("value") == "bbzl"
    assert _shown(browser) == ["八八战略"]
    assert browser.find_element("id", "summary").text == "1 entry for “bbzl”"
    _open(browser, page, "#q=%E5%B7%A5%E7%A8%8B&status=official")  # 工程
    assert _shown(browser) == ["千万工程"]
    browser.execute_script("location.hash = '#q=chang&category=place'")
    _settle(browser)
    assert _shown(browser) == ["长三角"]


def test_empty_search_lists_every_entry_by_pinyin_and_filters_apply(browser, page):
    from selenium.webdriver.support.ui import Select

    _open(browser, page)
    assert _shown(browser) == [ENTRIES[i].zh for i in _data(page.read_text("utf-8"))["order"]]
    assert browser.find_element("id", "summary").text == "9 of 9 entries, by pinyin"
    Select(browser.find_element("id", "category")).select_by_value("program")
    _settle(browser)
    assert _shown(browser) == ["千万工程", "山水工程", "数字经济“一号工程”"]
    Select(browser.find_element("id", "status")).select_by_value("established")
    assert _shown(browser) == ["山水工程"]
    assert "category=program&status=established" in browser.current_url
    Select(browser.find_element("id", "category")).select_by_value("")
    Select(browser.find_element("id", "status")).select_by_value("-")  # no status
    assert _shown(browser) == ["着力推动高质量发展"]


def test_a_card_shows_everything_with_languages_and_links(browser, page):
    _open(browser, page, "#q=bbzl")
    card = browser.find_element("css selector", "#results > li")
    assert card.text.splitlines() == [
        "八八战略 八八戰略",
        "Double Eight Strategy official",
        "pinyin",
        "bā bā zhàn lüè",
        "orthographic",
        "Bā-Bā Zhànlüè",
        "source",
        f'SCIO, 2021, {SCIO} ("Double-Eight Strategy"); China Daily, 2023, {CHINA_DAILY}',
        "also",
        "Double-Eight Strategy",
        "do not use",
        "Eight-Eight Strategy (a literal calque of 八八)",
        "written",
        "“八八战略”",
        "Taiwan, Hong Kong",
        "八八戰略",
        "literal",
        "Eight-Eight Strategy",
        "category",
        "slogan",
        "definition",
        "Zhejiang's development strategy put forward by Xi Jinping in 2003.",
        "reviewed",
        "second terminologist 2026-12-01",
    ]
    links = [a.get_attribute("href") for a in card.find_elements("css selector", "a")]
    assert links == [SCIO, CHINA_DAILY]
    langs = browser.execute_script(
        "return [...arguments[0].querySelectorAll('[lang]')].map(n => n.lang + ' ' + n.textContent)",
        card,
    )
    assert "zh-Hans 八八战略" in langs and "zh-Hant-TW 八八戰略" in langs
    assert "en Double Eight Strategy official" in langs  # the badge inside the English line
    _open(browser, page, "#q=%E7%9D%80%E5%8A%9B")  # 着力: a Hong Kong form of its own
    langs = browser.execute_script(
        "return [...document.querySelectorAll('#results [lang^=zh-Hant]')].map(n => n.lang + ' ' + n.textContent)"
    )
    assert "zh-Hant-TW 著力推動高質量發展" in langs and "zh-Hant-HK 着力推動高質量發展" in langs
    # the definition's markup is text, never an element
    text = browser.find_element("css selector", "#results > li").text
    assert "A </script><!-- test: the data may hold markup & it stays text." in text
    assert "unreviewed" in text and "unrated" in text


def test_the_page_answers_as_lookup_does(browser, page, glossary):
    """The page's script and ``glossary lookup`` find the same entries in the same order."""
    from glossary.lookup import lookup

    _open(browser, page)
    queries = [
        "八八战略",
        "八八戰略",
        "两山",
        "工程",
        "长三角一体化发展",  # terms inside a phrase
        "bbzl",
        "babazhanlve",
        "bā bā zhàn lüè",
        "lv shui qing shan",
        "changsan",
        "Double Eight Strategy",
        "delta yangtze",
        "the project",
        "straegy",
        "xyzzy",
        "zhanlue",  # from inside a term, u for ü
        "zhan lue",
        "zhanl",  # the last syllable cut short
        "ba zhan",
        "lu shui qing shan",
        "lv shui",
        "development zone",
        "長三角一體化",  # a traditional phrase
        "yangtse",  # an English typo
        "changsanjiao",
        "cheng",
        "gongc",
        "xian",
        "constructor",  # a word of JavaScript's objects, not of the glossary
    ]
    for q in queries:
        ours = browser.execute_script("return glossarySearch(arguments[0])", q)
        assert ours == [h.entry["zh"] for h in lookup(q, locales=glossary, limit=None)], q


def test_no_request_leaves_the_page(browser, page):
    browser.get_log("performance")  # drop what came before
    _open(browser, page, "#q=bbzl")
    _type(browser, "double eight")
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    requests = [
        json.loads(m["message"])["message"]["params"]["request"]["url"]
        for m in browser.get_log("performance")
        if '"Network.requestWillBeSent"' in m["message"]
    ]
    assert {u.split("#")[0] for u in requests} == {page.as_uri()}
    # and the policy stops one that a script would try
    blocked = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        document.addEventListener('securitypolicyviolation', e => done(e.violatedDirective), {once: true});
        fetch('http://127.0.0.1:9/beacon').catch(() => {});"""
    )
    assert blocked == "connect-src"


def test_keyboard_and_focus(browser, page):
    from selenium.webdriver.common.keys import Keys

    _open(browser, page)
    body = browser.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "q"
    box = browser.find_element("id", "q")
    box.send_keys("gongcheng")
    _settle(browser)
    box.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("data-zh") == "千万工程"
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert browser.switch_to.active_element.get_attribute("data-zh") == "山水工程"
    browser.switch_to.active_element.send_keys(Keys.ARROW_UP, Keys.ARROW_UP)
    assert browser.switch_to.active_element.get_attribute("id") == "q"
    box.send_keys(Keys.ESCAPE)
    _settle(browser)
    assert box.get_attribute("value") == "" and len(_shown(browser)) == 9
    label = browser.find_element("css selector", "label[for=q]").text
    assert label == "Search: characters, pinyin, initials or English"


_CONTRAST = """
function lum(c) {
  const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function bg(node) {
  for (; node; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
  }
  return 'rgb(255, 255, 255)';
}
const out = [];
for (const sel of arguments[0]) {
  for (const n of document.querySelectorAll(sel)) {
    const a = lum(getComputedStyle(n).color), b = lum(bg(n));
    out.push([sel, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
  }
}
return out;
"""


def test_text_contrast_meets_wcag_aa(browser, page):
    _open(browser, page)
    selectors = ["h1", "label", ".hint", ".summary", ".term", ".forms", ".en", "dt", "dd",
                 ".badge", "a", "input", "select"]  # fmt: skip
    ratios = browser.execute_script(_CONTRAST, selectors)
    assert {s for s, _ in ratios} == set(selectors)
    low = [(s, round(r, 2)) for s, r in ratios if r < 4.5]
    assert low == []


def test_print_lists_the_selection_by_pinyin_without_controls(browser, page):
    _open(browser, page, "#q=gongcheng")
    assert _shown(browser)[0] == "千万工程"
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        browser.execute_script("window.dispatchEvent(new Event('beforeprint'))")
        assert _shown(browser) == ["千万工程", "山水工程", "数字经济“一号工程”"]  # by pinyin
        hidden = browser.execute_script(
            "return ['.controls', '.hint', '#more', '#summary'].map(s => getComputedStyle(document.querySelector(s)).display)"
        )
        assert hidden == ["none"] * 4
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.execute_script("window.dispatchEvent(new Event('afterprint'))")


def test_phone_width_keeps_every_part_on_screen(browser, page):
    _open(browser, page, "#q=bbzl")
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True},
    )
    try:
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 360
        columns = browser.execute_script(
            "return getComputedStyle(document.querySelector('#results dl')).gridTemplateColumns.split(' ').length"
        )
        assert columns == 1
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_long_lists_are_drawn_a_page_at_a_time(browser, tmp_path):
    entries = [
        Entry(zh=f"工程{i:03d}", en=f"Project {i}", pinyin="gōng chéng", category=Category.PROGRAM)
        for i in range(250)
    ]
    path = tmp_path / "long.html"
    path.write_text(to_html(entries), encoding="utf-8")
    _open(browser, path, "#q=gongcheng")
    assert len(_shown(browser)) == 100
    more = browser.find_element("id", "more")
    assert more.text == "Show more (150 left)"
    _click(browser, more)
    assert len(_shown(browser)) == 200
    assert browser.switch_to.active_element.get_attribute("data-zh") == "工程100"
    _click(browser, more)
    assert len(_shown(browser)) == 250 and not more.is_displayed()


def test_pinyin_from_any_syllable_ranks_by_trust_as_lookup_does(browser, tmp_path):
    """A term whose pinyin holds the query's syllables inside is a partial match like one
    whose pinyin starts with them: within the tier, trusted renderings first (lookup's ids)."""
    entries = [
        Entry(zh="城市大脑", en="City Brain", pinyin="chéng shì dà nǎo"),
        Entry(
            zh="千万工程",
            en="Green Rural Revival Program",
            pinyin="qiān wàn gōng chéng",
            status=Status.OFFICIAL,
            reviewed=True,
        ),
    ]
    path = tmp_path / "inside.html"
    path.write_text(to_html(entries), encoding="utf-8")
    _open(browser, path)
    assert browser.execute_script("return glossarySearch('cheng')") == ["千万工程", "城市大脑"]
    assert browser.execute_script("return glossarySearch('gongcheng')") == ["千万工程"]
    assert browser.execute_script("return glossarySearch('gong ch')") == ["千万工程"]
    assert browser.execute_script("return glossarySearch('chengs')") == ["城市大脑"]


# ---------------------------------------------------------------------------- formulas' parts
def _formula_entries() -> list[Entry]:
    from glossary.models import FormerParts, Part
    from glossary.store import with_part_of

    parts = ["全面建设社会主义现代化国家", "全面深化改革", "全面依法治国", "全面从严治党"]
    english = [
        "build a modern socialist country in all respects",
        "deepen reform comprehensively",
        "law-based governance on all fronts",
        "full and rigorous Party self-governance",
    ]
    formula = _entry(
        "四个全面",
        "Four-Pronged Comprehensive Strategy",
        Category.SLOGAN,
        Status.OFFICIAL,
        parts=(*(Part(zh) for zh in parts), Part("进一步发挥优势", "make full use of strengths")),
        parts_source=f"Xinhua, 2022, {SCIO}",
        parts_former=(
            FormerParts("2014-2020", ("全面建成小康社会", "全面深化改革"), "Xinhua, 2014"),
        ),
    )
    members = [
        _entry(zh, en, Category.CONCEPT, Status.OFFICIAL)
        for zh, en in zip(parts[1:], english[1:], strict=True)
    ]
    return with_part_of([formula, *members])  # 全面建设社会主义现代化国家: not on the page


def test_the_index_carries_parts_with_their_english_and_whether_the_page_has_them():
    data = page_index(_formula_entries())
    row = dict(zip(data["fields"], data["entries"][0], strict=True))
    assert row["parts"] == [
        ["全面建设社会主义现代化国家", "", 2],
        ["全面深化改革", "deepen reform comprehensively", 1],
        ["全面依法治国", "law-based governance on all fronts", 1],
        ["全面从严治党", "full and rigorous Party self-governance", 1],
        ["进一步发挥优势", "make full use of strengths", 0],
    ]
    assert row["parts_former"] == [
        [
            "2014-2020",
            [["全面建成小康社会", "", 2], ["全面深化改革", "deepen reform comprehensively", 1]],
            "Xinhua, 2014",
        ]
    ]
    member = dict(zip(data["fields"], data["entries"][1], strict=True))
    assert member["part_of"] == [["四个全面", "Four-Pronged Comprehensive Strategy", 1]]


def test_a_card_links_the_parts_and_the_formulas_of_a_part(browser, tmp_path):
    path = tmp_path / "formulas.html"
    path.write_text(to_html(_formula_entries()), encoding="utf-8")
    _open(browser, path, "#q=%E5%9B%9B%E4%B8%AA%E5%85%A8%E9%9D%A2")  # 四个全面
    card = browser.find_element("css selector", "#results > li")
    lines = card.text.splitlines()
    start = lines.index("parts")
    assert lines[start:] == [
        "parts",
        "全面建设社会主义现代化国家",
        "全面深化改革 deepen reform comprehensively",
        "全面依法治国 law-based governance on all fronts",
        "全面从严治党 full and rigorous Party self-governance",
        "进一步发挥优势 make full use of strengths (clause)",
        "listed in",
        f"Xinhua, 2022, {SCIO}",
        "former",
        "2014-2020: 全面建成小康社会; 全面深化改革 (Xinhua, 2014)",
    ]
    numbers = browser.execute_script(
        "return getComputedStyle(arguments[0].querySelector('ol.parts')).listStyleType", card
    )
    assert numbers == "decimal"
    links = [
        (a.text, a.get_attribute("href").rsplit("#", 1)[1])
        for a in card.find_elements("css selector", "a.xref")
    ]
    q = "q=%E5%85%A8%E9%9D%A2"  # 全面
    assert links == [
        ("全面深化改革", q + "%E6%B7%B1%E5%8C%96%E6%94%B9%E9%9D%A9"),
        ("全面依法治国", q + "%E4%BE%9D%E6%B3%95%E6%B2%BB%E5%9B%BD"),
        ("全面从严治党", q + "%E4%BB%8E%E4%B8%A5%E6%B2%BB%E5%85%9A"),
        ("全面深化改革", q + "%E6%B7%B1%E5%8C%96%E6%94%B9%E9%9D%A9"),
    ]
    # following a part's link opens its card, which links back to the formula
    card.find_element("css selector", "a.xref").click()
    _settle(browser)
    assert _shown(browser)[0] == "全面深化改革"
    part = browser.find_element("css selector", "#results > li")
    assert part.text.splitlines()[-2:] == [
        "part of",
        "四个全面 Four-Pronged Comprehensive Strategy",
    ]
    back = part.find_element("css selector", "a.xref")
    assert back.get_attribute("href").endswith("#q=%E5%9B%9B%E4%B8%AA%E5%85%A8%E9%9D%A2")
    back.click()
    _settle(browser)
    assert _shown(browser)[0] == "四个全面"
