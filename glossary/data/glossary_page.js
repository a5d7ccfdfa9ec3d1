// The glossary page's search: the rules of glossary/lookup.py on the index that
// glossary/exporters/html.py embeds (keys computed in Python; here only look-ups, scans of the
// folded pinyin and of the written forms, and the ranking). No request leaves the page.
"use strict";
(function () {
  var G = JSON.parse(document.getElementById("glossary-data").textContent);
  var F = {};
  G.fields.forEach(function (name, i) { F[name] = i; });
  var E = G.entries, N = E.length, PAGE = 100;
  var EXACT = 0, PARTIAL = 1, INSIDE = 1.5, FUZZY = 2;  // lookup.Tier; INSIDE: pinyin from inside a term
  var STOP = { a: 1, an: 1, and: 1, the: 1, of: 1, "for": 1, "in": 1, on: 1, to: 1, "with": 1, by: 1 };
  var PINYIN_CHARS = "abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ: '12345-";
  var MAX_TYPO_WORDS = 12;
  var INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;
  var FOLD = {};
  [["āáǎà", "a"], ["ēéěèê", "e"], ["īíǐì", "i"], ["ōóǒò", "o"], ["ūúǔù", "u"], ["üǖǘǚǜ", "v"],
    ["ḿ", "m"], ["ńňǹ", "n"]].forEach(function (p) {
    for (var i = 0; i < p[0].length; i++) FOLD[p[0][i]] = p[1];
  });
  var SYLLABLES = null;
  function loadKeys() {  // the search keys: their own block, read on the first query
    if (SYLLABLES !== null) return;
    var keys = JSON.parse(document.getElementById("glossary-keys").textContent);
    for (var k in keys) G[k] = keys[k];
    SYLLABLES = {};
    G.syllables.forEach(function (s) { SYLLABLES[s] = 1; });
    document.documentElement.setAttribute("data-keys", "1");
  }
  var HAYSTACK = null, PYU = null, VOCAB = null;

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

  // ------------------------------------------------------------- matching (glossary/lookup.py)
  function Found() { this.best = new Map(); }
  Found.prototype.add = function (ids, tier, how) {
    for (var order = 0; order < ids.length; order++) {
      var i = ids[order], had = this.best.get(i);
      if (had === undefined || had[0] > tier) this.best.set(i, [tier, order, how]);
    }
  };
  function byLengthThenText(field) {
    return function (a, b) {
      var la = cpLength(E[a][field]), lb = cpLength(E[b][field]);
      return la - lb || (E[a][field] < E[b][field] ? -1 : E[a][field] > E[b][field] ? 1 : a - b);
    };
  }
  function hanQuery(q, found) {
    found.add(G.zh[q] || [], EXACT, "zh");
    if (HAYSTACK === null) {  // every simplified, Taiwan and Hong Kong form, one line an entry
      HAYSTACK = [];
      for (var i = 0; i < N; i++) HAYSTACK.push([E[i][F.zh], E[i][F.zh_tw], E[i][F.zh_hk]].join("\u0001"));
    }
    var part = [];
    for (var j = 0; j < N; j++) if (HAYSTACK[j].indexOf(q) >= 0) part.push(j);
    part.sort(byLengthThenText(F.zh));
    found.add(part, PARTIAL, "part");
    var chars = Array.from(q);
    if (chars.length > 2) {  // terms inside a pasted phrase
      var seen = {}, within = [];
      for (var s = 0; s < chars.length; s++) {
        for (var e = s + 2; e <= Math.min(chars.length, s + 40); e++) {
          if (e - s >= chars.length) continue;
          var sub = chars.slice(s, e).join("");
          if (seen[sub]) continue;
          seen[sub] = 1;
          (G.zh[sub] || []).forEach(function (id) { within.push([sub, id]); });
        }
      }
      // longest terms first; then as the index reads them, by key
      within.sort(function (a, b) {
        return cpLength(E[b[1]][F.zh]) - cpLength(E[a[1]][F.zh]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);
      });
      found.add(within.map(function (w) { return w[1]; }), PARTIAL, "within");
    }
  }
  function allWords(words) {  // ascending ids listed under every word
    var lists = [];
    for (var i = 0; i < words.length; i++) {
      var ids = G.words[words[i]];
      if (!ids) return [];
      lists.push(ids);
    }
    lists.sort(function (a, b) { return a.length - b.length; });
    var out = lists[0].slice();
    for (var k = 1; k < lists.length && out.length; k++) {
      var set = new Set(lists[k]);
      out = out.filter(function (id) { return set.has(id); });
    }
    return out.sort(function (a, b) { return a - b; });
  }
  function pinyinScan(folded, test) {  // entries whose folded pinyin (or with u for ü) passes
    if (PYU === null) PYU = G.pyf.map(function (p) { return p.indexOf("v") >= 0 ? p.replace(/v/g, "u") : ""; });
    var out = [];
    for (var i = 0; i < N; i++) if (test(G.pyf[i]) || (PYU[i] && test(PYU[i]))) out.push(i);
    out.sort(function (a, b) {  // shorter first; then as the index reads them, by pinyin
      var x = G.pyf[a], y = G.pyf[b];
      return x.length - y.length || (x < y ? -1 : x > y ? 1 : a - b);
    });
    return out;
  }
  function latinQuery(q, found) {
    var low = q.toLowerCase();
    var key = englishWords(q).join(" ");
    found.add(G.en[key] || [], EXACT, "en");
    var folded = pinyinish(q) ? foldPinyin(q) : "";
    if (folded) {
      found.add(G.py[folded] || [], EXACT, "pinyin");
      if (low.indexOf(" ") < 0 && folded.length >= 2) found.add(G["in"][folded] || [], EXACT, "initials");
    }
    var all = englishWords(q), words = all.filter(function (w) { return !STOP[w]; });
    if (!words.length) words = all;
    if (words.length) found.add(allWords(words), PARTIAL, "en");
    if (folded && folded.length >= 3) {
      // part of a term by pinyin, u for ü: from its start, as lookup; then from inside
      // (zhanlue: 八八战略), after every other partial match
      found.add(pinyinScan(folded, function (p) { return p.lastIndexOf(folded, 0) === 0; }), PARTIAL, "pinyin");
      found.add(pinyinScan(folded, function (p) { return p.indexOf(folded) > 0; }), INSIDE, "pinyin");
    }
    if (!found.best.size && words.length <= MAX_TYPO_WORDS) {
      var fixed = words.map(function (w) { return closestWord(w) || w; });
      if (fixed.join(" ") !== words.join(" ")) found.add(allWords(fixed), FUZZY, "typo");
      if (folded && folded.length >= 4 && nearPinyin(q)) found.add(closePinyin(folded), FUZZY, "typo");
    }
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
    if (G.words[word]) return null;
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
        if (ok[start] && (SYLLABLES[piece] || SYLLABLES[piece.replace(/u/g, "v")])) { ok[end] = true; break; }
      }
    }
    return ok[word.length];
  }
  function nearPinyin(q) {
    var words = q.replace(/-/g, " ").split(/\s+/).filter(Boolean).map(foldPinyin).filter(Boolean);
    var bad = words.filter(function (w) { return !splits(w); }).length;
    return bad <= (words.length > 1 ? 1 : 0) || (words.length === 1 && splits(words[0].slice(0, -1)));
  }
  function closePinyin(folded) {
    var cap = folded.length <= 6 ? 1 : 2, scored = [];
    for (var i = 0; i < N; i++) {
      var p = G.pyf[i];
      if (Math.abs(p.length - folded.length) > cap) continue;
      var d = distance(folded, p, cap);
      if (d <= cap) scored.push([d, i]);
    }
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return scored.map(function (s) { return s[1]; });
  }
  // Hits best first: tier, trust, order within their query, shorter terms, then the term.
  function search(query) {
    var q = normalize(query);
    if (!q) return null;
    loadKeys();
    var found = new Found();
    if (hasHan(q)) hanQuery(q, found); else latinQuery(q, found);
    var ids = Array.from(found.best.keys());
    ids.sort(function (a, b) {
      var x = found.best.get(a), y = found.best.get(b);
      var za = E[a][F.zh], zb = E[b][F.zh];
      return x[0] - y[0] || G.rank[a] - G.rank[b] || x[1] - y[1] ||
        cpLength(za) - cpLength(zb) || (za < zb ? -1 : za > zb ? 1 : 0);
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
