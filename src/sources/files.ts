// A source's input: one file, or every matching file of a folder, in name order.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { SourceError } from "./types.ts";

/** `kind` names the files for messages ("IMF DOTS workbooks (.xlsx)"); `hint` says what to give instead. */
export async function listInputFiles(
  path: string,
  pattern: RegExp,
  kind: string,
  hint: string,
): Promise<string[]> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch {
    throw new SourceError(path, undefined, "no such file or folder", hint);
  }
  if (isFile) return [path];
  const files = (await readdir(path)).filter((f) => pattern.test(f)).sort();
  if (!files.length) throw new SourceError(path, undefined, `no ${kind} in this folder`, hint);
  return files.map((f) => join(path, f));
}
