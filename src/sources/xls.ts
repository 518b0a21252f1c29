// A small reader for Excel 97–2003 workbooks (.xls: BIFF8 records inside an OLE compound file), cell values
// only, for the publishers that still ship them (Joint Military Exercises v3). It reads the compound file's
// allocation table and directory, finds the "Workbook" stream, and walks its records: the shared strings
// (SST, continued over CONTINUE records), then each sheet's LABELSST, LABEL, NUMBER, RK, MULRK, BOOLERR and
// FORMULA (cached result) cells. Anything it cannot follow is a SourceError naming the file and what broke.
import { readFileSync } from "node:fs";
import { SourceError } from "./types.ts";
import type { Cell, Sheet } from "./xlsx.ts";

const SIGNATURE = "d0cf11e0a1b11ae1";
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

function fail(file: string, what: string): never {
  throw new SourceError(
    file,
    undefined,
    `not a readable Excel 97–2003 workbook (${what})`,
    "The file is truncated or not an .xls workbook; download it again from the publisher.",
  );
}

/** The bytes of the compound file's stream named `name` (case-insensitive). */
function compoundStream(buf: Buffer, file: string, names: string[]): Buffer {
  if (buf.length < 512 || buf.subarray(0, 8).toString("hex") !== SIGNATURE) fail(file, "no OLE signature");
  const sectorShift = buf.readUInt16LE(30);
  const miniShift = buf.readUInt16LE(32);
  if (sectorShift !== 9 && sectorShift !== 12) fail(file, `sector size 2^${sectorShift}`);
  const size = 1 << sectorShift;
  const sector = (n: number) => {
    const at = (n + 1) * size;
    if (at + size > buf.length) fail(file, `sector ${n} lies beyond the end of the file`);
    return buf.subarray(at, at + size);
  };
  // The allocation table's sectors: 109 listed in the header, more in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = buf.readUInt32LE(76 + 4 * i);
    if (s !== FREE && s !== END_OF_CHAIN) fatSectors.push(s);
  }
  let difat = buf.readUInt32LE(68);
  for (let guard = 0; difat !== END_OF_CHAIN && difat !== FREE; guard++) {
    if (guard > 1e5) fail(file, "a looping DIFAT chain");
    const d = sector(difat);
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = d.readUInt32LE(4 * i);
      if (s !== FREE && s !== END_OF_CHAIN) fatSectors.push(s);
    }
    difat = d.readUInt32LE(size - 4);
  }
  const fat: number[] = [];
  for (const s of fatSectors) {
    const d = sector(s);
    for (let i = 0; i < size / 4; i++) fat.push(d.readUInt32LE(4 * i));
  }
  const chain = (start: number, table: number[], read: (n: number) => Buffer): Buffer => {
    const parts: Buffer[] = [];
    const seen = new Set<number>();
    for (let n = start; n !== END_OF_CHAIN; n = table[n]) {
      if (n === undefined || n === FREE || n >= table.length || seen.has(n))
        fail(file, "a broken sector chain");
      seen.add(n);
      parts.push(read(n));
    }
    return Buffer.concat(parts);
  };
  const directory = chain(buf.readUInt32LE(48), fat, sector);
  const entries: { name: string; type: number; start: number; size: number }[] = [];
  for (let at = 0; at + 128 <= directory.length; at += 128) {
    const nameLength = directory.readUInt16LE(at + 64);
    const name = directory.subarray(at, at + Math.max(0, nameLength - 2)).toString("utf16le");
    entries.push({
      name,
      type: directory[at + 66],
      start: directory.readUInt32LE(at + 116),
      size: directory.readUInt32LE(at + 120),
    });
  }
  const root = entries.find((e) => e.type === 5);
  const wanted = entries.find((e) => e.type === 2 && names.includes(e.name.toLowerCase()));
  if (!root || !wanted) fail(file, `no ${names.join(" or ")} stream`);
  const cutoff = buf.readUInt32LE(56);
  if (wanted.size >= cutoff) return chain(wanted.start, fat, sector).subarray(0, wanted.size);
  // Small streams live in the mini stream, in 64-byte sectors with a table of their own.
  const miniFat: number[] = [];
  const miniFatBytes = chain(buf.readUInt32LE(60), fat, sector);
  for (let i = 0; i + 4 <= miniFatBytes.length; i += 4) miniFat.push(miniFatBytes.readUInt32LE(i));
  const mini = chain(root.start, fat, sector);
  const miniSize = 1 << miniShift;
  return chain(wanted.start, miniFat, (n) => mini.subarray(n * miniSize, (n + 1) * miniSize)).subarray(
    0,
    wanted.size,
  );
}

interface RecordRef {
  type: number;
  data: Buffer;
  offset: number;
}

function records(stream: Buffer, file: string): RecordRef[] {
  const out: RecordRef[] = [];
  for (let at = 0; at + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(at);
    const length = stream.readUInt16LE(at + 2);
    if (at + 4 + length > stream.length) fail(file, `record 0x${type.toString(16)} at byte ${at} is cut off`);
    out.push({ type, data: stream.subarray(at + 4, at + 4 + length), offset: at });
    at += 4 + length;
  }
  return out;
}

/** Reads across a record and its CONTINUE records, as the shared-string table needs. */
class Segments {
  private i = 0;
  private at = 0;
  constructor(
    private readonly parts: Buffer[],
    private readonly file: string,
  ) {}
  private ensure(): Buffer {
    while (this.i < this.parts.length && this.at >= this.parts[this.i].length) {
      this.i++;
      this.at = 0;
    }
    if (this.i >= this.parts.length) fail(this.file, "the shared-string table ends early");
    return this.parts[this.i];
  }
  /** True when the next read starts a CONTINUE record. */
  atBoundary(): boolean {
    return this.at >= (this.parts[this.i]?.length ?? 0);
  }
  u8(): number {
    return this.ensure()[this.at++];
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number): void {
    for (let k = 0; k < n; k++) this.u8();
  }
  /** cch characters, re-reading the high-byte flag where the string crosses into a CONTINUE record. */
  chars(cch: number, highByte: boolean): string {
    let s = "";
    let high = highByte;
    for (let k = 0; k < cch; k++) {
      if (this.atBoundary()) {
        this.ensure();
        high = (this.u8() & 1) === 1;
      }
      s += String.fromCharCode(high ? this.u16() : this.u8());
    }
    return s;
  }
}

function sharedStrings(parts: Buffer[], file: string): string[] {
  const r = new Segments(parts, file);
  r.skip(4);
  const unique = r.u32();
  const out: string[] = [];
  for (let k = 0; k < unique; k++) {
    const cch = r.u16();
    const flags = r.u8();
    const runs = flags & 8 ? r.u16() : 0;
    const ext = flags & 4 ? r.u32() : 0;
    out.push(r.chars(cch, (flags & 1) === 1));
    r.skip(4 * runs + ext);
  }
  return out;
}

/** XLUnicodeString inside one record: cch (u16 or u8), a flag byte, the characters. */
function unicodeString(data: Buffer, at: number, shortLength = false): string {
  const cch = shortLength ? data[at] : data.readUInt16LE(at);
  const p = at + (shortLength ? 1 : 2);
  const high = (data[p] & 1) === 1;
  const start = p + 1;
  return high
    ? data.subarray(start, start + 2 * cch).toString("utf16le")
    : data.subarray(start, start + cch).toString("latin1");
}

function rkValue(rk: number): number {
  let v: number;
  if (rk & 2) v = rk >> 2;
  else {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(0, 0);
    b.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4);
    v = b.readDoubleLE(0);
  }
  return rk & 1 ? v / 100 : v;
}

/** Every sheet (or the named ones) of an .xls workbook, as xlsx.ts gives them: rows[r][c], 1-based. */
export function readXls(file: string, only?: (name: string) => boolean): Sheet[] {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    throw new SourceError(file, undefined, `cannot read file (${(err as Error).message})`, "Check the path.");
  }
  const stream = compoundStream(buf, file, ["workbook", "book"]);
  const recs = records(stream, file);
  const byOffset = new Map(recs.map((r, i) => [r.offset, i]));
  const sheets: { name: string; offset: number }[] = [];
  let sst: string[] = [];
  for (let i = 0; i < recs.length; i++) {
    const r = recs[i];
    if (r.type === 0x000a) break;
    if (r.type === 0x0085)
      sheets.push({ name: unicodeString(r.data, 6, true), offset: r.data.readUInt32LE(0) });
    if (r.type === 0x00fc) {
      const parts = [r.data];
      for (let j = i + 1; j < recs.length && recs[j].type === 0x003c; j++) parts.push(recs[j].data);
      sst = sharedStrings(parts, file);
    }
  }
  const out: Sheet[] = [];
  for (const s of sheets) {
    if (only && !only(s.name)) continue;
    const start = byOffset.get(s.offset);
    if (start === undefined || recs[start].type !== 0x0809)
      fail(file, `sheet "${s.name}" has no start record`);
    const rows: Cell[][] = [];
    const put = (r: number, c: number, v: Cell) => {
      rows[r + 1] ??= [];
      rows[r + 1][c + 1] = v;
    };
    let pendingFormula: [number, number] | undefined;
    for (let i = start + 1; i < recs.length; i++) {
      const { type, data } = recs[i];
      if (type === 0x000a) break;
      if (type === 0x00fd) {
        const isst = data.readUInt32LE(6);
        if (isst >= sst.length) fail(file, `a cell of "${s.name}" points past the shared strings`);
        put(data.readUInt16LE(0), data.readUInt16LE(2), sst[isst]);
      } else if (type === 0x0203) put(data.readUInt16LE(0), data.readUInt16LE(2), data.readDoubleLE(6));
      else if (type === 0x027e)
        put(data.readUInt16LE(0), data.readUInt16LE(2), rkValue(data.readUInt32LE(6)));
      else if (type === 0x00bd) {
        const row = data.readUInt16LE(0);
        const first = data.readUInt16LE(2);
        const n = (data.length - 6) / 6;
        for (let k = 0; k < n; k++) put(row, first + k, rkValue(data.readUInt32LE(4 + 6 * k + 2)));
      } else if (type === 0x0204) put(data.readUInt16LE(0), data.readUInt16LE(2), unicodeString(data, 6));
      else if (type === 0x0205) {
        if (data[7] === 0) put(data.readUInt16LE(0), data.readUInt16LE(2), data[6]);
      } else if (type === 0x0006) {
        const row = data.readUInt16LE(0);
        const col = data.readUInt16LE(2);
        if (data.readUInt16LE(12) !== 0xffff) put(row, col, data.readDoubleLE(6));
        else if (data[6] === 0) pendingFormula = [row, col];
        else if (data[6] === 1) put(row, col, data[8]);
      } else if (type === 0x0207 && pendingFormula) {
        put(pendingFormula[0], pendingFormula[1], unicodeString(data, 0));
        pendingFormula = undefined;
      }
    }
    out.push({ name: s.name, rows });
  }
  return out;
}
