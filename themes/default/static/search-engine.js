/* Tìm kiếm văn bản — the search engine of the site's client (no framework, no CDN): reads the
 * static index and ranks. Its analyzer and ranking are the twins of src/search/analyzer.rs and
 * src/search/rank.rs: same terms, same weights (read from search/index.json), same arithmetic in
 * the same order, so it returns what `banhanh search` returns. search.js is the page around it.
 * In node (the parity test) it is a CommonJS module; in the browser, window.BanhanhSearch. */
(function () {
  "use strict";

  var FOLDED = 1, EXACT = 2, BIGRAM = 3, NUMBER = 4;
  var WORD = /[\p{L}\p{N}]+/gu;
  var NUM = /\p{N}+(?:[-/][\p{L}\p{N}]+)+/gu;
  var LETTER = /\p{L}/u;
  var BREAKS = /[.,;:!?()[\]{}"“”…\n]/;
  var QUOTED = /["“”]([^"“”]*)["“”]/g;
  var BEFORE = 90, AFTER = 200;
  /** Most body bytes between a result's header and its snippet fetched to save a request. */
  var JOIN_GAP = 512;

  /** Lowercase without diacritics, đ → d (text::fold). */
  function fold(s) {
    return s.normalize("NFD").replace(/[đĐ]/g, "d").replace(/\p{M}/gu, "").toLowerCase();
  }

  /** Terms of a text, ordered by position (analyzer::analyze). */
  function analyze(text) {
    text = text.normalize("NFC");
    var terms = [], starts = [], prev = null, pos = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var w = m[0], exact = w.toLowerCase(), folded = fold(w);
      if (prev && !BREAKS.test(text.slice(prev.end, m.index))) {
        terms.push({ text: prev.folded + " " + folded, kind: BIGRAM, pos: pos - 1 });
      }
      terms.push({ text: folded, kind: FOLDED, pos: pos });
      if (exact !== folded) terms.push({ text: exact, kind: EXACT, pos: pos });
      starts.push(m.index);
      prev = { folded: folded, end: m.index + w.length };
      pos++;
    }
    NUM.lastIndex = 0;
    while ((m = NUM.exec(text))) {
      if (!LETTER.test(m[0])) continue;
      var p = 0;
      while (p < starts.length && starts[p] < m.index) p++;
      terms.push({ text: fold(m[0]), kind: NUMBER, pos: p });
    }
    return terms.map(function (t, i) { return [t, i]; })
      .sort(function (a, b) { return a[0].pos - b[0].pos || a[1] - b[1]; })
      .map(function (x) { return x[0]; });
  }

  /** An analysed query (rank::parse). */
  function parse(q, params) {
    var terms = [], words = [], required = [], seen = Object.create(null);
    analyze(q).forEach(function (t) {
      if (t.text in seen) return;
      seen[t.text] = terms.length;
      var w = t.kind === FOLDED ? params.q_folded : t.kind === EXACT ? params.q_exact : t.kind === BIGRAM ? params.q_bigram : params.q_number;
      if (t.kind === FOLDED) words.push(t.text);
      terms.push({ text: t.text, kind: t.kind, weight: w });
    });
    var m;
    QUOTED.lastIndex = 0;
    while ((m = QUOTED.exec(q))) {
      analyze(m[1]).forEach(function (t) {
        if (t.kind !== FOLDED && t.kind !== BIGRAM) return;
        var i = seen[t.text];
        if (i !== undefined && required.indexOf(i) < 0) required.push(i);
      });
    }
    return { terms: terms, required: required, words: words };
  }

  /** FNV-1a of the UTF-8 bytes (export::fnv1a). */
  function fnv1a(s) {
    var b = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  /** `count` postings: a flat array of (doc, body tf, head tf, offset + 1), four numbers each. */
  function varints(bytes, count) {
    var out = new Float64Array(count * 4), i = 0, doc = 0;
    for (var n = 0; n < count * 4; n++) {
      var v = 0, mul = 1, byte;
      do { byte = bytes[i++]; v += (byte & 0x7f) * mul; mul *= 128; } while (byte >= 0x80);
      if (n % 4 === 0) { doc += v; v = doc; }
      out[n] = v;
    }
    return out;
  }

  /**
   * The index reader and ranker; `load(path, start, end)` resolves to the bytes of a file or of a
   * byte range. `hint` ({id, dict}, from the search page) names the index the page was built with, so
   * a query's dictionary shards are fetched at once, alongside `index.json` rather than after it.
   */
  function Engine(load, hint) {
    var self = this, dec = new TextDecoder();
    this.load = load;
    this.manifest = load("index.json").then(function (b) {
      var m = JSON.parse(dec.decode(b));
      var starts = [], pack = 0, at = 0;
      for (var i = 0; i < m.n; i++) {
        if (pack + 1 < m.store.length && m.store[pack + 1][1] === i) { pack++; at = 0; }
        starts.push([pack, at]);
        at += m.docs.rl[i];
      }
      m.starts = starts;
      return m;
    });
    /** Every document's title, path and number (`heads.json`, small sites only), or null. */
    this.heads = this.manifest.then(function (m) {
      if (!m.heads) return null;
      return load(m.heads + self.v(m)).then(function (b) { return JSON.parse(dec.decode(b)); }).catch(function () { return null; });
    });
    this.shards = {};
    this.terms = {};
    this.headers = {};
    this.v = function (m) { return "?v=" + m.id; };
    /** Dictionary shard k of index `id`: term → [pack, offset, length, df, idf]. */
    this.shard = function (k, id) {
      var key = k + "?" + id;
      if (!self.shards[key]) {
        self.shards[key] = load("d/" + k + ".txt?v=" + id).then(function (b) {
          var map = new Map();
          dec.decode(b).split("\n").forEach(function (line) {
            var f = line.split("\t");
            if (f.length === 6) map.set(f[0], f.slice(1).map(Number));
          });
          return map;
        });
      }
      return self.shards[key];
    };
    this.term = function (text) {
      if (self.terms[text]) return self.terms[text];
      var early = hint ? self.shard(fnv1a(text) % hint.dict, hint.id) : null;
      self.terms[text] = self.manifest.then(function (m) {
        // The early shard only counts when the page and index.json name the same index.
        var same = early && m.id === hint.id && m.dict === hint.dict;
        return (same ? early : self.shard(fnv1a(text) % m.dict, m.id)).then(function (map) {
          var e = map.get(text);
          if (!e) return null;
          return load(m.packs[e[0]] + self.v(m), e[1], e[1] + e[2]).then(function (bytes) {
            return { idf: e[4], postings: varints(bytes, e[3]) };
          });
        });
      });
      return self.terms[text];
    };
  }

  function kindRank(kind) { return kind; }

  /** Every matching document, best first (rank::rank), with facet counts. */
  Engine.prototype.search = function (query) {
    var self = this;
    // The query's terms need no index: their dictionary shards are asked for now (with the page's
    // hint), not after index.json. Weights come from index.json below.
    parse(query, {}).terms.forEach(function (t) { self.term(t.text); });
    return this.manifest.then(function (m) {
      var q = parse(query, m.params);
      return Promise.all(q.terms.map(function (t) { return self.term(t.text); }).concat([self.heads])).then(function (infos) {
        var heads = infos.pop();
        // Per-document accumulators in flat arrays (one slot per document of the index).
        var p = m.params, avg = m.n ? m.total_len / m.n : 1, n = m.n;
        var score = new Float64Array(n), matched = new Int32Array(n), required = new Int32Array(n);
        var best = new Float64Array(n), off = new Float64Array(n), seen = new Uint8Array(n), found = [];
        q.terms.forEach(function (term, ti) {
          var info = infos[ti];
          if (!info) return;
          var idf = info.idf / 1e6, strength = kindRank(term.kind) * 100000000 + info.idf;
          var isRequired = q.required.indexOf(ti) >= 0, post = info.postings;
          for (var i = 0; i < post.length; i += 4) {
            var doc = post[i], dl = m.docs.len[doc];
            var norm = p.k1 * (1.0 - p.b + p.b * (dl / avg));
            var tb = post[i + 1], th = post[i + 2];
            var body = tb > 0 ? idf * (tb * (p.k1 + 1.0)) / (tb + norm) : 0.0;
            var head = th > 0 ? idf * p.head_boost * (th * (p.k1 + 1.0)) / (th + p.k1) : 0.0;
            if (!seen[doc]) { seen[doc] = 1; found.push(doc); }
            score[doc] += term.weight * (body + head);
            if (term.kind === FOLDED) matched[doc] += 1;
            if (isRequired) required[doc] += 1;
            if (post[i + 3] > 0 && strength > best[doc]) { best[doc] = strength; off[doc] = post[i + 3]; }
          }
        });
        var hits = [];
        found.forEach(function (doc) {
          if (required[doc] === q.required.length) {
            hits.push({ doc: doc, score: score[doc], matched: matched[doc], required: required[doc], best: best[doc], off: off[doc] });
          }
        });
        hits.sort(function (a, b) { return b.matched - a.matched || (b.score > a.score ? 1 : b.score < a.score ? -1 : 0) || a.doc - b.doc; });
        return { query: q, hits: hits, manifest: m, heads: heads };
      });
    });
  };

  function pieces(text, cutStart, cutEnd, words) {
    var out = [], last = 0, m, plain = cutStart ? "…" : "";
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (words.indexOf(fold(m[0])) >= 0) {
        plain += text.slice(last, m.index);
        out.push({ text: plain, marked: false }, { text: m[0], marked: true });
        plain = "";
        last = m.index + m[0].length;
      }
    }
    out.push({ text: plain + text.slice(last) + (cutEnd ? "…" : ""), marked: false });
    return out.filter(function (x) { return x.text; }).map(function (x) { x.text = x.text.replace(/\n/g, " "); return x; });
  }

  /**
   * A result in two parts: `head` (title, URL with the best section's anchor, metadata), fetched
   * at once, and `pieces()`, the snippet, fetched when called (so a page's headers are requested
   * before its snippets). A snippet near the header comes in the header's request.
   */
  Engine.prototype.parts = function (m, q, hit) {
    var self = this, doc = hit.doc, st = m.starts[doc], file = m.store[st[0]][0] + self.v(m);
    var hl = m.docs.hl[doc], rl = m.docs.rl[doc];
    var bodyLen = rl - hl, center = Math.max(hit.off - 1, 0);
    var from = Math.max(center - BEFORE - 4, 0), to = Math.min(center + AFTER + 4, bodyLen);
    var header = function (b) { return JSON.parse(new TextDecoder().decode(b)); };
    var snippet;
    if (!self.headers[doc] && from <= JOIN_GAP) {
      var whole = self.load(file, st[1], st[1] + hl + to);
      self.headers[doc] = whole.then(function (b) { return header(b.subarray(0, hl)); });
      snippet = function () { return whole.then(function (b) { return b.subarray(hl + from); }); };
    } else {
      if (!self.headers[doc]) self.headers[doc] = self.load(file, st[1], st[1] + hl).then(header);
      snippet = function () { return self.load(file, st[1] + hl + from, st[1] + hl + to); };
    }
    var head = self.headers[doc].then(function (h) {
      var secs = h.s, si = -1;
      if (secs.length) {
        si = 0;
        while (si + 1 < secs.length && secs[si + 1][2] <= center) si++;
      }
      var sec = si >= 0 ? secs[si] : null;
      return {
        url: h.u + (sec && sec[0] ? "#" + sec[0] : ""),
        title: h.t, number: h.n, province: h.p, year: h.y, type: h.k,
        section: sec ? sec[1] : "",
      };
    });
    return {
      head: head,
      pieces: function () {
        return snippet().then(function (bytes) {
          var text = new TextDecoder().decode(bytes).replace(/^\uFFFD+|\uFFFD+$/g, "");
          var cutStart = from > 0, cutEnd = to < bodyLen;
          if (cutStart) text = text.replace(/^\S*\s/, "");
          if (cutEnd) text = text.replace(/\s\S*$/, "");
          return pieces(text, cutStart, cutEnd, q.words);
        });
      },
    };
  };

  /**
   * What a result shows before its store header arrives, from `heads.json` (a search's `heads`,
   * small sites only): URL without the section's anchor, no section name. Null without it.
   */
  Engine.prototype.quickHead = function (m, h, hit) {
    if (!h) return null;
    var doc = hit.doc, v = facetValues(m, hit);
    return { url: h.u[doc], title: h.t[doc], number: h.n[doc], province: v.province, year: v.year, type: v.type, section: "" };
  };

  /** What a result shows: title, URL with the best section's anchor, snippet pieces (search::search). */
  Engine.prototype.details = function (m, q, hit) {
    var p = this.parts(m, q, hit);
    return Promise.all([p.head, p.pieces()]).then(function (both) {
      var row = Object.assign({}, both[0]);
      row.pieces = both[1];
      return row;
    });
  };

  /** A hit's facet values: {province, year, type}. */
  function facetValues(m, h) {
    return { province: m.provinces[m.docs.p[h.doc]], year: String(m.docs.y[h.doc]), type: m.types[m.docs.t[h.doc]] };
  }

  /**
   * Facet counts: for each facet, how many hits each value has among the hits kept by the OTHER
   * facets' choices (so ticking a province still shows the other provinces' counts). `chosen` maps a
   * facet to its ticked values (none: no filter).
   */
  function facets(m, hits, chosen) {
    chosen = chosen || {};
    var names = ["province", "year", "type"], f = { province: new Map(), year: new Map(), type: new Map() };
    var keeps = function (v, k) { return !(chosen[k] && chosen[k].length) || chosen[k].indexOf(v[k]) >= 0; };
    hits.forEach(function (h) {
      var v = facetValues(m, h);
      names.forEach(function (k) {
        if (names.every(function (o) { return o === k || keeps(v, o); })) f[k].set(v[k], (f[k].get(v[k]) || 0) + 1);
      });
    });
    return f;
  }

  var api = { analyze: analyze, parse: parse, fold: fold, fnv1a: fnv1a, Engine: Engine, facets: facets, facetValues: facetValues };
  if (typeof module === "object" && module.exports) module.exports = api;
  else window.BanhanhSearch = api;
})();
