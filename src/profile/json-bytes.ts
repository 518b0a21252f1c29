// The profile's JSON answer as UTF-8 bytes, written piece by piece into one reused buffer: the very bytes of
// `new TextEncoder().encode(JSON.stringify(profileJson(profile, form)))` (test/profile/json-bytes.test.ts).
//
// Why in pieces: JSON.stringify of a whole profile (~150 k characters) builds its text as a rope of 16 k
// parts, which the UTF-8 conversion must first copy into one flat string — and with an en dash anywhere
// (the reasons' year ranges) every one of those characters takes two bytes. That is ~0.6 MB of the ~2 MB a
// profile answer allocated, all of it in V8's large-object space. Here each piece (a series, a run of
// provenance cells, each top-level member) is stringified alone — small, flat, one-byte unless that piece
// has a non-Latin-1 character — and encoded straight into the buffer; the separators between pieces are
// written as JSON.stringify writes them.

import { cellIndex, compactSeries, type ProvenanceForm, profileJson } from "./json.ts";
import type { Profile } from "./profile.ts";

const encoder = new TextEncoder();
/** Provenance cells per piece: ~64 cells are ~4 k characters, well under a rope's 16 k parts. */
const CELLS_PER_PIECE = 64;

/** Bytes written one piece after another into a buffer that grows, then taken out in a buffer of their own. */
class ByteSink {
  private buf = new Uint8Array(1 << 18);
  private at = 0;

  /** `text` as UTF-8 (JSON text: every character it holds is written as it is). */
  text(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2).
    const most = 3 * text.length;
    if (this.at + most > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < this.at + most) size *= 2;
      const bigger = new Uint8Array(size);
      bigger.set(this.buf.subarray(0, this.at));
      this.buf = bigger;
    }
    this.at += encoder.encodeInto(text, this.buf.subarray(this.at)).written;
  }

  /**
   * The bytes written, in a buffer of their own (transferable) — or, with `reuse`, a view of the sink's
   * buffer, valid until the next write — and an empty sink again.
   */
  take(reuse = false): Uint8Array {
    const out = reuse ? this.buf.subarray(0, this.at) : this.buf.slice(0, this.at);
    this.at = 0;
    return out;
  }
}

let sink: ByteSink | undefined;

/**
 * The profile's JSON answer as UTF-8 bytes, provenance by reference (or inline): exactly
 * `TextEncoder.encode(JSON.stringify(profileJson(profile, form)))`. With `reuse` the bytes may be a view of
 * this thread's buffer, valid until the next call (for bytes used at once, e.g. gzipped): no copy is made.
 */
export function profileBytes(
  profile: Profile,
  form: ProvenanceForm = "reference",
  options: { reuse?: boolean } = {},
): Uint8Array {
  // compactProfile's `{ ...profile, trade, provenance }` keeps each key's place: streamed here for every
  // profile buildProfile makes (its trade, no provenance or toJSON of its own); anything else the slow way.
  const own = (k: string) => Object.hasOwn(profile, k);
  if (form === "inline" || !own("trade") || own("provenance") || own("toJSON"))
    return encoder.encode(JSON.stringify(profileJson(profile, form)));
  if (!sink) sink = new ByteSink();
  const out = sink;
  const { of, datasets, cells } = cellIndex();
  const record = profile as unknown as Record<string, unknown>;
  let first = true;
  const member = (key: string) => {
    out.text(first ? `{${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
  };
  for (const key of Object.keys(record)) {
    if (key === "trade") {
      // `{ table, series }`, as compactProfile makes it.
      const { table, series } = profile.trade;
      member(key);
      const tableText = JSON.stringify(table);
      out.text(tableText === undefined ? `{"series":[` : `{"table":`);
      if (tableText !== undefined) {
        out.text(tableText);
        out.text(`,"series":[`);
      }
      for (let i = 0; i < series.length; i++) {
        if (i > 0) out.text(",");
        out.text(JSON.stringify(compactSeries(series[i], of)));
      }
      out.text("]}");
      continue;
    }
    const text = JSON.stringify(record[key]);
    if (text === undefined) continue; // undefined, a function: JSON leaves the member out
    member(key);
    out.text(text);
  }
  member("provenance");
  out.text(`{"datasets":`);
  out.text(JSON.stringify(datasets));
  out.text(`,"cells":[`);
  for (let i = 0; i < cells.length; i += CELLS_PER_PIECE) {
    if (i > 0) out.text(",");
    const piece = JSON.stringify(cells.slice(i, i + CELLS_PER_PIECE));
    out.text(piece.slice(1, -1));
  }
  out.text("]}}");
  return out.take(options.reuse);
}
