// A product group a user defines in a file of HS codes, and `--product` resolved in full: a named group or
// an HS code (src/products/groups.ts), else `<data home>/products/<name>.txt`, else a file by its path.
// Reading the file is here, in the source layer, so no indicator touches the file system for it.
import { existsSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { HS_CODE, type ProductGroup, ProductSpecError, productFromSpec } from "../products/groups.ts";
import { dataHome } from "../store/index.ts";

/**
 * Reads a user-defined group: one HS code per line (2, 4 or 6 digits), anything after the code, `#` or a
 * comma is a comment. The group's name is the file's name without its extension.
 */
export function readGroupFile(path: string): ProductGroup {
  const text = readFileSync(path, "utf8");
  const codes: string[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) return;
    const code = line.split(/[\s,;\t]+/)[0].replace(/\./g, "");
    if (!HS_CODE.test(code)) {
      throw new Error(
        `${path}:${idx + 1}: "${code}" is not an HS code of 2, 4 or 6 digits. Write one code per line; a leading zero counts (0101, not 101).`,
      );
    }
    codes.push(code);
  });
  if (!codes.length) throw new Error(`${path}: no HS codes. Write one HS code (2, 4 or 6 digits) per line.`);
  const name = basename(path, extname(path));
  return {
    name,
    en: `${name} (${codes.length} HS codes)`,
    de: `${name} (${codes.length} HS-Codes)`,
    codes,
    file: path,
  };
}

/** Folder of user-defined groups in the data home: `<home>/products/<name>.txt` answers `--product <name>`. */
export function userGroupsDir(home = dataHome()): string {
  return join(home, "products");
}

/** Resolves `--product`: a named group or alias, an HS code, codes joined by "+", or a file of HS codes. */
export function resolveProduct(spec: string, home?: string): ProductGroup {
  const fromSpec = productFromSpec(spec);
  if (fromSpec) return fromSpec;
  const s = spec.trim();
  const inHome = join(userGroupsDir(home), `${s}.txt`);
  if (/^[\w-]+$/.test(s) && existsSync(inHome)) return readGroupFile(inHome);
  if (existsSync(s)) return readGroupFile(s);
  if (/^\d+$/.test(s)) throw new ProductSpecError(spec, `an HS code has 2, 4 or 6 digits, not ${s.length}`);
  throw new ProductSpecError(spec, "not a named group, HS code or file");
}
