// The glossary page's search: the rules of glossary/lookup.py on the index that
// glossary/exporters/html.py embeds (the forms and the tokens of the lookup index's full-text
// columns computed in Python by SQLite's own tokenizers; here the look-ups, the phrase matches
// of FTS5 as scans, and lookup's ranking). No request leaves the page.
"use strict";
(function () {
  var G = JSON.parse(document.getElementById("glossary-data").textContent);
  var F = {};
  G.fields.forEach(function (name, i) { F[name] = i; });
  var E = G.entries, N = E.length, PAGE = 100;
  var EXACT = 0, PARTIAL = 1, FUZZY = 2;  // lookup.Tier
  var STOP = { a: 1, an: 1, and: 1, the: 1, of: 1, "for": 1, "in": 1, on: 1, to: 1, "with": 1, by: 1 };
  var PINYIN_CHARS = "abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ: '12345-";
  var MAX_TYPO_WORDS = 12;
  var INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;
  var FOLD = {};
  [["āáǎà", "a"], ["ēéěèê", "e"], ["īíǐì", "i"], ["ōóǒò", "o"], ["ūúǔù", "u"], ["üǖǘǚǜ", "v"],
    ["ḿ", "m"], ["ńňǹ", "n"]].forEach(function (p) {
    for (var i = 0; i < p[0].length; i++) FOLD[p[0][i]] = p[1];
  });
  var SYLLABLES = null, PREFIXES = null;
  var PY = null, PYF = null, ENJ = null, INI = null;
  function loadKeys() {  // the search keys: their own block, read on the first query
    if (SYLLABLES !== null) return;
    var keys = JSON.parse(document.getElementById("glossary-keys").textContent);
    for (var k in keys) G[k] = keys[k];
    SYLLABLES = new Set(G.syllables);
    PREFIXES = new Set();
    G.syllables.forEach(function (s) { for (var k = 1; k < s.length; k++) PREFIXES.add(s.slice(0, k)); });
    document.documentElement.setAttribute("data-keys", "1");
  }
  function columns() {  // each entry's py_fts columns as lists of tokens, made on first use
    if (PY !== null) return;
    function split(list) { return list.map(function (t) { return t ? t.split(" ") : []; }); }
    PY = split(G.pyt); PYF = split(G.pyf); INI = split(G.ini); ENJ = split(G.enj);
  }
  var HAYSTACK = null, VOCAB = null;

  // ---------------------------------------------------------------- keys (glossary/keys.py)
  function normalize(text) {
    return text.normalize("NFKC").replace(INVISIBLE, "").split(/\s+/).filter(Boolean).join(" ");
  }
  function englishWords(text) {
    return normalize(text).toLowerCase().replace(/\u2019/g, "'").match(/[a-z0-9]+(?:'[a-z]+)*/g) || [];
  }
  function foldPinyin(text) {  // enrich.fold_pinyin
    text = text.toLowerCase().normalize("NFC").split("u:").join("v");
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = FOLD[text[i]] || text[i];
      if (ch >= "a" && ch <= "z") out += ch;
    }
    return out;
  }
  function hasHan(text) {
    for (var i = 0; i < text.length; i++) {
      var c = text.codePointAt(i);
      if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0x20000 && c <= 0x2ebef)) return true;
      if (c > 0xffff) i++;
    }
    return false;
  }
  function pinyinish(text) {
    text = text.toLowerCase();
    for (var i = 0; i < text.length; i++) if (PINYIN_CHARS.indexOf(text[i]) < 0) return false;
    return true;
  }
  function cpLength(s) { var n = 0; for (var ch of s) n++; return n; }  // SQLite's length()
  // FTS5's unicode61 tokenizer: runs of letters, digits, marks and private-use characters,
  // lower case, diacritics removed
  var TOKEN_CHAR = /[\p{L}\p{N}\p{Mn}\p{Co}]/u, MARKS = /\p{M}/gu;
  function foldChar(ch) {
    ch = ch.toLowerCase();
    return ch < "\u0250" ? ch.normalize("NFD").replace(MARKS, "") : ch.replace(MARKS, "");
  }
  function tokens(text) {
    var out = [], cur = "";
    for (var ch of text) {
      if (TOKEN_CHAR.test(ch)) cur += foldChar(ch);
      else if (cur) { out.push(cur); cur = ""; }
    }
    if (cur) out.push(cur);
    return out.filter(Boolean);
  }
  var NOT_TOKEN = /[^\p{L}\p{N}\p{Mn}\p{Co}]+/gu, UNFOLDED = /^[\u3400-\u9fff]*$/;
  function charTokens(text) {  // a written form as zh_fts holds it: its token characters, folded
    if (UNFOLDED.test(text)) return text;  // Chinese characters only: nothing to drop or fold
    text = text.replace(NOT_TOKEN, "");
    if (UNFOLDED.test(text)) return text;
    var out = "";
    for (var ch of text) out += foldChar(ch);
    return out;
  }
  function phraseIn(column, phrase, prefix) {  // FTS5: the phrase's tokens in a row in column
    var n = phrase.length, last = n - 1, end = column.length - n, first = phrase[0];
    for (var at = 0; at <= end; at++) {
      if (last > 0 ? column[at] !== first : prefix ? column[at].lastIndexOf(first, 0) !== 0 : column[at] !== first) continue;
      var k = 1;
      for (; k < last; k++) if (column[at + k] !== phrase[k]) break;
      if (k < last) continue;
      if (last > 0 && !(prefix ? column[at + last].lastIndexOf(phrase[last], 0) === 0 : column[at + last] === phrase[last])) continue;
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------- matching (glossary/lookup.py)
  // An entry's id in lookup's index is (trust rank, min(length of the term, 31), place in the
  // catalogue): ORDER BY id, the order of hits within their tier and order.
  function byId(a, b) {
    return G.rank[a] - G.rank[b] || termLength(a) - termLength(b) || a - b;
  }
  var LENGTHS = null;
  function termLength(i) {
    if (LENGTHS === null) LENGTHS = E.map(function (e) { return Math.min(cpLength(e[F.zh]), 31); });
    return LENGTHS[i];
  }
  function own(table, key) { return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined; }
  function Found() { this.best = new Map(); }
  Found.prototype.add = function (ids, tier, how, order) {  // lookup._Found.add
    for (var n = 0; n < ids.length; n++) {
      var i = ids[n], key = [tier, order ? order[n] : 0, how], had = this.best.get(i);
      if (had === undefined || had[0] > key[0] || (had[0] === key[0] && had[1] > key[1])) this.best.set(i, key);
    }
  };
  function hanQuery(q, found) {
    found.add(own(G.zh, q) || [], EXACT, "zh");
    if (HAYSTACK === null) {  // every simplified, Taiwan and Hong Kong form, as zh_fts holds them
      HAYSTACK = [];
      for (var i = 0; i < N; i++) {  // one line an entry, its forms apart (\u0001 is no token)
        var e = E[i];
        HAYSTACK.push(charTokens(e[F.zh]) + "\u0001" + charTokens(e[F.zh_tw]) + "\u0001" + charTokens(e[F.zh_hk]));
      }
    }
    // part of a term: the query's characters in a row in one of its forms
    var phrase = charTokens(q), part = [];
    if (phrase) for (var j = 0; j < N; j++) if (HAYSTACK[j].indexOf(phrase) >= 0) part.push(j);
    found.add(part, PARTIAL, "part");
    var chars = Array.from(q);
    if (chars.length > 2) {  // terms inside a pasted phrase, the longest terms first
      var seen = {}, within = [];
      for (var s = 0; s < chars.length; s++) {
        for (var e = s + 2; e <= Math.min(chars.length, s + 40); e++) {
          if (e - s >= chars.length) continue;
          var sub = chars.slice(s, e).join("");
          if (seen[sub]) continue;
          seen[sub] = 1;
          (own(G.zh, sub) || []).forEach(function (id) { within.push(id); });
        }
      }
      found.add(within, PARTIAL, "within", within.map(function (id) { return -termLength(id); }));
    }
  }
  function allWords(words) {  // lookup._all_words: ids whose English has every word's tokens
    var seen = {}, lists = [];
    for (var i = 0; i < words.length; i++) {
      var parts = words[i].split("'");
      for (var p = 0; p < parts.length; p++) {
        var t = parts[p];
        if (!t || seen[t]) continue;
        seen[t] = 1;
        var ids = own(G.words, t);
        if (!ids) return [];
        lists.push(ids);
      }
    }
    if (!lists.length) return [];
    lists.sort(function (a, b) { return a.length - b.length; });
    var out = lists[0].slice();
    for (var k = 1; k < lists.length && out.length; k++) {
      var set = new Set(lists[k]);
      out = out.filter(function (id) { return set.has(id); });
    }
    return out;
  }
  function enJoined(phrase) {  // `en_joined : "phrase"` (one token: a look-up)
    if (!phrase.length) return [];
    if (phrase.length === 1) return own(G.en, phrase[0]) || [];
    columns();
    var out = [];
    for (var i = 0; i < N; i++) if (phraseIn(ENJ[i], phrase, false)) out.push(i);
    return out;
  }
  function latinQuery(q, found) {
    var low = q.toLowerCase();
    var key = englishWords(q).join("");
    if (key) found.add(enJoined(tokens(key)), EXACT, "en");
    var folded = pinyinish(q) ? foldPinyin(q).replace(/v/g, "u") : "";
    if (folded) {  // the pinyin joined and the initials are one token each
      found.add(own(G.py, folded) || [], EXACT, "pinyin");
      if (low.indexOf(" ") < 0 && folded.length >= 2) found.add(own(G["in"], folded) || [], EXACT, "initials");
    }
    var all = englishWords(q), words = all.filter(function (w) { return !STOP[w]; });
    if (!words.length) words = all;
    if (words.length) found.add(allWords(words), PARTIAL, "en");
    if (folded && folded.length >= 2) {
      // part of a term from any of its syllables: the query's syllables in a row
      found.add(syllableMatch(q), PARTIAL, "pinyin");
    }
    if (!found.best.size && words.length <= MAX_TYPO_WORDS) {
      var fixed = words.map(function (w) { return closestWord(w) || w; });
      if (fixed.join(" ") !== words.join(" ")) found.add(allWords(fixed), FUZZY, "typo");
      if (folded && folded.length >= 4 && nearPinyin(q)) found.add(closePinyin(folded), FUZZY, "typo");
    }
  }
  // lookup._syllable_query: each way the query splits into the glossary's syllables (at most
  // eight), the last one possibly cut short; matched in any column of py_fts, as lookup does
  function syllableWays(q) {
    var words = q.replace(/-/g, " ").split(/\s+/).map(function (w) { return foldPinyin(w).replace(/v/g, "u"); })
      .filter(Boolean);
    if (!words.length || words.length > MAX_TYPO_WORDS * 2) return [];
    var ways = [[[], false]];
    for (var n = 0; n < words.length; n++) {
      var last = n === words.length - 1, next = [];
      ways.forEach(function (way) {
        splitsOf(words[n], last ? PREFIXES : null).forEach(function (sp) { next.push([way[0].concat(sp[0]), sp[1]]); });
      });
      ways = next.slice(0, 8);
      if (!ways.length) return [];
    }
    return ways;
  }
  function splitsOf(word, prefixes) {  // lookup._splits_of
    var out = [];
    function walk(start, done) {
      if (out.length >= 8) return;
      if (start === word.length) { out.push([done, false]); return; }
      for (var end = Math.min(word.length, start + 6); end > start; end--) {
        var piece = word.slice(start, end);
        if (SYLLABLES.has(piece)) walk(end, done.concat([piece]));
      }
      var rest = word.slice(start);
      if (prefixes && prefixes.has(rest) && !SYLLABLES.has(rest)) out.push([done.concat([rest]), true]);
    }
    walk(0, []);
    return out.map(function (w, k) { return [w, k]; })
      .sort(function (a, b) { return a[0][0].length - b[0][0].length || a[1] - b[1]; })
      .map(function (x) { return x[0]; });
  }
  function syllableMatch(q) {  // the entries with one of the ways in a row in one column
    var ways = syllableWays(q), out = [];
    if (!ways.length) return out;
    columns();
    var cols = [PY, PYF, INI, ENJ];
    for (var i = 0; i < N; i++) {
      search: for (var w = 0; w < ways.length; w++) {
        for (var c = 0; c < 4; c++) {
          if (phraseIn(cols[c][i], ways[w][0], ways[w][1])) { out.push(i); break search; }
        }
      }
    }
    return out;
  }
  function distance(a, b, cap) {  // Damerau-Levenshtein (optimal string alignment), cut off above cap
    if (Math.abs(a.length - b.length) > cap) return cap + 1;
    var prev2 = [], prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > cap) return cap + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  function closestWord(word) {
    if (own(G.words, word)) return null;
    // shorter words first, as the index reads its vocabulary (by length); then alphabetical
    if (VOCAB === null) VOCAB = Object.keys(G.words).sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
    var cap = word.length <= 4 ? 1 : 2, best = null;
    for (var i = 0; i < VOCAB.length; i++) {
      var c = VOCAB[i];
      if (Math.abs(c.length - word.length) > cap) continue;
      var d = distance(word, c, cap);
      if (d <= cap && (best === null || d < best[0])) best = [d, c];
    }
    return best ? best[1] : null;
  }
  function splits(word) {  // a run of the glossary's syllables (lve or lue for lüe)
    var ok = [true];
    for (var end = 1; end <= word.length; end++) {
      ok.push(false);
      for (var start = Math.max(0, end - 6); start < end; start++) {
        var piece = word.slice(start, end);
        if (ok[start] && (SYLLABLES.has(piece) || SYLLABLES.has(piece.replace(/u/g, "v")))) { ok[end] = true; break; }
      }
    }
    return ok[word.length];
  }
  function nearPinyin(q) {  // lookup._near_pinyin (its words counted before the empty ones go)
    var words = q.replace(/-/g, " ").split(/\s+/).filter(Boolean).map(foldPinyin);
    var bad = words.filter(function (w) { return w && !splits(w); }).length;
    return bad <= (words.length > 1 ? 1 : 0) || (words.length === 1 && splits(words[0].slice(0, -1)));
  }
  function closePinyin(folded) {  // lookup._close_pinyin: near joined pinyin, 50 entries each
    var cap = folded.length <= 6 ? 1 : 2, near = [];
    Object.keys(G.py).forEach(function (py) {
      if (Math.abs(cpLength(py) - cpLength(folded)) > cap) return;
      var d = distance(folded, py, cap);
      if (d <= cap) near.push([d, py]);
    });
    near.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    var out = [];
    near.forEach(function (x) { out = out.concat(G.py[x[1]].slice().sort(byId).slice(0, 50)); });
    return out;
  }
  // Hits best first: tier, order within it, then id (trust, shorter terms, the catalogue's order)
  function search(query) {
    var q = normalize(query);
    if (!q) return null;
    loadKeys();
    var found = new Found();
    if (hasHan(q)) hanQuery(q, found); else latinQuery(q, found);
    var ids = Array.from(found.best.keys());
    ids.sort(function (a, b) {
      var x = found.best.get(a), y = found.best.get(b);
      return x[0] - y[0] || x[1] - y[1] || byId(a, b);
    });
    return ids.map(function (i) { return { id: i, tier: found.best.get(i)[0], how: found.best.get(i)[2] }; });
  }

  // ------------------------------------------------------------------------------ the page
  var $ = function (id) { return document.getElementById(id); };
  var box = $("q"), category = $("category"), status = $("status");
  var list = $("results"), more = $("more"), summary = $("summary");
  var shown = [], drawn = 0, printing = false;
  G.categories.forEach(function (c) { category.add(new Option(c, c)); });
  G.statuses.forEach(function (s) { status.add(new Option(s, s)); });
  status.add(new Option("unrated", "-"));

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] !== undefined && attrs[k] !== "") node.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined && c !== "") node.append(c);
    });
    return node;
  }
  function linked(text) {  // a source: its URLs as links, the rest as text
    var out = [], re = /https?:\/\/[^\s<>"'，。；）)]+/g, at = 0, m;
    while ((m = re.exec(text)) !== null) {
      var url = m[0].replace(/[.,;:]+$/, "");
      out.push(text.slice(at, m.index), el("a", { href: url, "class": "url", rel: "noreferrer noopener", target: "_blank" }, [url]));
      at = m.index + url.length;
      re.lastIndex = at;
    }
    out.push(text.slice(at));
    return out;
  }
  // a part or formula of an entry (html.py's PART_*): a link to it when the page has it
  function link(p) {
    if (p[2] !== 1) return el("span", { lang: "zh-Hans" }, [p[0]]);
    return el("a", { href: "#q=" + encodeURIComponent(p[0]), "class": "xref", lang: "zh-Hans" }, [p[0]]);
  }
  function part(p) {
    var out = [link(p)];
    if (p[1]) out.push(" ", el("span", { lang: "en" }, [p[1]]));
    if (p[2] === 0) out.push(" (clause)");
    return out;
  }
  function card(i, how) {
    var e = E[i], dl = el("dl");
    function row(label, value, lang) {
      if (!value || (Array.isArray(value) && !value.length)) return;
      dl.append(el("dt", {}, [label]), el("dd", { lang: lang }, Array.isArray(value) ? value : [value]));
    }
    var st = e[F.status] || "unrated";
    var forms = [];
    if (e[F.zh_tw]) forms.push(el("span", { lang: "zh-Hant-TW", title: "Taiwan" }, [e[F.zh_tw]]));
    if (e[F.zh_hk]) forms.push(" / ", el("span", { lang: "zh-Hant-HK", title: "Hong Kong" }, [e[F.zh_hk]]));
    if (forms[0] === " / ") forms.shift();
    var term = el("h2", { "class": "term" }, [
      el("span", { lang: "zh-Hans" }, [e[F.zh]]),
      forms.length ? " " : null,
      forms.length ? el("span", { "class": "forms" }, forms) : null,
    ]);
    var badges = [" ", el("span", { "class": "badge s-" + st }, [st])];
    if (!e[F.reviewed]) badges.push(" ", el("span", { "class": "badge s-unreviewed" }, ["unreviewed"]));
    row("pinyin", e[F.pinyin], "zh-Latn-pinyin");
    row("orthographic", e[F.pinyin_orthographic], "zh-Latn-pinyin");
    row("source", e[F.source] ? linked(e[F.source]) : "", "");
    row("also", e[F.en_alt].join("; "), "en");
    row("do not use", e[F.en_deprecated].map(function (d) { return d[0] + (d[1] ? " (" + d[1] + ")" : ""); }).join("; "), "en");
    row("written", e[F.variants].join("; "), "zh");
    row(e[F.zh_hk] ? "Taiwan" : "Taiwan, Hong Kong", e[F.zh_tw], "zh-Hant-TW");
    row("Hong Kong", e[F.zh_hk], "zh-Hant-HK");
    row("literal", e[F.literal], "en");
    row("category", e[F.category], "");
    row("definition", e[F.definition], "en");
    var parts = e[F.parts] || [];  // the last four fields: only on formulas and their parts
    if (parts.length) row("parts", el("ol", { "class": "parts" }, parts.map(function (p) { return el("li", {}, part(p)); })), "");
    row("listed in", e[F.parts_source] ? linked(e[F.parts_source]) : "", "");
    (e[F.parts_former] || []).forEach(function (f) {
      var items = [];
      f[1].forEach(function (p, k) { if (k) items.push("; "); items.push(link(p)); });
      row("former", [f[0] + ": "].concat(items, f[2] ? ["  (", f[2], ")"] : []), "");
    });
    var wholes = [];
    (e[F.part_of] || []).forEach(function (p, k) { if (k) wholes.push("; "); wholes.push.apply(wholes, part(p)); });
    row("part of", wholes, "");
    row("reviewed", [e[F.reviewed_by], e[F.reviewed_on]].filter(Boolean).join(" "), "");
    return el("li", { "class": "entry", "data-zh": e[F.zh], "data-how": how || "", tabindex: "-1" }, [
      term,
      el("p", { "class": "en", lang: "en" }, [e[F.en] || "—"].concat(badges)),
      dl,
    ]);
  }
  function wanted(i) {
    var c = category.value, s = status.value, e = E[i];
    if (c && e[F.category] !== c) return false;
    if (s === "-") return !e[F.status];
    return !s || e[F.status] === s;
  }
  function draw(upTo) {
    var frag = document.createDocumentFragment();
    for (; drawn < Math.min(upTo, shown.length); drawn++) frag.append(card(shown[drawn].id, shown[drawn].how));
    list.append(frag);
    more.hidden = drawn >= shown.length;
    if (!more.hidden) more.textContent = "Show more (" + (shown.length - drawn).toLocaleString("en") + " left)";
  }
  function update(fromUser) {
    var q = box.value, hits = search(q);
    if (hits === null) hits = G.order.map(function (i) { return { id: i, tier: -1, how: "" }; });
    shown = hits.filter(function (h) { return wanted(h.id); });
    list.textContent = "";
    drawn = 0;
    draw(printing ? shown.length : PAGE);
    var n = shown.length.toLocaleString("en");
    summary.textContent = q.trim() ? n + (shown.length === 1 ? " entry" : " entries") + " for \u201c" + q.trim() + "\u201d"
      : n + " of " + N.toLocaleString("en") + " entries, by pinyin";
    if (fromUser) writeHash();
  }
  function writeHash() {
    var p = new URLSearchParams();
    if (box.value) p.set("q", box.value);
    if (category.value) p.set("category", category.value);
    if (status.value) p.set("status", status.value);
    var hash = p.toString() ? "#" + p.toString().replace(/\+/g, "%20") : "";
    if (hash === location.hash || (!hash && !location.hash)) return;
    try { history.replaceState(null, "", hash || location.pathname + location.search); } catch (err) { location.hash = hash; }
  }
  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    box.value = p.get("q") || "";
    category.value = p.get("category") || "";
    status.value = p.get("status") || "";
    if (category.selectedIndex < 0) category.value = "";
    if (status.selectedIndex < 0) status.value = "";
  }
  var pending = 0;
  function soon() {  // one search a frame while typing
    if (!pending) pending = requestAnimationFrame(function () { pending = 0; update(true); });
  }
  box.addEventListener("input", soon);
  category.addEventListener("change", function () { update(true); });
  status.addEventListener("change", function () { update(true); });
  more.addEventListener("click", function () {
    var first = drawn;
    draw(drawn + PAGE);
    var next = list.children[first];
    if (next) next.focus();
  });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { box.value = ""; update(true); }
    if (ev.key === "Enter" && list.firstElementChild) { ev.preventDefault(); list.firstElementChild.focus(); }
  });
  list.addEventListener("keydown", function (ev) {  // arrows move between entries
    var at = ev.target.closest ? ev.target.closest("li.entry") : null;
    if (!at || (ev.key !== "ArrowDown" && ev.key !== "ArrowUp")) return;
    var next = ev.key === "ArrowDown" ? at.nextElementSibling : at.previousElementSibling;
    ev.preventDefault();
    if (next) next.focus(); else if (ev.key === "ArrowUp") box.focus(); else if (!more.hidden) more.focus();
  });
  window.addEventListener("hashchange", function () { readHash(); update(false); });
  // a printed glossary: every entry of the current selection, in pinyin order
  window.addEventListener("beforeprint", function () {
    printing = true;
    var pos = new Map();
    G.order.forEach(function (id, k) { pos.set(id, k); });
    shown.sort(function (a, b) { return pos.get(a.id) - pos.get(b.id); });
    list.textContent = ""; drawn = 0; draw(shown.length);
  });
  window.addEventListener("afterprint", function () { printing = false; update(false); });
  window.glossarySearch = function (q) { var hits = search(q) || []; return hits.map(function (h) { return E[h.id][F.zh]; }); };
  readHash();
  update(false);
  document.documentElement.setAttribute("data-ready", "1");
  // the keys once the first screen is painted, before the reader types (a large glossary
  // takes a moment to read them)
  requestAnimationFrame(function () { setTimeout(loadKeys, 0); });
})();
