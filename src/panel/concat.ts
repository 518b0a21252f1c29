// A file written in parts side by side and joined into one. DuckDB writes a Parquet or CSV file on one thread
// when its rows come from JavaScript (src/store/chunks.ts), so the panel writes consecutive ranges of its rows
// to part files on separate connections at once, one core each, and joins them here in order.
//
// CSV parts (the header in the first only) join by appending bytes. A Parquet file is "PAR1", the row
// groups' pages (and after them any bloom filters or page indexes), the footer — a Thrift struct in the compact
// protocol, FileMetaData of the Parquet format — its length (4 bytes, little-endian) and "PAR1" again. Joined,
// the parts' pages follow one another unchanged, and one footer lists every part's row groups, each byte
// offset in a later part's row groups moved by where its pages now start. The cells and their order are the
// parts' in turn; only the row groups' boundaries differ from a file DuckDB wrote in one go.
import { closeSync, openSync, readSync, renameSync, statSync, truncateSync, writeSync } from "node:fs";

const MAGIC = "PAR1";

// Thrift compact protocol: the field and element types.
const TRUE = 1;
const FALSE = 2;
const BYTE = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const SET = 10;
const MAP = 11;
const STRUCT = 12;

type ThriftValue = boolean | number | bigint | Uint8Array | ThriftList | ThriftMap | ThriftStruct;
/** A struct as read: its fields in the order written, each kept with its compact type. */
export interface ThriftStruct {
  fields: { id: number; type: number; value: ThriftValue }[];
}
interface ThriftList {
  elementType: number;
  items: ThriftValue[];
}
interface ThriftMap {
  keyType: number;
  valueType: number;
  entries: [ThriftValue, ThriftValue][];
}

class Reader {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.at >= this.bytes.length) throw new Error("the Parquet footer ends in the middle of a value");
    return this.bytes[this.at++];
  }

  varint(): bigint {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const b = this.byte();
      value |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return value;
    }
  }

  zigzag(): bigint {
    const n = this.varint();
    return (n >> 1n) ^ -(n & 1n);
  }

  take(length: number): Uint8Array {
    if (this.at + length > this.bytes.length)
      throw new Error("the Parquet footer ends in the middle of a value");
    const out = this.bytes.slice(this.at, this.at + length);
    this.at += length;
    return out;
  }

  value(type: number, inCollection: boolean): ThriftValue {
    switch (type) {
      case TRUE:
      case FALSE:
        // In a struct the field header carries a boolean; in a list or map it is a byte of its own.
        return inCollection ? this.byte() : type === TRUE;
      case BYTE:
        return this.byte();
      case I16:
      case I32:
      case I64:
        return this.zigzag();
      case DOUBLE:
        return this.take(8);
      case BINARY:
        return this.take(Number(this.varint()));
      case LIST:
      case SET: {
        const header = this.byte();
        const size = header >> 4 === 15 ? Number(this.varint()) : header >> 4;
        const elementType = header & 0x0f;
        const items: ThriftValue[] = [];
        for (let i = 0; i < size; i++) items.push(this.value(elementType, true));
        return { elementType, items };
      }
      case MAP: {
        const size = Number(this.varint());
        const types = size ? this.byte() : 0;
        const keyType = types >> 4;
        const valueType = types & 0x0f;
        const entries: [ThriftValue, ThriftValue][] = [];
        for (let i = 0; i < size; i++) entries.push([this.value(keyType, true), this.value(valueType, true)]);
        return { keyType, valueType, entries };
      }
      case STRUCT:
        return this.struct();
      default:
        throw new Error(`the Parquet footer holds a value of unknown compact type ${type}`);
    }
  }

  struct(): ThriftStruct {
    const fields: ThriftStruct["fields"] = [];
    let last = 0;
    for (;;) {
      const header = this.byte();
      if (header === 0) return { fields };
      const type = header & 0x0f;
      const id = header >> 4 ? last + (header >> 4) : Number(this.zigzag());
      fields.push({ id, type, value: this.value(type, false) });
      last = id;
    }
  }
}

class Writer {
  private bytes = new Uint8Array(1 << 16);
  length = 0;

  byte(b: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = b;
  }

  varint(n: bigint): void {
    let v = n;
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  zigzag(n: bigint): void {
    this.varint(n >= 0n ? n << 1n : (-n << 1n) - 1n);
  }

  put(bytes: Uint8Array): void {
    for (const b of bytes) this.byte(b);
  }

  value(type: number, value: ThriftValue): void {
    switch (type) {
      case TRUE:
      case FALSE:
        // Only inside a list or map (a struct's boolean is in its field header): the byte as read.
        this.byte(value as number);
        return;
      case BYTE:
        this.byte(value as number);
        return;
      case I16:
      case I32:
      case I64:
        this.zigzag(value as bigint);
        return;
      case DOUBLE:
        this.put(value as Uint8Array);
        return;
      case BINARY: {
        const bytes = value as Uint8Array;
        this.varint(BigInt(bytes.length));
        this.put(bytes);
        return;
      }
      case LIST:
      case SET: {
        const { elementType, items } = value as ThriftList;
        if (items.length < 15) this.byte((items.length << 4) | elementType);
        else {
          this.byte(0xf0 | elementType);
          this.varint(BigInt(items.length));
        }
        for (const item of items) this.value(elementType, item);
        return;
      }
      case MAP: {
        const { keyType, valueType, entries } = value as ThriftMap;
        this.varint(BigInt(entries.length));
        if (entries.length) this.byte((keyType << 4) | valueType);
        for (const [k, v] of entries) {
          this.value(keyType, k);
          this.value(valueType, v);
        }
        return;
      }
      case STRUCT:
        this.struct(value as ThriftStruct);
        return;
      default:
        throw new Error(`cannot write a value of unknown compact type ${type}`);
    }
  }

  struct(struct: ThriftStruct): void {
    let last = 0;
    for (const { id, type, value } of struct.fields) {
      const t = type === TRUE || type === FALSE ? (value ? TRUE : FALSE) : type;
      if (id > last && id - last <= 15) this.byte(((id - last) << 4) | t);
      else {
        this.byte(t);
        this.zigzag(BigInt(id));
      }
      if (t !== TRUE && t !== FALSE) this.value(type, value);
      last = id;
    }
    this.byte(0);
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export function decodeThrift(bytes: Uint8Array): ThriftStruct {
  const reader = new Reader(bytes);
  const struct = reader.struct();
  if (reader.at !== bytes.length) throw new Error("the Parquet footer holds bytes after its struct");
  return struct;
}

export function encodeThrift(struct: ThriftStruct): Uint8Array {
  const writer = new Writer();
  writer.struct(struct);
  return writer.result();
}

function field(struct: ThriftStruct, id: number): ThriftStruct["fields"][number] | undefined {
  return struct.fields.find((f) => f.id === id);
}

// Field ids of the Parquet format (parquet.thrift) that the join reads or changes.
const FILE_NUM_ROWS = 3; // FileMetaData.num_rows: i64
const FILE_SCHEMA = 2; // FileMetaData.schema: list<SchemaElement>
const FILE_ROW_GROUPS = 4; // FileMetaData.row_groups: list<RowGroup>
const GROUP_COLUMNS = 1; // RowGroup.columns: list<ColumnChunk>
const GROUP_FILE_OFFSET = 5; // RowGroup.file_offset: i64
const GROUP_ORDINAL = 7; // RowGroup.ordinal: i16
const CHUNK_FILE_OFFSET = 2; // ColumnChunk.file_offset: i64
const CHUNK_META = 3; // ColumnChunk.meta_data: ColumnMetaData
const CHUNK_OFFSET_INDEX = 4; // ColumnChunk.offset_index_offset: i64
const CHUNK_COLUMN_INDEX = 6; // ColumnChunk.column_index_offset: i64
// ColumnMetaData: data_page_offset, index_page_offset, dictionary_page_offset, bloom_filter_offset (all i64).
const META_OFFSETS = [9, 10, 11, 14];

/** Moves the byte offsets of a row group (its own and its column chunks') by `shift`; 0 means "none" and stays. */
function moveRowGroup(group: ThriftStruct, shift: bigint): void {
  const move = (struct: ThriftStruct, ids: number[]) => {
    for (const f of struct.fields)
      if (ids.includes(f.id) && f.type === I64 && (f.value as bigint) > 0n)
        f.value = (f.value as bigint) + shift;
  };
  move(group, [GROUP_FILE_OFFSET]);
  const columns = field(group, GROUP_COLUMNS)?.value as ThriftList | undefined;
  for (const chunk of (columns?.items ?? []) as ThriftStruct[]) {
    move(chunk, [CHUNK_FILE_OFFSET, CHUNK_OFFSET_INDEX, CHUNK_COLUMN_INDEX]);
    const meta = field(chunk, CHUNK_META)?.value as ThriftStruct | undefined;
    if (meta) move(meta, META_OFFSETS);
  }
}

/** Where a Parquet file's footer starts, and the footer. */
function readFooter(path: string): { start: number; footer: ThriftStruct } {
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  try {
    const tail = Buffer.alloc(8);
    const head = Buffer.alloc(4);
    if (size < 12 || readSync(fd, head, 0, 4, 0) !== 4 || readSync(fd, tail, 0, 8, size - 8) !== 8)
      throw new Error(`${path} is too short to be a Parquet file`);
    const length = tail.readUInt32LE(0);
    if (head.toString("latin1") !== MAGIC || tail.toString("latin1", 4) !== MAGIC || length > size - 12)
      throw new Error(`${path} is not a Parquet file (no PAR1 at its ends)`);
    const start = size - 8 - length;
    const bytes = Buffer.alloc(length);
    readSync(fd, bytes, 0, length, start);
    return { start, footer: decodeThrift(bytes) };
  } finally {
    closeSync(fd);
  }
}

/** Appends bytes [from, to) of file `source` to the open file `fd`. */
function appendRange(fd: number, source: string, from: number, to: number): void {
  const input = openSync(source, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 22);
    for (let at = from; at < to; ) {
      const read = readSync(input, buffer, 0, Math.min(buffer.length, to - at), at);
      if (read <= 0) throw new Error(`${source} ended before byte ${to}`);
      writeSync(fd, buffer, 0, read);
      at += read;
    }
  } finally {
    closeSync(input);
  }
}

/**
 * Joins Parquet files of the same schema, written one after another's rows, into `out` (the parts are
 * consumed: the first becomes `out`, so parts and `out` must be on one file system).
 */
export function concatParquet(parts: string[], out: string): void {
  const footers = parts.map(readFooter);
  const [first] = footers;
  const schema = encodeThrift({ fields: [field(first.footer, FILE_SCHEMA) ?? { id: 0, type: 0, value: 0 }] });
  const groups: ThriftStruct[] = [];
  let rows = 0n;
  let end = first.start;
  const bodies: { part: string; start: number }[] = [];
  footers.forEach(({ start, footer }, i) => {
    const own = encodeThrift({ fields: [field(footer, FILE_SCHEMA) ?? { id: 0, type: 0, value: 0 }] });
    if (Buffer.compare(own, schema) !== 0)
      throw new Error(`${parts[i]} has another schema than ${parts[0]}: the parts cannot be joined`);
    rows += (field(footer, FILE_NUM_ROWS)?.value as bigint | undefined) ?? 0n;
    // A later part's pages (after its "PAR1") go where the file so far ends.
    const shift = i === 0 ? 0n : BigInt(end - 4);
    for (const group of ((field(footer, FILE_ROW_GROUPS)?.value as ThriftList | undefined)?.items ??
      []) as ThriftStruct[]) {
      moveRowGroup(group, shift);
      const ordinal = field(group, GROUP_ORDINAL);
      if (ordinal) ordinal.value = BigInt(groups.length);
      groups.push(group);
    }
    if (i > 0) {
      bodies.push({ part: parts[i], start });
      end += start - 4;
    }
  });
  const joined: ThriftStruct = {
    fields: first.footer.fields.map((f) =>
      f.id === FILE_NUM_ROWS
        ? { ...f, value: rows }
        : f.id === FILE_ROW_GROUPS
          ? { ...f, value: { elementType: STRUCT, items: groups } }
          : f,
    ),
  };
  const footer = encodeThrift(joined);
  renameSync(parts[0], out);
  truncateSync(out, first.start);
  const fd = openSync(out, "a");
  try {
    for (const { part, start } of bodies) appendRange(fd, part, 4, start);
    writeSync(fd, footer);
    const tail = Buffer.alloc(8);
    tail.writeUInt32LE(footer.length, 0);
    tail.write(MAGIC, 4, "latin1");
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}

/** Joins CSV parts (the header in the first only) into `out`; the first part becomes `out`. */
export function concatCsv(parts: string[], out: string): void {
  renameSync(parts[0], out);
  const fd = openSync(out, "a");
  try {
    for (const part of parts.slice(1)) appendRange(fd, part, 0, statSync(part).size);
  } finally {
    closeSync(fd);
  }
}
