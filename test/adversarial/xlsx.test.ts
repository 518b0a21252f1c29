// The xlsx reader against hostile workbooks (issue 16, item 9): before, a 630 KB workbook with a 600 MB sheet
// took 1.47 GB and failed with "Cannot create a string longer than …" naming no file, and unclosed <row>
// elements made it quadratic. Each workbook here is written by the test, raw XML in a zip.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ZipWriter } from "../../src/sources/baci/zip-writer.ts";
import { SourceError } from "../../src/sources/types.ts";
import { MAX_PART_BYTES, readWorkbook } from "../../src/sources/xlsx.ts";
import { tempDir } from "./mutate.ts";

const WORKBOOK = `<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="Exports" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`;

async function workbook(sheet: Iterable<string>): Promise<string> {
  const path = join(tempDir("dyad-xlsx-"), "hostile.xlsx");
  const zip = new ZipWriter(path);
  await zip.addEntry("xl/workbook.xml", [WORKBOOK]);
  await zip.addEntry("xl/_rels/workbook.xml.rels", [RELS]);
  await zip.addEntry("xl/worksheets/sheet1.xml", sheet);
  await zip.close();
  return path;
}

const HEAD = `<?xml version="1.0"?><worksheet><sheetData>`;
const TAIL = `</sheetData></worksheet>`;

async function refused(path: string, expected: RegExp): Promise<void> {
  await assert.rejects(readWorkbook(path), (err: Error) => {
    assert.ok(err instanceof SourceError, `${err.name}: ${err.message}`);
    assert.match(err.message, /hostile\.xlsx/);
    assert.match(err.message, expected);
    return true;
  });
}

test("a well-formed sheet is read cell by cell", async () => {
  const path = await workbook([
    HEAD,
    `<row r="1"><c r="A1" t="inlineStr"><is><t>World</t></is></c><c r="B1"><v>12.5</v></c></row>`,
    `<row r="3"/>`,
    `<row r="4" spans="1:2"><c r="B4"><v>-3</v></c></row>`,
    TAIL,
  ]);
  const [sheet] = await readWorkbook(path);
  assert.equal(sheet.name, "Exports");
  assert.deepEqual(sheet.rows[1]?.slice(1), ["World", 12.5]);
  assert.deepEqual(sheet.rows[3], []);
  assert.equal(sheet.rows[4]?.[2], -3);
});

test("a sheet that unpacks far beyond its compressed size (a zip bomb) is refused before it is read, naming the file", async () => {
  const block = `<row r="1"><c r="A1"><v>1</v></c></row>`.repeat(2 ** 14);
  const path = await workbook(
    (function* () {
      yield HEAD;
      for (let i = 0; i < 128; i++) yield block;
      yield TAIL;
    })(),
  );
  await refused(path, /xl\/worksheets\/sheet1\.xml: the workbook part unpacks to [\d,]+ bytes from [\d,]+/);
});

test(`a sheet larger than the size cap (${MAX_PART_BYTES / 2 ** 20} MiB; 4 MiB here) is refused naming the file, not "Cannot create a string longer than"`, async () => {
  // Rows of distinct numbers compress poorly enough to pass the ratio check; the size cap stops them.
  const chunk = Array.from(
    { length: 4096 },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${Math.sin(i)}</v></c></row>`,
  ).join("");
  const path = await workbook(
    (function* () {
      yield HEAD;
      for (let i = 0; i < Math.ceil((4 * 2 ** 20 + 1) / chunk.length); i++) yield chunk;
      yield TAIL;
    })(),
  );
  await assert.rejects(
    readWorkbook(path, undefined, 4 * 2 ** 20),
    /hostile\.xlsx:xl\/worksheets\/sheet1\.xml: the workbook part unpacks to [\d,]+ bytes .*at most 4 MiB/,
  );
});

test("64k unclosed <row> elements are an error at the first one, not a quadratic scan", async () => {
  const unclosed = Array.from(
    { length: 65_536 },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${Math.sin(i)}</v></c>`,
  );
  const path = await workbook([HEAD, unclosed.join(""), TAIL]);
  await refused(path, /a <row> element opens again before it is closed/);
});

test("a number cell holding NaN or 1e400 is refused naming the file and cell", async () => {
  for (const bad of ["NaN", "1e400", "0x1F"]) {
    const path = await workbook([HEAD, `<row r="7"><c r="C7"><v>${bad}</v></c></row>`, TAIL]);
    await refused(
      path,
      new RegExp(`hostile\\.xlsx:Exports!C7: the number cell holds "${bad}", not a finite number`),
    );
  }
});

test("a sheet cut off inside a row, or after its last row, is refused as truncated", async () => {
  await refused(
    await workbook([HEAD, `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2">`]),
    /cut off/,
  );
  await refused(await workbook([HEAD, `<row r="1"><c r="A1"><v>1</v></c></row>`]), /sheet XML is cut off/);
});

test("a cell beyond Excel's last column is refused instead of making a sparse array of any size", async () => {
  const path = await workbook([HEAD, `<row r="1"><c r="ZZZZZ1"><v>1</v></c></row>`, TAIL]);
  await refused(path, /cell ZZZZZ1 lies beyond Excel's last column/);
});

test("a missing file is named", async () => {
  await assert.rejects(readWorkbook(join(tempDir(), "hostile.xlsx")), /hostile\.xlsx: cannot read file/);
});
