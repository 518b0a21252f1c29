// A minimal streaming zip writer (deflate, data descriptors, Zip64 when an archive passes 4 GiB), so the
// benchmark can write a BACI-sized archive and tests can make fixtures without another dependency.

import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { crc32, createDeflateRaw } from "node:zlib";

interface CentralRecord {
  name: Buffer;
  crc: number;
  compressed: number;
  uncompressed: number;
  offset: number;
  method: number;
}

const U32 = 0xffffffff;
// A fixed timestamp (2026-01-01 00:00) keeps archives byte-for-byte reproducible.
const DOS_DATE_TIME = (((2026 - 1980) << 9) | (1 << 5) | 1) * 0x10000;

export class ZipWriter {
  private readonly out: WriteStream;
  private offset = 0;
  private readonly records: CentralRecord[] = [];

  constructor(
    readonly path: string,
    private readonly level = 6,
  ) {
    this.out = createWriteStream(path);
  }

  private async write(buf: Buffer): Promise<void> {
    this.offset += buf.length;
    if (!this.out.write(buf)) await once(this.out, "drain");
  }

  /** Adds one entry whose content arrives in chunks; only one chunk is held at a time. */
  async addEntry(
    name: string,
    chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  ): Promise<void> {
    const nameBuf = Buffer.from(name, "utf8");
    const offset = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(DOS_DATE_TIME, 10);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(0, 18);
    local.writeUInt32LE(0, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    await this.write(local);
    await this.write(nameBuf);

    const deflate = createDeflateRaw({ level: this.level });
    let crc = 0;
    let uncompressed = 0;
    let compressed = 0;
    const pump = (async () => {
      for await (const chunk of deflate) {
        compressed += (chunk as Buffer).length;
        await this.write(chunk as Buffer);
      }
    })();
    for await (const part of chunks) {
      const buf = typeof part === "string" ? Buffer.from(part, "utf8") : part;
      crc = crc32(buf, crc);
      uncompressed += buf.length;
      if (!deflate.write(buf)) await once(deflate, "drain");
    }
    deflate.end();
    await pump;

    const zip64 = compressed >= U32 || uncompressed >= U32;
    const desc = Buffer.alloc(zip64 ? 24 : 16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc >>> 0, 4);
    if (zip64) {
      desc.writeBigUInt64LE(BigInt(compressed), 8);
      desc.writeBigUInt64LE(BigInt(uncompressed), 16);
    } else {
      desc.writeUInt32LE(compressed, 8);
      desc.writeUInt32LE(uncompressed, 12);
    }
    await this.write(desc);
    this.records.push({ name: nameBuf, crc: crc >>> 0, compressed, uncompressed, offset, method: 8 });
  }

  async close(): Promise<void> {
    const cdStart = this.offset;
    for (const r of this.records) {
      const big = r.compressed >= U32 || r.uncompressed >= U32 || r.offset >= U32;
      const extra = big ? Buffer.alloc(4 + 24) : Buffer.alloc(0);
      if (big) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(24, 2);
        extra.writeBigUInt64LE(BigInt(r.uncompressed), 4);
        extra.writeBigUInt64LE(BigInt(r.compressed), 12);
        extra.writeBigUInt64LE(BigInt(r.offset), 20);
      }
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(45, 4);
      h.writeUInt16LE(45, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(r.method, 10);
      h.writeUInt32LE(DOS_DATE_TIME, 12);
      h.writeUInt32LE(r.crc, 16);
      h.writeUInt32LE(big ? U32 : r.compressed, 20);
      h.writeUInt32LE(big ? U32 : r.uncompressed, 24);
      h.writeUInt16LE(r.name.length, 28);
      h.writeUInt16LE(extra.length, 30);
      h.writeUInt32LE(big ? U32 : r.offset, 42);
      await this.write(h);
      await this.write(r.name);
      if (big) await this.write(extra);
    }
    const cdSize = this.offset - cdStart;
    const needs64 = cdStart >= U32 || this.records.length >= 0xffff;
    if (needs64) {
      const eocd64At = this.offset;
      const e = Buffer.alloc(56);
      e.writeUInt32LE(0x06064b50, 0);
      e.writeBigUInt64LE(44n, 4);
      e.writeUInt16LE(45, 12);
      e.writeUInt16LE(45, 14);
      e.writeBigUInt64LE(BigInt(this.records.length), 24);
      e.writeBigUInt64LE(BigInt(this.records.length), 32);
      e.writeBigUInt64LE(BigInt(cdSize), 40);
      e.writeBigUInt64LE(BigInt(cdStart), 48);
      await this.write(e);
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(0x07064b50, 0);
      loc.writeBigUInt64LE(BigInt(eocd64At), 8);
      loc.writeUInt32LE(1, 16);
      await this.write(loc);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(this.records.length, 0xffff), 8);
    end.writeUInt16LE(Math.min(this.records.length, 0xffff), 10);
    end.writeUInt32LE(needs64 ? U32 : cdSize, 12);
    end.writeUInt32LE(needs64 ? U32 : cdStart, 16);
    await this.write(end);
    this.out.end();
    await once(this.out, "finish");
  }
}
