/* Tìm kiếm văn bản — the client's analyzer and queries, written into the search page before the
 * engine (search-engine.js): the twins of src/search/analyzer.rs (terms of a text) and
 * src/search/query.rs (a query's terms in slots, its phrases, what an unfinished last word stands
 * for), and the edit distance of suggestions (src/search/suggest.rs). In node it is a CommonJS
 * module; in the browser, window.BanhanhAnalyzer. */
(function () {
  "use strict";

  var FOLDED = 0, EXACT = 1, BIGRAM = 2, NUMBER = 3;
  var WORD = /[\p{L}\p{N}]+/gu;
  var NUM = /\p{N}+(?:[-/][\p{L}\p{N}]+)+/gu;
  var LETTER = /\p{L}/u;
  var WORD_END = /[\p{L}\p{N}]$/u;
  var BREAKS = /[.,;:!?()[\]{}"“”…\n]/;
  var QUOTED = /["“”]([^"“”]*)["“”]/g;

  /** Lowercase without diacritics, đ → d (text::fold). */
  function fold(s) {
    return s.normalize("NFD").replace(/[đĐ]/g, "d").replace(/\p{M}/gu, "").toLowerCase();
  }

  /** The kind of an indexed term, told from its text (TermKind::of). */
  function kindOf(t) {
    if (t.indexOf(" ") >= 0) return BIGRAM;
    if (/[-/]/.test(t)) return NUMBER;
    return /^[\x00-\x7f]*$/.test(t) || fold(t) === t ? FOLDED : EXACT;
  }

  /** Terms of a text, ordered by position, with their ranges (analyzer::analyze). */
  function analyze(text) {
    text = text.normalize("NFC");
    var terms = [], starts = [], prev = null, pos = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var w = m[0], exact = w.toLowerCase(), folded = fold(w), end = m.index + w.length;
      if (prev && !BREAKS.test(text.slice(prev.end, m.index))) {
        terms.push({ text: prev.folded + " " + folded, kind: BIGRAM, pos: pos - 1, from: prev.from, to: end });
      }
      terms.push({ text: folded, kind: FOLDED, pos: pos, from: m.index, to: end });
      if (exact !== folded) terms.push({ text: exact, kind: EXACT, pos: pos, from: m.index, to: end });
      starts.push(m.index);
      prev = { folded: folded, end: end, from: m.index };
      pos++;
    }
    NUM.lastIndex = 0;
    while ((m = NUM.exec(text))) {
      if (!LETTER.test(m[0])) continue;
      var p = 0;
      while (p < starts.length && starts[p] < m.index) p++;
      terms.push({ text: fold(m[0]), kind: NUMBER, pos: p, from: m.index, to: m.index + m[0].length });
    }
    return stable(terms, function (a, b) { return a.pos - b.pos; });
  }

  function stable(list, cmp) {
    return list.map(function (x, i) { return [x, i]; })
      .sort(function (a, b) { return cmp(a[0], b[0]) || a[1] - b[1]; })
      .map(function (x) { return x[0]; });
  }

  /** Strings in code point (= UTF-8 byte) order, as Rust compares them. */
  function cmpText(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x - y;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) - (b.length - j);
  }

  /** An analysed query: terms in slots, quoted phrases, words to mark (Query::parse). */
  function parse(q, typing) {
    q = q.normalize("NFC");
    var unfinished = !!typing && WORD_END.test(q);
    var open = function (t) { return unfinished && t.to === q.length && t.kind !== EXACT; };
    var out = { terms: [], slots: [], phrases: [], words: [] };
    stable(analyze(q), function (a, b) { return open(a) - open(b); }).forEach(function (t) {
      var o = open(t);
      if (!o && out.terms.some(function (x) { return x.text === t.text; })) return;
      if (!o && t.kind === FOLDED && out.words.indexOf(t.text) < 0) out.words.push(t.text);
      var slot = out.slots.length, prefix = null, sp = t.text.indexOf(" ");
      if (o) prefix = t.kind === BIGRAM && sp >= 0 ? { before: t.text.slice(0, sp), text: t.text.slice(sp + 1) } : { before: null, text: t.text };
      out.slots.push({ kind: t.kind, prefix: prefix });
      if (!o) out.terms.push({ text: t.text, kind: t.kind, slot: slot });
    });
    var m;
    QUOTED.lastIndex = 0;
    while ((m = QUOTED.exec(q))) {
      var words = analyze(m[1]).filter(function (t) { return t.kind === FOLDED; }).map(function (t) { return t.text; });
      if (words.length && !out.phrases.some(function (p) { return p.join(" ") === words.join(" "); })) out.phrases.push(words);
    }
    return out;
  }

  /** The words an unfinished prefix stands for (query::choose). */
  function choose(prefix, words, limit) {
    return words.filter(function (w) { return w[0].indexOf(prefix) === 0; }).sort(function (a, b) {
      return ((a[0] !== prefix) - (b[0] !== prefix)) || (b[1] - a[1]) || cmpText(a[0], b[0]);
    }).slice(0, limit).map(function (w) { return w[0]; });
  }

  /** Fills the unfinished word's slots (Query::expand); `words(prefix, kind)`: [word, weight]s. */
  function expand(q, limit, words) {
    var syllables = null;
    q.slots.forEach(function (s, slot) {
      if (!s.prefix) return;
      var chosen = s.kind === NUMBER ? choose(s.prefix.text, words(s.prefix.text, NUMBER), limit)
        : (syllables = syllables || choose(s.prefix.text, words(s.prefix.text, FOLDED), limit));
      chosen.forEach(function (w) {
        var text = s.prefix.before !== null ? s.prefix.before + " " + w : w;
        if (s.kind === FOLDED && q.words.indexOf(text) < 0) q.words.push(text);
        if (!q.terms.some(function (t) { return t.text === text; })) q.terms.push({ text: text, kind: s.kind, slot: slot });
      });
    });
  }

  /** FNV-1a of the UTF-8 bytes (export::fnv1a). */
  function fnv1a(s) {
    var b = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  /** Levenshtein distance between code point sequences (strsim::levenshtein). */
  function levenshtein(a, b) {
    a = Array.from(a); b = Array.from(b);
    var prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  }

  var api = {
    analyze: analyze, parse: parse, expand: expand, choose: choose, fold: fold, kindOf: kindOf, fnv1a: fnv1a,
    cmpText: cmpText, levenshtein: levenshtein, KINDS: { FOLDED: FOLDED, EXACT: EXACT, BIGRAM: BIGRAM, NUMBER: NUMBER },
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else window.BanhanhAnalyzer = api;
})();
