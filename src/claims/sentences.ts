// Stage 1: sentences and clauses. A quantity is read within its sentence; its own clause binds closest.
import type { Span } from "./types.ts";

const ABBREV =
  /(?:Mrd|Mio|Tsd|Bio|ca|bzw|vgl|Nr|Dr|Prof|St|z\.B|u\.a|d\.h|v\.a|etc|Jh|Mr|Mrs|Ms|Inc|Corp|No|approx|vs|U\.S|e\.g|i\.e)$/;

const MAX_SENTENCE = 1000;

const ORDINAL_NEXT =
  /^(?:Jahrestag|Jahrhundert|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Platz|Rang|Mal|Geburtstag|Weltkrieg|Parteitag|Sanktionspaket)/;

/** Sentence spans: a line break always ends one; . ! ? end one unless they close an abbreviation or an ordinal. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    while (s < end && /\s/.test(text[s])) s++;
    let e = end;
    while (e > s && /\s/.test(text[e - 1])) e--;
    // No sentence of news runs past MAX_SENTENCE characters; cutting longer runs (tables, garbage, text
    // without full stops) keeps the work per claim bounded and the whole scan linear.
    while (e - s > MAX_SENTENCE) {
      let cut = text.lastIndexOf(" ", s + MAX_SENTENCE);
      if (cut <= s + MAX_SENTENCE / 2) cut = s + MAX_SENTENCE;
      out.push({ start: s, end: cut });
      s = cut;
      while (s < e && /\s/.test(text[s])) s++;
    }
    if (e > s) out.push({ start: s, end: e });
  };
  const re = /\n|[.!?…]+["“”»«'’)]*(?=\s)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0] !== "\n") {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      if (m[0].startsWith(".") && ABBREV.test(before)) continue;
      // "des 80. Jahrestags", "am 9. Mai": a number before the dot and a fitting word after it is an ordinal.
      const next = /^\s+(\S+)/.exec(text.slice(end, end + 30));
      if (m[0] === "." && next) {
        if (/(?<![\d.,])\d{1,3}$/.test(before) && ORDINAL_NEXT.test(next[1])) continue;
        if (/^[a-zäöü]/.test(next[1])) continue;
      }
    }
    push(end);
    start = end;
  }
  push(text.length);
  return out;
}

export function clauses(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let s = span.start;
  const re = /, |; | – | — | - |: /g;
  const slice = text.slice(span.start, span.end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    out.push({ start: s, end: span.start + m.index });
    s = span.start + m.index + m[0].length;
  }
  out.push({ start: s, end: span.end });
  return out;
}

/**
 * Prose, not noise: most characters are letters and spaces, and there are words of several letters.
 * Random bytes, tables of figures and code hold digits that would otherwise be read as claims.
 */
export function isProse(text: string, span: Span): boolean {
  const s = text.slice(span.start, span.end);
  if (s.length < 12) return /\p{L}{3,}/u.test(s);
  const count = (re: RegExp) => s.match(re)?.length ?? 0;
  // Replacement characters and controls: decoded binary.
  const odd = count(/\uFFFD|(?![\t\n\r])\p{Cc}/gu);
  if (odd / s.length >= 0.02) return false;
  const letters = count(/\p{L}/gu);
  const spaces = count(/[ \u00A0]/g);
  const words = count(/\p{L}{2,}/gu);
  return (letters + spaces) / s.length > 0.7 && words >= 3 && spaces >= 2;
}
