// bulletin's search page: reads the index bulletin builds (see the Go
// package internal/search for its files), a few files per query, and
// shows the results as the reader types. No framework, no other site.
"use strict";
(function () {
  // --- Terms: the same steps as Terms and QueryTerms in terms.go. ---
  var ideoRe = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]/u;
  var wordRe = /[\p{L}\p{Nd}\p{Mn}]/u;
  function ideographic(ch) { return ch.codePointAt(0) >= 0x2e80 && ideoRe.test(ch); }
  function wordChar(ch) { return wordRe.test(ch); }
  function ends(w, s) { return w.length >= s.length && w.slice(-s.length) === s; }
  function vowel(s) { return /[aeiouy]/.test(s); }
  function undouble(w) {
    var n = w.length;
    return n >= 4 && w[n - 1] === w[n - 2] && "aeiouls".indexOf(w[n - 1]) < 0 ? w.slice(0, -1) : w;
  }
  function stem(w) {
    var n = w.length, s = w;
    if (n <= 3 || !/^[a-z]+$/.test(w)) return w;
    if (ends(w, "ies") && n > 4) s = w.slice(0, -3) + "y";
    else if (ends(w, "sses") || ends(w, "ches") || ends(w, "shes") || ends(w, "xes") || ends(w, "zes")) s = w.slice(0, -2);
    else if (ends(w, "ing") && n - 3 >= 3 && vowel(w.slice(0, -3))) s = undouble(w.slice(0, -3));
    else if (ends(w, "ed") && !ends(w, "eed") && n - 2 >= 3 && vowel(w.slice(0, -2))) s = undouble(w.slice(0, -2));
    else if (w[n - 1] === "s" && !ends(w, "ss") && !ends(w, "us") && !ends(w, "is")) s = w.slice(0, -1);
    if (s.length >= 4 && s[s.length - 1] === "e") s = s.slice(0, -1);
    return s;
  }
  // split calls fn(term, kind) as split in terms.go: kind is "word",
  // "pair", "end" (last character of a longer run) or "lone".
  // lower lowers each character alone, as Go's strings.ToLower does: no
  // final sigma, and İ is i.
  function lower(text) {
    return Array.from(text, function (c) { return c === "\u0130" ? "i" : c.toLowerCase(); }).join("");
  }
  // fold is a Map of the characters that fold (traditional Han to
  // simplified: see foldTable in fold.go), or undefined for none.
  function folded(s, fold) {
    return fold ? Array.from(s, function (c) { return fold.get(c) || c; }).join("") : s;
  }
  function split(text, fn, fold) {
    var cs = Array.from(folded(lower(text.normalize("NFKC")), fold));
    for (var i = 0; i < cs.length;) {
      var j = i;
      if (ideographic(cs[i])) {
        while (j < cs.length && ideographic(cs[j])) j++;
        for (var k = i; k + 1 < j; k++) fn(cs[k] + cs[k + 1], "pair");
        fn(cs[j - 1], j - i === 1 ? "lone" : "end");
        i = j;
      } else if (wordChar(cs[i])) {
        while (j < cs.length && wordChar(cs[j]) && !ideographic(cs[j])) j++;
        fn(stem(cs.slice(i, j).join("")), "word");
        i = j;
      } else {
        i++;
      }
    }
  }
  function queryTerms(query, fold) {
    var out = [];
    split(query, function (t, kind) {
      if (kind !== "end") out.push({ text: t, prefix: kind === "lone" });
    }, fold);
    var last = out[out.length - 1];
    if (last && !last.prefix && !/\s$/.test(query) && !ideographic(Array.from(last.text)[0])) last.prefix = true;
    return out;
  }

  // Terms compare as Go compares strings: by code point.
  function compare(a, b) {
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) - (b.length - j) < 0 ? -1 : (a.length - i) - (b.length - j) > 0 ? 1 : 0;
  }
  function begins(term, q) { return term.length >= q.length && term.slice(0, q.length) === q; }

  // --- The index: an entry, shards, tables, fragments, meta. ---
  // entry is the URL of the index's entry, the other files are beside it;
  // get(url) returns a promise of the parsed JSON of a file of the index.
  function Index(entry, get) {
    this.base = entry.replace(/[^/]*$/, "");
    this.entryName = entry.slice(this.base.length);
    this.get = get;
    this.files = new Map();
  }
  Index.prototype.file = function (name) {
    if (!this.files.has(name)) this.files.set(name, this.get(this.base + name));
    return this.files.get(name);
  };
  Index.prototype.entry = function () { return this.file(this.entryName); };
  // fold resolves to the Map the query's characters fold with: the
  // index's fold file (pairs of characters), loaded the first time a
  // query has Han; undefined when there is none to load.
  Index.prototype.fold = async function (query) {
    var entry = await this.entry();
    if (!entry.c || !/\p{Script=Han}/u.test(query.normalize("NFKC"))) return this.folds;
    if (!this.folds) {
      var cs = Array.from(await this.file(entry.c)), m = new Map();
      for (var i = 0; i + 1 < cs.length; i += 2) m.set(cs[i], cs[i + 1]);
      this.folds = m;
    }
    return this.folds;
  };

  // matches resolves to each document's best BM25 score for one query
  // term: the term, or with prefix every term it begins.
  Index.prototype.matches = async function (entry, q) {
    var shards = entry.s, lo = 0, hi = shards.length;
    while (lo < hi) { var m = (lo + hi) >> 1; if (compare(shards[m][0], q.text) > 0) hi = m; else lo = m + 1; }
    var out = new Map(), n = entry.n;
    for (var i = Math.max(0, lo - 1); i < shards.length; i++) {
      if (i > 0 && compare(shards[i][0], q.text) > 0 && !(q.prefix && begins(shards[i][0], q.text))) break;
      var s = await this.file(shards[i][1]);
      for (var k = 0; k < s.t.length; k++) {
        var term = s.t[k];
        if (term !== q.text && !(q.prefix && begins(term, q.text))) continue;
        var ps = s.p[k], df = ps.length / 3, idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)), doc = 0;
        for (var p = 0; p < ps.length; p += 3) {
          doc += ps[p];
          var tf = ps[p + 1], dl = Math.pow(entry.b, ps[p + 2]);
          var score = idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * dl / entry.l));
          if (!(out.get(doc) >= score)) out.set(doc, score);
        }
      }
    }
    return out;
  };

  // search resolves to the documents that match query (and the filter:
  // {section, year}), best first, newer first on a tie. A document must
  // hold every word, and at least half of the pairs of characters of
  // Chinese or Japanese (words typed together make pairs across them:
  // 手机借书 the pair 机借); one holding more terms comes first.
  Index.prototype.search = async function (query, filter) {
    var entry = await this.entry(), terms = queryTerms(query, await this.fold(query));
    if (!terms.length) return [];
    var found = await Promise.all(terms.map(this.matches.bind(this, entry)));
    var words = 0, total = new Map(), held = new Map(), wordsHeld = new Map();
    terms.forEach(function (t, i) {
      var word = !ideographic(Array.from(t.text)[0]);
      if (word) words++;
      found[i].forEach(function (score, doc) {
        total.set(doc, (total.get(doc) || 0) + score);
        held.set(doc, (held.get(doc) || 0) + 1);
        if (word) wordsHeld.set(doc, (wordsHeld.get(doc) || 0) + 1);
      });
    });
    var least = words + Math.ceil((terms.length - words) / 2);
    var docs = Array.from(held.keys()).filter(function (d) { return (wordsHeld.get(d) || 0) === words && held.get(d) >= least; });
    if (filter && (filter.section || filter.year)) {
      var meta = await this.file(entry.m), section = entry.sections.indexOf(filter.section);
      docs = docs.filter(function (d) {
        return (!filter.section || meta.s[d] === section) && (!filter.year || meta.y[d] === +filter.year);
      });
    }
    return docs.sort(function (a, b) { return held.get(b) - held.get(a) || total.get(b) - total.get(a) || b - a; });
  };

  // fragment resolves to document doc's URL, title, date, section, text.
  Index.prototype.fragment = async function (doc) {
    var entry = await this.entry(), per = entry.d;
    var table = await this.file(entry.t[Math.floor(doc / per)]);
    return this.file("f/" + table[doc % per] + ".json");
  };

  // --- Results as HTML. ---
  function escape(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  // marks returns text, escaped, with each place a query term begins at
  // in <mark>; around, when given, cuts it to that many characters around
  // the first. Both are folded (fold, as for split) to be compared: at is
  // where each of the folded text's characters is in text.
  function marks(text, query, around, fold) {
    text = text.normalize("NFKC");
    var low = "", pos = [], n = 0, words = [];
    Array.from(text).forEach(function (c) {
      var l = folded(lower(c), fold);
      for (var k = 0; k < l.length; k++) pos.push(n);
      low += l;
      n += c.length;
    });
    pos.push(n);
    split(query, function (t, kind) { if (kind !== "end") words.push(t); }, fold);
    folded(lower(query.normalize("NFKC")), fold).split(/[^\p{L}\p{Nd}\p{Mn}]+/u).forEach(function (w) { if (w) words.push(w); });
    var hits = [];
    words.forEach(function (w) {
      for (var i = low.indexOf(w); i >= 0 && w; i = low.indexOf(w, i + 1)) hits.push([pos[i], pos[i + w.length]]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var from = 0, to = text.length;
    if (around) {
      var first = hits.length ? hits[0][0] : 0;
      from = Math.max(0, first - (around >> 2));
      to = Math.min(text.length, from + around);
    }
    var html = from > 0 ? "…" : "", at = from;
    hits.forEach(function (h) {
      if (h[0] < at || h[1] > to) return;
      html += escape(text.slice(at, h[0])) + "<mark>" + escape(text.slice(h[0], h[1])) + "</mark>";
      at = h[1];
    });
    return html + escape(text.slice(at, to)) + (to < text.length ? "…" : "");
  }

  // --- The page. ---
  function page(root) {
    var form = root.querySelector("form"), input = form.querySelector("input[name=q]");
    var section = form.querySelector("select[name=section]"), year = form.querySelector("select[name=year]");
    var status = root.querySelector("[role=status]"), list = root.querySelector("ol"), more = root.querySelector("button.search-more");
    var index = new Index(root.dataset.index, function (url) {
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.json(); });
    });
    var found = [], shown = 0, asked = 0;
    index.entry().then(function (entry) {
      entry.sections.forEach(function (s) { section.add(new Option(s, s)); });
      entry.years.forEach(function (y) { year.add(new Option(y, y)); });
      root.classList.add("search--ready");
      var params = new URLSearchParams(location.search);
      input.value = params.get("q") || "";
      section.value = params.get("section") || "";
      year.value = params.get("year") || "";
      run();
    }, function () { status.textContent = root.dataset.failed; });

    function words(key, n) { return root.dataset[key].replace("{n}", n); }
    async function show(n) {
      var query = input.value, docs = found.slice(shown, shown + n), my = asked;
      var frags = await Promise.all(docs.map(index.fragment.bind(index))), fold = await index.fold(query);
      if (my !== asked) return;
      frags.forEach(function (f) {
        var li = document.createElement("li");
        li.className = "search-result";
        li.innerHTML = '<h2 class="search-result__title"><a href="' + escape(f.u) + '">' + marks(f.t, query, 0, fold) + "</a></h2>" +
          '<p class="search-result__meta"><time datetime="' + f.d + '">' + f.d + "</time>" + (f.s ? " · " + escape(f.s) : "") + "</p>" +
          '<p class="search-result__excerpt">' + marks(f.x, query, 160, fold) + "</p>";
        list.appendChild(li);
      });
      shown += docs.length;
      more.hidden = shown >= found.length;
    }
    async function run() {
      var query = input.value.trim(), my = ++asked;
      var params = new URLSearchParams();
      if (query) params.set("q", input.value);
      if (section.value) params.set("section", section.value);
      if (year.value) params.set("year", year.value);
      history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
      var docs = query ? await index.search(input.value, { section: section.value, year: year.value }) : [];
      if (my !== asked) return;
      found = docs;
      shown = 0;
      list.textContent = "";
      status.textContent = query ? (docs.length ? words("results", docs.length) : root.dataset.none) : "";
      more.hidden = true;
      if (docs.length) await show(10);
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.addEventListener("input", run);
    section.addEventListener("change", run);
    year.addEventListener("change", run);
    more.addEventListener("click", function () { show(10); });
  }

  if (typeof document !== "undefined") {
    var root = document.querySelector("[data-index]");
    if (root) page(root);
  }
  if (typeof module !== "undefined") module.exports = { queryTerms: queryTerms, split: split, Index: Index, marks: marks };
})();
