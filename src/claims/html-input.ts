// HTML articles: the text is read with every tag blanked out character for character, so each offset in
// the plain text is the same offset in the HTML source as given. Block-level tags end a sentence.

const BLOCK =
  /^(?:p|div|h[1-6]|li|ul|ol|br|tr|td|th|table|section|article|header|footer|blockquote|title|figcaption|aside|main|nav|hr)$/i;
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00A0",
  thinsp: "\u2009",
  ndash: "–",
  mdash: "—",
  euro: "€",
  pound: "£",
  yen: "¥",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  Auml: "Ä",
  Ouml: "Ö",
  Uuml: "Ü",
  szlig: "ß",
  laquo: "«",
  raquo: "»",
  bdquo: "„",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  hellip: "…",
  shy: "",
};

/** True when the input looks like an HTML document or fragment rather than plain text. */
export function looksLikeHtml(input: string): boolean {
  return /<(?:!doctype|html|body|p|div|article|h[1-6]|span|br)\b[^>]*>/i.test(input.slice(0, 5000));
}

/**
 * Plain text of the same length as the HTML: tags, comments, scripts and styles become spaces (a line
 * break for block tags), an entity becomes its character followed by spaces. Offsets carry over unchanged.
 */
export function htmlToAlignedText(html: string): string {
  const out: string[] = [];
  let i = 0;
  const n = html.length;
  const blank = (s: string, newline: boolean) =>
    newline ? `\n${" ".repeat(Math.max(0, s.length - 1))}` : " ".repeat(s.length);
  while (i < n) {
    const c = html[i];
    if (c === "<") {
      if (html.startsWith("<!--", i)) {
        const e = html.indexOf("-->", i + 4);
        const end = e < 0 ? n : e + 3;
        out.push(blank(html.slice(i, end), false));
        i = end;
        continue;
      }
      const close = html.indexOf(">", i + 1);
      if (close < 0) {
        out.push(html.slice(i));
        break;
      }
      const tag = html.slice(i, close + 1);
      const name = /^<\/?\s*([a-zA-Z][a-zA-Z0-9]*)/.exec(tag)?.[1] ?? "";
      if (!name && !/^<[!?]/.test(tag)) {
        // A bare "<" in text ("a < b").
        out.push(c);
        i++;
        continue;
      }
      if (/^(?:script|style|noscript|template)$/i.test(name) && !tag.startsWith("</")) {
        const endTag = new RegExp(`</\\s*${name}\\s*>`, "i");
        const rest = html.slice(close + 1);
        const m = endTag.exec(rest);
        const end = m ? close + 1 + m.index + m[0].length : n;
        out.push(blank(html.slice(i, end), true));
        i = end;
        continue;
      }
      out.push(blank(tag, BLOCK.test(name)));
      i = close + 1;
      continue;
    }
    if (c === "&") {
      const m = /^&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/.exec(html.slice(i, i + 12));
      if (m) {
        const body = m[1];
        let ch: string | undefined;
        if (body.startsWith("#x")) ch = safeCodePoint(Number.parseInt(body.slice(2), 16));
        else if (body.startsWith("#")) ch = safeCodePoint(Number.parseInt(body.slice(1), 10));
        else ch = ENTITIES[body];
        if (ch !== undefined && ch.length <= m[0].length) {
          out.push(ch + " ".repeat(m[0].length - ch.length));
          i += m[0].length;
          continue;
        }
      }
    }
    out.push(c);
    i++;
  }
  return out.join("");
}

function safeCodePoint(cp: number): string | undefined {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}
