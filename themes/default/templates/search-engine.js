/* Tìm kiếm văn bản — the search engine of the site's client (no framework, no CDN), written into
 * the search page after the analyzer (search-analyzer.js) so a shared ?q= link starts fetching its
 * index files with the page. It reads the static index exported from the site's tantivy index and
 * ranks exactly as `banhanh search` does: tantivy's BM25 with its idf, its fieldnorm table and its
 * f32 arithmetic, added up in the same order (src/search/rank.rs). In node (the parity test) it is
 * a CommonJS module; in the browser, window.BanhanhSearch. Every file is fetched whole: no range
 * requests. */
(function () {
  "use strict";

  var A = typeof module === "object" && module.exports ? require("./search-analyzer.js") : window.BanhanhAnalyzer;
  var FOLDED = A.KINDS.FOLDED, BIGRAM = A.KINDS.BIGRAM, NUMBER = A.KINDS.NUMBER;
  var analyze = A.analyze, parse = A.parse, expand = A.expand, kindOf = A.kindOf, fnv1a = A.fnv1a;
  var cmpText = A.cmpText, levenshtein = A.levenshtein;
  var f32 = Math.fround, K1 = f32(1.2), B = f32(0.75), BODY = 0;
  /** tantivy's fieldnorm table: the length each fieldnorm id stands for (src/fieldnorm/code.rs). */
  var FIELDNORMS = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 42, 44, 46, 48, 50, 52, 54, 56, 60,
    64, 68, 72, 76, 80, 84, 88, 96, 104, 112, 120, 128, 136, 144, 152, 168, 184, 200, 216, 232,
    248, 264, 280, 312, 344, 376, 408, 440, 472, 504, 536, 600, 664, 728, 792, 856, 920, 984, 1048,
    1176, 1304, 1432, 1560, 1688, 1816, 1944, 2072, 2328, 2584, 2840, 3096, 3352, 3608, 3864, 4120,
    4632, 5144, 5656, 6168, 6680, 7192, 7704, 8216, 9240, 10264, 11288, 12312, 13336, 14360, 15384,
    16408, 18456, 20504, 22552, 24600, 26648, 28696, 30744, 32792, 36888, 40984, 45080, 49176,
    53272, 57368, 61464, 65560, 73752, 81944, 90136, 98328, 106520, 114712, 122904, 131096, 147480,
    163864, 180248, 196632, 213016, 229400, 245784, 262168, 294936, 327704, 360472, 393240, 426008,
    458776, 491544, 524312, 589848, 655384, 720920, 786456, 851992, 917528, 983064, 1048600,
    1179672, 1310744, 1441816, 1572888, 1703960, 1835032, 1966104, 2097176, 2359320, 2621464,
    2883608, 3145752, 3407896, 3670040, 3932184, 4194328, 4718616, 5242904, 5767192, 6291480,
    6815768, 7340056, 7864344, 8388632, 9437208, 10485784, 11534360, 12582936, 13631512, 14680088,
    15728664, 16777240, 18874392, 20971544, 23068696, 25165848, 27263000, 29360152, 31457304,
    33554456, 37748760, 41943064, 46137368, 50331672, 54525976, 58720280, 62914584, 67108888,
    75497496, 83886104, 92274712, 100663320, 109051928, 117440536, 125829144, 134217752, 150994968,
    167772184, 184549400, 201326616, 218103832, 234881048, 251658264, 268435480, 301989912,
    335544344, 369098776, 402653208, 436207640, 469762072, 503316504, 536870936, 603979800,
    671088664, 738197528, 805306392, 872415256, 939524120, 1006632984, 1073741848, 1207959576,
    1342177304, 1476395032, 1610612760, 1744830488, 1879048216, 2013265944
  ];

  /** A reader of LEB128 varints over bytes. */
  function Reader(bytes, at) { this.b = bytes; this.i = at || 0; }
  Reader.prototype.v = function () {
    var v = 0, mul = 1, x;
    do { x = this.b[this.i++]; v += (x & 0x7f) * mul; mul *= 128; } while (x >= 0x80);
    return v;
  };
  Reader.prototype.text = function () {
    var n = this.v(), s = new TextDecoder().decode(this.b.subarray(this.i, this.i + n));
    this.i += n;
    return s;
  };
  Reader.prototype.block = function () { var n = this.v(), s = this.i; this.i += n; return [s, this.i]; };

  /** A `t/` shard: term → {fields: [field, df, bytes, start, end]} (export::terms). */
  function termShard(bytes) {
    var map = new Map(), r = new Reader(bytes);
    while (r.i < bytes.length) {
      var text = r.text(), mask = bytes[r.i++], fields = [];
      for (var f = 0; f < 8; f++) {
        if (!(mask & (1 << f))) continue;
        var df = r.v(), blk = r.block();
        fields.push({ field: f, df: df, bytes: bytes, start: blk[0], end: blk[1] });
      }
      map.set(text, { text: text, fields: fields });
    }
    return map;
  }

  /** An `f/` or `q/` shard: term → [bytes, start, end] of its block. */
  function blockShard(bytes) {
    var map = new Map(), r = new Reader(bytes);
    while (r.i < bytes.length) {
      var text = r.text(), blk = r.block();
      if (blk[0] === blk[1]) {
        var files = [], n = r.v();
        for (var k = 0; k < n; k++) files.push(r.v());
        map.set(text, { files: files });
      } else map.set(text, { bytes: bytes, start: blk[0], end: blk[1] });
    }
    return map;
  }

  /** A field's postings: documents (site-path order) and term frequencies. */
  function postings(p, n) {
    if (p.docs) return p;
    var r = new Reader(p.bytes, p.start), complement = p.bytes[r.i++] === 1, count = r.v();
    var docs = new Int32Array(p.df), tfs = new Int32Array(p.df), d = -1, k;
    if (complement) {
      var skip = new Int32Array(count);
      for (k = 0; k < count; k++) { d += r.v() + 1; skip[k] = d; }
      for (var i = 0, j = 0, x = 0; x < n; x++) {
        if (j < count && skip[j] === x) j++; else docs[i++] = x;
      }
    } else for (k = 0; k < count; k++) { d += r.v() + 1; docs[k] = d; }
    for (k = 0; k < p.df; k++) tfs[k] = r.v() + 1;
    p.docs = docs;
    p.tfs = tfs;
    return p;
  }

  /** Index of document `d` in sorted `docs`, or -1. */
  function find(docs, d) {
    var lo = 0, hi = docs.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (docs[mid] < d) lo = mid + 1; else hi = mid; }
    return lo < docs.length && docs[lo] === d ? lo : -1;
  }

  /** tantivy's BM25 idf in f32 (stats::idf); `fix`: the manifest's exact values. */
  function idf(df, n, fix) {
    if (fix.has(df)) return fix.get(df);
    var x = f32(f32(f32(n - df) + 0.5) / f32(f32(df) + 0.5));
    return f32(Math.log(f32(1 + x)));
  }

  /** What scoring needs of the manifest and docs.bin: per field the BM25 length cache, ids. */
  function Scores(m, docsBin) {
    var n = m.n, fields = m.fields.length;
    this.n = n;
    this.fix = new Map(m.idf.map(function (x) { return [x[0], x[1]]; }));
    this.norms = [];
    this.ids = [];
    for (var f = 0; f < fields; f++) {
      var avg = f32(f32(m.tokens[f]) / f32(n)), cache = new Float64Array(256);
      for (var id = 0; id < 256; id++) cache[id] = f32(K1 * f32(f32(1 - B) + f32(f32(B * f32(FIELDNORMS[id])) / avg)));
      this.norms.push(cache);
      this.ids.push(docsBin.subarray(f * n, (f + 1) * n));
    }
    var view = new DataView(docsBin.buffer, docsBin.byteOffset + fields * n, n * 6);
    this.province = new Uint16Array(n);
    this.type = new Uint16Array(n);
    this.year = new Uint16Array(n);
    for (var d = 0; d < n; d++) {
      this.province[d] = view.getUint16(d * 6, true);
      this.type[d] = view.getUint16(d * 6 + 2, true);
      this.year[d] = view.getUint16(d * 6 + 4, true);
    }
  }

  /** Adds each clause of a term (tantivy's TermScorer: weight × tf / (tf + norm)) to `into`, and
   * marks the documents holding it (in the body: `inBody`). */
  Scores.prototype.term = function (m, rec, kind, into, has, inBody, holds) {
    var p = m.params;
    for (var i = 0; i < rec.fields.length; i++) {
      var fp = rec.fields[i], post = postings(fp, this.n), f = fp.field, docs = post.docs, tfs = post.tfs;
      var boost = f32(p.kind_weight[kind] * p.field_boost[f]);
      var w = f32(f32(idf(fp.df, this.n, this.fix) * f32(1 + K1)) * boost);
      var norm = this.norms[f], ids = this.ids[f];
      for (var k = 0; k < docs.length; k++) {
        var d = docs[k], tf = tfs[k];
        into[d] += f32(w * f32(tf / f32(tf + norm[ids[d]])));
        has[d] = 1;
        holds[d] = 1;
        if (f === BODY) inBody[d] = 1;
      }
    }
  };

  /**
   * The index reader and ranker; `load(path)` resolves to the bytes of a whole file of the index.
   * `hint` ({id, dict, heads}, from the search page) names the index the page was built with, so
   * a query's shards are fetched at once, alongside `index.json`.
   */
  function Engine(load, hint) {
    var self = this, dec = new TextDecoder();
    this.load = load;
    this.hint = hint || null;
    this.files = new Map();
    this.manifest = load("index.json").then(function (b) { return JSON.parse(dec.decode(b)); });
    var docs = hint ? this.file("docs.bin", hint.id) : null;
    this.scores = this.manifest.then(function (m) {
      return (docs && hint.id === m.id ? docs : self.file("docs.bin", m.id)).then(function (b) { return new Scores(m, b); });
    });
    var early = hint && hint.heads ? this.file("heads.json", hint.id) : null;
    this.heads = this.manifest.then(function (m) {
      if (!m.heads) return null;
      return (early && hint.id === m.id ? early : self.file("heads.json", m.id)).then(function (b) { return JSON.parse(dec.decode(b)); });
    }).catch(function () { return null; });
  }

  /** A file of index `id`, fetched once. */
  Engine.prototype.file = function (path, id) {
    var key = path + "?v=" + id;
    if (!this.files.has(key)) this.files.set(key, this.load(key));
    return this.files.get(key);
  };

  /** Shard counts of `t/`, `f/`, `q/` for a `t/` count (export::shard_counts). */
  function counts(terms) { var half = Math.max(1, Math.floor(terms / 2)); return { t: terms, f: half, q: half }; }

  /**
   * The record of `text` in shard set `dir` ("t", "f" or "q"): asked for at once with the page's
   * hint, checked against index.json when it arrives (a page of another build asks again).
   */
  Engine.prototype.record = function (dir, text) {
    var self = this, h = this.hint, parseFn = dir === "t" ? termShard : blockShard;
    var shard = function (id, n) {
      var k = fnv1a(text) % counts(n)[dir], key = dir + "/" + k + ".bin?v=" + id + "#parsed";
      if (!self.files.has(key)) self.files.set(key, self.file(dir + "/" + k + ".bin", id).then(parseFn));
      return self.files.get(key);
    };
    var early = h ? shard(h.id, h.dict) : null;
    return this.manifest.then(function (m) {
      var same = early && m.id === h.id && m.terms === h.dict;
      return (same ? early : shard(m.id, m.terms)).then(function (map) { return map.get(text) || null; });
    });
  };

  /** Words of `kind` beginning with `prefix` ([word, weight]s; all words for ""). */
  Engine.prototype.words = function (prefix) {
    var self = this;
    return this.manifest.then(function (m) {
      var files = [];
      m.words.forEach(function (first, k) {
        var next = m.words[k + 1];
        // File k holds [first, next): it may hold words beginning with `prefix`.
        if ((next === undefined || cmpText(next, prefix) > 0) && (cmpText(first, prefix) <= 0 || first.indexOf(prefix) === 0 || prefix === "")) files.push(k);
      });
      return Promise.all(files.map(function (k) {
        var key = "w/" + k + "?" + m.id + "#parsed";
        if (!self.files.has(key)) {
          self.files.set(key, self.file("w/" + k + ".txt", m.id).then(function (b) {
            return new TextDecoder().decode(b).split("\n").filter(Boolean).map(function (l) {
              var t = l.split("\t");
              return [t[0], Number(t[1])];
            });
          }));
        }
        return self.files.get(key);
      })).then(function (lists) {
        return [].concat.apply([], lists).filter(function (w) { return w[0].indexOf(prefix) === 0; });
      });
    });
  };

  /** Every matching document, best first (rank::rank): `{query, hits, manifest, missing}`. */
  Engine.prototype.search = function (query, typing) {
    var self = this, q = parse(query, typing);
    var need = function (terms) { return Promise.all(terms.map(function (t) { return self.record("t", t.text); })); };
    // Complete words' records are asked for at once, before what the unfinished one stands for.
    var first = need(q.terms);
    var phrases = Promise.all(q.phrases.map(function (p) { return self.phrase(p); }));
    var prefixes = q.slots.filter(function (s) { return s.prefix; });
    var expanded = !prefixes.length ? Promise.resolve() : Promise.all(prefixes.map(function (s) {
      return self.words(s.prefix.text).then(function (w) { return [s.prefix.text, w]; });
    })).then(function (lists) {
      var by = new Map(lists);
      return self.manifest.then(function (m) {
        expand(q, m.params.prefix_words, function (prefix, kind) {
          return (by.get(prefix) || []).filter(function (w) { return kindOf(w[0]) === kind; });
        });
        // What the unfinished word stands for is asked for as soon as it is known.
        return need(q.terms);
      });
    });
    return Promise.all([this.manifest, this.scores, first, phrases, expanded]).then(function (all) {
      return need(q.terms).then(function (recs) { return self.rank(all[0], all[1], q, recs, all[3]); });
    });
  };

  /** Ranks with the records of the query's terms (rank::rank). */
  Engine.prototype.rank = function (m, sc, q, recs, phraseDocs) {
    var n = m.n, score = [], has = [], inBody = [], strength = [], holds = new Uint8Array(n), t, d, k;
    for (t = 0; t < q.terms.length; t++) {
      score.push(new Float64Array(n));
      has.push(new Uint8Array(n));
      inBody.push(new Uint8Array(n));
      var rec = recs[t];
      if (rec) sc.term(m, rec, q.terms[t].kind, score[t], has[t], inBody[t], holds);
      var bodyDf = rec && rec.fields[0] && rec.fields[0].field === BODY ? rec.fields[0].df : 0;
      strength.push([q.terms[t].kind, idf(bodyDf, n, sc.fix), t]);
    }
    // Which term a snippet shows: the strongest kind, then the rarest in the body, then the first.
    var byStrength = strength.slice().sort(function (a, b) { return b[0] - a[0] || b[1] - a[1] || a[2] - b[2]; })
      .map(function (x) { return x[2]; });
    var slots = q.slots.map(function () { return []; });
    q.terms.forEach(function (term, i) { slots[term.slot].push(i); });
    phraseDocs.forEach(function (set) { for (d = 0; d < n; d++) if (!set.has(d)) holds[d] = 0; });
    var hits = [];
    for (d = 0; d < n; d++) {
      if (!holds[d]) continue;
      var total = 0, matched = 0, best = -1;
      for (var s = 0; s < slots.length; s++) {
        var top = -1, ts = slots[s];
        for (k = 0; k < ts.length; k++) if (has[ts[k]][d] && (top < 0 || score[ts[k]][d] > top)) top = score[ts[k]][d];
        if (top >= 0) { total += top; if (q.slots[s].kind === FOLDED) matched++; }
      }
      for (k = 0; k < byStrength.length; k++) if (inBody[byStrength[k]][d]) { best = byStrength[k]; break; }
      hits.push({ doc: d, score: total, matched: matched, best: best });
    }
    hits.sort(function (a, b) { return b.matched - a.matched || (b.score > a.score ? 1 : b.score < a.score ? -1 : 0) || a.doc - b.doc; });
    var missing = q.slots.map(function (s, slot) {
      if (s.kind !== FOLDED) return null;
      var terms = q.terms.filter(function (t) { return t.slot === slot; });
      if (s.prefix) return terms.length ? null : s.prefix.text;
      return terms.length && !recs[q.terms.indexOf(terms[0])] ? terms[0].text : null;
    }).filter(function (w) { return w !== null; });
    return { query: q, hits: hits, manifest: m, scores: sc, missing: missing };
  };

  /** Documents holding a quoted phrase (its word, its bigram, or its bigrams at consecutive positions). */
  Engine.prototype.phrase = function (words) {
    var self = this;
    if (words.length < 3) {
      return this.manifest.then(function (m) {
        return self.record("t", words.join(" ")).then(function (rec) {
          var set = new Set();
          if (rec) rec.fields.forEach(function (fp) { postings(fp, m.n).docs.forEach(function (d) { set.add(d); }); });
          return set;
        });
      });
    }
    var pairs = [];
    for (var i = 0; i + 1 < words.length; i++) pairs.push(words[i] + " " + words[i + 1]);
    return Promise.all([this.manifest, Promise.all(pairs.map(function (p) {
      return Promise.all([self.record("t", p), self.positions(p)]);
    }))]).then(function (all) { return phraseDocs(all[0].n, all[1]); });
  };

  /** A bigram's positions per field: field → flat positions and each posting's offset. */
  Engine.prototype.positions = function (text) {
    var self = this;
    return this.record("q", text).then(function (e) {
      if (!e) return null;
      if (!e.files) return e;
      return self.manifest.then(function (m) {
        return Promise.all(e.files.map(function (k) { return self.file("q/o" + k + ".bin", m.id); }));
      }).then(function (parts) {
        var len = parts.reduce(function (a, p) { return a + p.length; }, 0), bytes = new Uint8Array(len), at = 0;
        parts.forEach(function (p) { bytes.set(p, at); at += p.length; });
        return { bytes: bytes, start: 0, end: len };
      });
    });
  };

  /** Documents where the bigrams `pairs` ([t record, q block]) follow one another in one field. */
  function phraseDocs(n, pairs) {
    var out = new Set();
    if (pairs.some(function (p) { return !p[0] || !p[1]; })) return out;
    var fields = pairs.map(function (p) {
      var r = new Reader(p[1].bytes, p[1].start), mask = p[1].bytes[r.i++], byField = new Map();
      p[0].fields.forEach(function (fp) {
        if (!(mask & (1 << fp.field))) return;
        var post = postings(fp, n), blk = r.block(), rr = new Reader(p[1].bytes, blk[0]), pos = [];
        for (var k = 0; k < post.docs.length; k++) {
          var list = [], at = 0;
          for (var j = 0; j < post.tfs[k]; j++) { at += rr.v(); list.push(at); }
          pos.push(list);
        }
        byField.set(fp.field, { docs: post.docs, pos: pos });
      });
      return byField;
    });
    fields[0].forEach(function (first, field) {
      var rest = fields.slice(1).map(function (f) { return f.get(field); });
      if (rest.some(function (x) { return !x; })) return;
      first.docs.forEach(function (d, k) {
        var at = rest.map(function (x) { return find(x.docs, d); });
        if (at.some(function (i) { return i < 0; })) return;
        var ok = first.pos[k].some(function (p) {
          return rest.every(function (x, i) { return x.pos[at[i]].indexOf(p + i + 1) >= 0; });
        });
        if (ok) out.add(d);
      });
    });
    return out;
  }

  /** A result's title, path, number and the anchors of its sections (its `h/` group). */
  Engine.prototype.title = function (res, hit) {
    var m = res.manifest, g = Math.floor(hit.doc / m.group), v = facetValues(res, hit);
    return this.file("h/" + g + ".json", m.id).then(function (b) {
      var e = JSON.parse(new TextDecoder().decode(b))[hit.doc - g * m.group];
      return {
        url: e[0], path: e[0], title: e[1], number: e[2], province: v.province, year: v.year, type: v.type,
        section: "", anchor: "", sections: e[3],
      };
    });
  };

  /** Index of the section holding the first body occurrence of the hit's best term (`f/`). */
  Engine.prototype.section = function (res, hit) {
    if (hit.best < 0) return Promise.resolve(0);
    var n = res.manifest.n, text = res.query.terms[hit.best].text;
    return Promise.all([this.record("t", text), this.record("f", text)]).then(function (x) {
      var at = find(postings(x[0].fields[0], n).docs, hit.doc), r = new Reader(x[1].bytes, x[1].start);
      for (var k = 0; k < at; k++) r.v();
      return r.v();
    });
  };

  /** A result's head: path with the best section's anchor, title, number, section heading. */
  Engine.prototype.head = function (res, hit) {
    return Promise.all([this.title(res, hit), this.section(res, hit)]).then(function (x) {
      var row = x[0], sec = row.sections[x[1]] || null;
      row.url = row.path + (sec && sec[0] ? "#" + sec[0] : "");
      row.section = sec ? sec[1] : "";
      row.anchor = sec ? sec[0] : "";
      row.sections = row.sections.map(function (s) { return s[0]; });
      return row;
    });
  };

  /** Fetches the dictionary's words ahead (a page opened to type in will need them). */
  Engine.prototype.prefetchWords = function () {
    var self = this;
    this.manifest.then(function (m) { m.words.forEach(function (w, k) { self.file("w/" + k + ".txt", m.id); }); });
  };

  /** What a result shows before its head arrives, from heads.json (small sites), or null. */
  Engine.prototype.quickHead = function (res, heads, hit) {
    if (!heads) return null;
    var v = facetValues(res, hit), d = hit.doc;
    return { url: heads.u[d], path: heads.u[d], title: heads.t[d], number: heads.n[d], province: v.province, year: v.year, type: v.type, section: "" };
  };

  /** The query with its missing words replaced by the closest dictionary words (suggest::suggestion), or null. */
  Engine.prototype.suggest = function (query, res) {
    if (!res.missing.length) return Promise.resolve(null);
    var max = res.manifest.params.suggest_distance;
    return this.words("").then(function (all) {
      var words = all.filter(function (w) { return kindOf(w[0]) === FOLDED; });
      var q = query.normalize("NFC"), out = "", last = 0, changed = false;
      analyze(q).filter(function (t) { return t.kind === FOLDED; }).forEach(function (t) {
        if (res.missing.indexOf(t.text) < 0) return;
        var best = null;
        words.forEach(function (w) {
          if (w[0] === t.text) return;
          var d = levenshtein(t.text, w[0]);
          if (d > max) return;
          if (!best || d < best[0] || (d === best[0] && (w[1] > best[1] || (w[1] === best[1] && cmpText(w[0], best[2]) < 0)))) best = [d, w[1], w[0]];
        });
        if (best) { out += q.slice(last, t.from) + best[2]; last = t.to; changed = true; }
      });
      return changed ? out + q.slice(last) : null;
    });
  };

  /** A hit's facet values: {province, year, type}. */
  function facetValues(res, h) {
    var m = res.manifest, sc = res.scores;
    return { province: m.provinces[sc.province[h.doc]], year: String(sc.year[h.doc]), type: m.types[sc.type[h.doc]] };
  }

  /**
   * Facet counts: for each facet, how many hits each value has among the hits kept by the OTHER
   * facets' choices (so ticking a province still shows the other provinces' counts). `chosen` maps a
   * facet to its ticked values (none: no filter).
   */
  function facets(res, hits, chosen) {
    chosen = chosen || {};
    var names = ["province", "year", "type"], f = { province: new Map(), year: new Map(), type: new Map() };
    var keeps = function (v, k) { return !(chosen[k] && chosen[k].length) || chosen[k].indexOf(v[k]) >= 0; };
    hits.forEach(function (h) {
      var v = facetValues(res, h);
      names.forEach(function (k) {
        if (names.every(function (o) { return o === k || keeps(v, o); })) f[k].set(v[k], (f[k].get(v[k]) || 0) + 1);
      });
    });
    return f;
  }

  /** Loads whole files of the index under `base` (never a byte range). */
  function fetcher(base) {
    return function (path) {
      return fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.arrayBuffer();
      }).then(function (b) { return new Uint8Array(b); });
    };
  }

  var api = Object.assign({}, A, { Engine: Engine, facets: facets, facetValues: facetValues, fetcher: fetcher, FIELDNORMS: FIELDNORMS });
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  window.BanhanhSearch = api;
  // On the search page (whose head names the index), a shared ?q= link starts fetching at once,
  // while the page's style sheet and the rest of the page load.
  var meta = document.querySelector('meta[name="banhanh-search"]');
  if (!meta) return;
  var d = meta.dataset, q = new URLSearchParams(location.search).get("q") || "";
  var hint = d.id && Number(d.dict) > 0 ? { id: d.id, dict: Number(d.dict), heads: d.heads === "true" } : null;
  var engine = new Engine(fetcher(meta.content), hint);
  api.early = { engine: engine, query: q, result: q.trim() ? engine.search(q, false) : null };
})();
