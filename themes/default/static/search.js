/* Tìm kiếm văn bản — the search page (no framework, no CDN): results as you type, shareable
 * links, facets, snippets. The engine is search-engine.js (window.BanhanhSearch), loaded first.
 * Everything from the index is inserted as text, never as HTML. */
(function () {
  "use strict";

  var S = window.BanhanhSearch;
  if (!S || typeof document === "undefined") return;
  var Engine = S.Engine, facets = S.facets, facetValues = S.facetValues;

  /* ---- the page ---- */
  var KEYS = { province: "tinh", year: "nam", type: "loai" };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function fetcher(base) {
    return function (path, start, end) {
      var opts = start === undefined ? {} : { headers: { Range: "bytes=" + start + "-" + (end - 1) } };
      return fetch(base + path, opts).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.arrayBuffer().then(function (buf) {
          var b = new Uint8Array(buf);
          // A server that ignores Range sends the whole file.
          return start !== undefined && r.status === 200 ? b.subarray(start, end) : b;
        });
      });
    };
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
    var aside = root.querySelector(".search-facets");
    var hint = d.indexId && Number(d.indexDict) > 0 ? { id: d.indexId, dict: Number(d.indexDict) } : null;
    var engine = new Engine(fetcher(d.index), hint);
    var seq = 0, timer = null, typing = false, typingTimer = null, lastRun = 0;
    var state = readUrl();

    function readUrl() {
      var u = new URLSearchParams(location.search), s = { q: u.get("q") || "", province: [], year: [], type: [] };
      Object.keys(KEYS).forEach(function (k) { s[k] = u.getAll(KEYS[k]); });
      return s;
    }

    function urlOf(s) {
      var u = new URLSearchParams();
      if (s.q) u.set("q", s.q);
      Object.keys(KEYS).forEach(function (k) { s[k].forEach(function (v) { u.append(KEYS[k], v); }); });
      var qs = u.toString();
      return location.pathname + (qs ? "?" + qs : "");
    }

    function commit(push) {
      var url = urlOf(state);
      if (url === location.pathname + location.search) return;
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    }

    function run() {
      var my = ++seq, s = state;
      if (!s.q.trim()) {
        list.replaceChildren(); aside.replaceChildren(); status.textContent = "";
        list.setAttribute("aria-busy", "false");
        return;
      }
      status.textContent = d.loading;
      // Busy until every shown result has its snippet.
      list.setAttribute("aria-busy", "true");
      engine.search(s.q).then(function (res) {
        if (my !== seq) return;
        var m = res.manifest;
        var kept = res.hits.filter(function (h) {
          var v = facetValues(m, h);
          return Object.keys(KEYS).every(function (k) { return !s[k].length || s[k].indexOf(v[k]) >= 0; });
        });
        // The first page's headers are asked for first, then its snippets; the count and facets
        // show meanwhile, results when their headers are in, each snippet as it arrives.
        var parts = kept.slice(0, 10).map(function (h) { return engine.parts(m, res.query, h); });
        var snippets = parts.map(function (p) { return p.pieces(); });
        renderFacets(facets(m, res.hits, s));
        status.textContent = kept.length ? kept.length + " " + d.results : d.none;
        if (!parts.length) list.replaceChildren();
        // Results appear top-down as their headers arrive (the first replaces the last query's
        // list); each snippet fills in when it is in. When the site has heads.json (titles),
        // the whole page shows at once and each header then adds its section (name and anchor).
        var rows = [], pieces = [], holders = [], items = [], shown = 0;
        var fill = function (i) {
          pieces[i].forEach(function (x) { holders[i].appendChild(x.marked ? el("mark", null, x.text) : document.createTextNode(x.text)); });
        };
        var quick = kept.slice(0, parts.length).map(function (h) { return engine.quickHead(m, res.heads, h); });
        if (quick.length && quick[0]) {
          list.replaceChildren();
          quick.forEach(function (row, i) {
            items[i] = resultItem(row);
            list.appendChild(items[i].li);
            holders[i] = items[i].snippet;
          });
          shown = parts.length;
        }
        var heads = parts.map(function (p, i) {
          return p.head.then(function (row) {
            if (my !== seq) return;
            if (items[i]) return addSection(items[i], row);
            rows[i] = row;
            while (shown < parts.length && rows[shown]) {
              if (shown === 0) list.replaceChildren();
              var item = resultItem(rows[shown]);
              list.appendChild(item.li);
              holders[shown] = item.snippet;
              if (pieces[shown]) fill(shown);
              shown++;
            }
          });
        });
        return Promise.all(heads.concat(snippets.map(function (sp, i) {
          return sp.then(function (pcs) {
            if (my !== seq) return;
            pieces[i] = pcs;
            if (holders[i]) fill(i);
          });
        })));
      }).catch(function () {
        if (my === seq) status.textContent = d.error;
      }).then(function () {
        if (my === seq) list.setAttribute("aria-busy", "false");
      });
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
      return { li: li, link: link, snippet: p };
    }

    /** Completes a result shown from heads.json's titles with its header: section anchor and name. */
    function addSection(item, r) {
      item.link.setAttribute("href", base + r.url);
      if (r.section) item.li.insertBefore(el("p", { "class": "result-section" }, r.section), item.snippet);
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
            run();
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
    input.addEventListener("input", function () {
      state.q = input.value;
      clearTimeout(timer);
      var go = function () {
        commit(!typing);
        typing = true;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typing = false; }, 1500);
        lastRun = Date.now();
        run();
      };
      // The first keystroke searches at once; during fast typing, once the keys pause for 60 ms.
      if (Date.now() - lastRun > 300) go(); else timer = setTimeout(go, 60);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      state.q = input.value;
      typing = false;
      commit(true);
      run();
    });
    window.addEventListener("popstate", function () {
      state = readUrl();
      input.value = state.q;
      run();
    });
    var header = document.getElementById("o-tim");
    if (header) header.value = state.q;
    run();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
