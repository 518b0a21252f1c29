// Reads a single cell of an IMF DOTS workbook by partner label and year, straight from the sheet: the
// expected figures of the trade tests come from here, not from the store under test.
import { resolve } from "node:path";
import { readWorkbook } from "../../src/sources/xlsx.ts";
import { SOURCES_DIR } from "./real-store.ts";

export async function dotsCell(
  file: string,
  sheetPrefix: "Exports" | "Imports",
  partner: string,
  year: number,
) {
  const [sheet] = await readWorkbook(resolve(SOURCES_DIR, "imf-dots", file), (n) =>
    n.startsWith(sheetPrefix),
  );
  const header = sheet.rows[7];
  const col = header.indexOf(String(year));
  const row = sheet.rows.findIndex((r) => r?.[2] === partner);
  if (col < 0 || row < 0) throw new Error(`${file} ${sheetPrefix}: no cell for ${partner} ${year}`);
  const cell = sheet.rows[row][col];
  const reporter = sheet.rows[4][2];
  // Millions of US dollars in the workbook; estimates are text such as "1.23 e".
  const millions = typeof cell === "number" ? cell : Number(String(cell).replace(/[, e]/g, ""));
  return { reporter, usd: millions * 1e6, row, col };
}
