/* Tìm kiếm văn bản — the search page (no framework, no CDN): results as you type, shareable
 * links, facets, "Có phải bạn muốn tìm", snippets. The engine (window.BanhanhSearch) is written
 * into the page before this file runs. Everything from the index or a document page is inserted
 * as text, never as HTML. */
(function () {
  "use strict";

  var S = window.BanhanhSearch;
  if (!S || typeof document === "undefined") return;
  var KEYS = { province: "tinh", year: "nam", type: "loai" };
  var WORD = /[\p{L}\p{N}]+/gu, NUM = /\p{N}+(?:[-/][\p{L}\p{N}]+)+/gu, BREAKS = /[.,;:!?()[\]{}"“”…\n]/;
  var BEFORE = 80, AFTER = 180, BLOCK = /^(P|LI|TD|TH|H[1-6]|DIV|BLOCKQUOTE|PRE|DT|DD|TR|SECTION)$/;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /** Text of section `target` of a document page (sections named by their heading ids). */
  function sectionText(html, anchors, target) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var box = doc.querySelector(".body") || doc.querySelector("main") || doc.body;
    var index = new Map(anchors.map(function (a, i) { return [a, i]; })), out = "", current = 0, lastBlock = null;
    var walker = doc.createTreeWalker(box, 5 /* elements and text */);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 1) {
        if (node.id && index.has(node.id) && index.get(node.id) > 0) current = index.get(node.id);
        continue;
      }
      if (current !== target) continue;
      var block = node.parentElement;
      while (block && block !== box && !BLOCK.test(block.tagName)) block = block.parentElement;
      if (lastBlock && block !== lastBlock) out += "\n";
      lastBlock = block;
      out += node.nodeValue;
    }
    return out;
  }

  /** Index in `text` of the first occurrence of a query term, or -1. */
  function firstOccurrence(text, term) {
    var m, words = [], t = term.text;
    if (term.kind === S.KINDS.NUMBER) {
      NUM.lastIndex = 0;
      while ((m = NUM.exec(text))) if (S.fold(m[0]) === t) return m.index;
      return -1;
    }
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) words.push([m.index, m[0]]);
    for (var i = 0; i < words.length; i++) {
      var w = words[i][1];
      if (term.kind === S.KINDS.FOLDED && S.fold(w) === t) return words[i][0];
      if (term.kind === S.KINDS.EXACT && w.toLowerCase() === t) return words[i][0];
      if (term.kind === S.KINDS.BIGRAM && i + 1 < words.length) {
        var between = text.slice(words[i][0] + w.length, words[i + 1][0]);
        if (!BREAKS.test(between) && S.fold(w) + " " + S.fold(words[i + 1][1]) === t) return words[i][0];
      }
    }
    return -1;
  }

  /** Snippet pieces of `text` around `at`, the query's words marked. */
  function pieces(text, at, words) {
    text = text.replace(/\s+/g, " ").trim();
    at = Math.max(0, Math.min(at, text.length));
    var from = Math.max(0, at - BEFORE), to = Math.min(text.length, at + AFTER);
    if (from > 0) { var sp = text.indexOf(" ", from); from = sp >= 0 && sp < at ? sp + 1 : from; }
    if (to < text.length) { var back = text.lastIndexOf(" ", to); to = back > at ? back : to; }
    var win = text.slice(from, to), out = [], last = 0, plain = from > 0 ? "…" : "", m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(win))) {
      if (words.indexOf(S.fold(m[0])) >= 0) {
        out.push({ text: plain + win.slice(last, m.index), marked: false }, { text: m[0], marked: true });
        plain = "";
        last = m.index + m[0].length;
      }
    }
    out.push({ text: plain + win.slice(last) + (to < text.length ? "…" : ""), marked: false });
    return out.filter(function (x) { return x.text; });
  }

  function init() {
    var root = document.getElementById("tim-kiem");
    if (!root) return;
    var d = root.dataset, base = d.base || "";
    root.hidden = false;
    var nojs = document.querySelector(".search-nojs");
    if (nojs) nojs.hidden = true;
    var input = root.querySelector("#q"), form = root.querySelector("form");
    var status = root.querySelector(".search-status"), list = root.querySelector(".search-results");
    var aside = root.querySelector(".search-facets"), suggestBox = root.querySelector(".search-suggest");
    var meta = document.querySelector('meta[name="banhanh-search"]');
    var early = S.early || null, engine = early ? early.engine : new S.Engine(S.fetcher(meta ? meta.content : "/search/"), null);
    var seq = 0, timer = null, typing = false, typingTimer = null, lastRun = 0, pages = new Map();
    var watcher = "IntersectionObserver" in window ? new IntersectionObserver(onScreen, { rootMargin: "200px" }) : null;
    var state = readUrl();

    function readUrl() {
      var u = new URLSearchParams(location.search), s = { q: u.get("q") || "", province: [], year: [], type: [] };
      Object.keys(KEYS).forEach(function (k) { s[k] = u.getAll(KEYS[k]); });
      return s;
    }

    function urlOf(s, q) {
      var u = new URLSearchParams();
      if (q !== undefined ? q : s.q) u.set("q", q !== undefined ? q : s.q);
      Object.keys(KEYS).forEach(function (k) { s[k].forEach(function (v) { u.append(KEYS[k], v); }); });
      var qs = u.toString();
      return location.pathname + (qs ? "?" + qs : "");
    }

    function commit(push) {
      var url = urlOf(state);
      if (url === location.pathname + location.search) return;
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    }

    /** Searches: `asTyped` reads the last word as unfinished (while typing). */
    function run(asTyped) {
      var my = ++seq, s = state;
      if (watcher) watcher.disconnect();
      if (!s.q.trim()) {
        list.replaceChildren(); aside.replaceChildren(); status.textContent = ""; suggestBox.hidden = true;
        list.setAttribute("aria-busy", "false");
        return;
      }
      status.textContent = d.loading;
      list.setAttribute("aria-busy", "true");
      var found = !asTyped && early && early.result && early.query === s.q ? early.result : engine.search(s.q, asTyped);
      early = null;
      found.then(function (res) {
        if (my !== seq) return;
        var kept = res.hits.filter(function (h) {
          var v = S.facetValues(res, h);
          return Object.keys(KEYS).every(function (k) { return !s[k].length || s[k].indexOf(v[k]) >= 0; });
        });
        status.textContent = kept.length ? kept.length + " " + d.results : d.none;
        engine.suggest(s.q, res).then(function (q) { if (my === seq) showSuggestion(q); });
        return engine.heads.then(function (heads) {
          var shown = show(my, res, kept.slice(0, 10), heads);
          // The facets once the results are on screen.
          setTimeout(function () { if (my === seq) renderFacets(S.facets(res, res.hits, s)); }, 0);
          return shown;
        });
      }).catch(function () {
        if (my === seq) status.textContent = d.error;
      }).then(function () {
        if (my === seq) list.setAttribute("aria-busy", "false");
      });
    }

    function showSuggestion(q) {
      suggestBox.replaceChildren();
      suggestBox.hidden = !q;
      if (!q) return;
      suggestBox.appendChild(document.createTextNode(d.suggest + " "));
      var a = el("a", { href: urlOf(state, q) }, q);
      a.addEventListener("click", function (e) {
        e.preventDefault();
        state.q = input.value = q;
        commit(true);
        run(false);
      });
      suggestBox.appendChild(a);
    }

    /**
     * Shows the results: at once from heads.json's titles when the site has it, else top-down as
     * their titles arrive. Each then gains its section (name and anchor); a result on screen, its
     * snippet.
     */
    function show(my, res, top, heads) {
      var items = [], shown = 0, rows = [], ready = [];
      if (!top.length) list.replaceChildren();
      var quick = top.map(function (h) { return engine.quickHead(res, heads, h); });
      if (quick.length && quick[0]) {
        list.replaceChildren();
        quick.forEach(function (row, i) { items[i] = resultItem(row); list.appendChild(items[i].li); });
        shown = top.length;
      }
      var attach = function (i) {
        var item = Object.assign(items[i], { hit: top[i], res: res, head: engine.head(res, top[i]) });
        Promise.all([item.head.then(function (row) { if (my === seq) addSection(item, row); }), watch(item)])
          .catch(function () {}).then(ready[i]);
      };
      return Promise.all(top.map(function (hit, i) {
        return new Promise(function (resolve) {
          ready[i] = resolve;
          if (items[i]) return attach(i);
          engine.title(res, hit).then(function (row) {
            if (my !== seq) return resolve();
            rows[i] = row;
            while (shown < top.length && rows[shown]) {
              if (shown === 0) list.replaceChildren();
              items[shown] = resultItem(rows[shown]);
              list.appendChild(items[shown].li);
              attach(shown);
              shown++;
            }
          }).catch(function () { resolve(); });
        });
      }));
    }

    /** Completes an item once it is on screen; resolves when it is done (or is off screen). */
    function watch(item) {
      return new Promise(function (resolve) {
        item.done = resolve;
        if (!watcher) return complete(item);
        watcher.observe(item.li);
        // Off-screen results do not hold the list busy.
        requestAnimationFrame(function () { requestAnimationFrame(function () { if (!item.started) resolve(); }); });
      });
    }

    function onScreen(entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        watcher.unobserve(e.target);
        var item = e.target.__item;
        if (item && !item.started) complete(item);
      });
    }

    /** Fills an item's snippet, read from the matching section of its document's page. */
    function complete(item) {
      item.started = true;
      var res = item.res, hit = item.hit;
      return item.head.then(function (row) {
        if (!pages.has(row.path)) pages.set(row.path, fetch(base + row.path).then(function (r) { return r.ok ? r.text() : ""; }));
        return pages.get(row.path).then(function (html) {
          var target = Math.max(0, row.sections.indexOf(row.anchor));
          var text = html ? sectionText(html, row.sections, target) : "";
          var at = hit.best >= 0 ? firstOccurrence(text, res.query.terms[hit.best]) : 0;
          pieces(text, Math.max(at, 0), res.query.words).forEach(function (x) {
            item.snippet.appendChild(x.marked ? el("mark", null, x.text) : document.createTextNode(x.text));
          });
        });
      }).catch(function () {}).then(function () { item.done(); });
    }

    /** A result's list item, its link and its (empty) snippet paragraph. */
    function resultItem(r) {
      var li = el("li", { "class": "search-result" });
      var h = el("h2", { "class": "result-title" });
      var link = el("a", { href: base + r.url }, r.title);
      h.appendChild(link);
      li.appendChild(h);
      var meta = [r.type];
      if (r.number) meta.push("số " + r.number);
      meta.push(r.province, "năm " + r.year);
      li.appendChild(el("p", { "class": "doc-meta" }, meta.join(" · ")));
      if (r.section) li.appendChild(el("p", { "class": "result-section" }, r.section));
      var p = el("p", { "class": "snippet" });
      li.appendChild(p);
      var item = { li: li, link: link, snippet: p };
      li.__item = item;
      return item;
    }

    /** Completes a result with its section's anchor and name. */
    function addSection(item, r) {
      item.link.setAttribute("href", base + r.url);
      if (r.section && !item.li.querySelector(".result-section")) {
        item.li.insertBefore(el("p", { "class": "result-section" }, r.section), item.snippet);
      }
    }

    function renderFacets(counts) {
      var labels = { province: d.facetProvince, year: d.facetYear, type: d.facetType };
      aside.replaceChildren.apply(aside, Object.keys(KEYS).map(function (k) {
        var fs = el("fieldset", { "class": "facet facet-" + k });
        fs.appendChild(el("legend", null, labels[k]));
        var entries = Array.from(counts[k].entries());
        entries.sort(function (a, b) { return k === "year" ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0], "vi"); });
        state[k].forEach(function (v) { if (!counts[k].has(v)) entries.push([v, 0]); });
        entries.forEach(function (e) {
          var label = el("label");
          var box = el("input", { type: "checkbox", name: KEYS[k], value: e[0] });
          box.checked = state[k].indexOf(e[0]) >= 0;
          box.addEventListener("change", function () {
            state[k] = box.checked ? state[k].concat([e[0]]) : state[k].filter(function (v) { return v !== e[0]; });
            commit(true);
            run(false);
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + e[0] + " "));
          label.appendChild(el("span", { "class": "count" }, "(" + e[1] + ")"));
          fs.appendChild(label);
        });
        return fs;
      }));
    }

    input.value = state.q;
    // A page opened to type in (or the box focused) will look up unfinished words: fetch the words.
    if (!state.q) engine.prefetchWords();
    input.addEventListener("focus", function () { engine.prefetchWords(); }, { once: true });
    input.addEventListener("input", function () {
      state.q = input.value;
      clearTimeout(timer);
      var go = function () {
        commit(!typing);
        typing = true;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typing = false; }, 1500);
        lastRun = Date.now();
        run(true);
      };
      // The first keystroke searches at once; during fast typing, once the keys pause for 60 ms.
      if (Date.now() - lastRun > 300) go(); else timer = setTimeout(go, 60);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      // A search still waiting for the keys to pause would read the query as unfinished.
      clearTimeout(timer);
      state.q = input.value;
      typing = false;
      commit(true);
      run(false);
    });
    window.addEventListener("popstate", function () {
      state = readUrl();
      input.value = state.q;
      run(false);
    });
    var header = document.getElementById("o-tim");
    if (header) header.value = state.q;
    run(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
