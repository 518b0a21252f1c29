// Tables held in memory, shared with worker threads: every typed array reachable from a loaded table object
// (its own fields, Maps, arrays, plain objects) is moved onto a SharedArrayBuffer, once, so that posting the
// object to a worker copies its strings and small maps but not its arrays (the worker's views read the same
// memory). The tables are read-only once loaded, so no thread ever writes them and no lock is needed.

type View =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/**
 * Moves the typed arrays reachable from `root` onto SharedArrayBuffers in place (the field that held an array
 * holds a view of the same type and length over shared memory afterwards); views that shared a buffer share
 * its copy. Returns the bytes now shared. Call it before the object is read by anything that may keep a
 * reference to an array (the old arrays are left to the collector).
 */
export function shareArrays(root: object): number {
  const buffers = new Map<ArrayBufferLike, SharedArrayBuffer>();
  const seen = new Set<object>();
  let bytes = 0;
  const moved = (view: View): View => {
    if (view.buffer instanceof SharedArrayBuffer) return view;
    let shared = buffers.get(view.buffer);
    if (!shared) {
      shared = new SharedArrayBuffer(view.buffer.byteLength);
      new Uint8Array(shared).set(new Uint8Array(view.buffer));
      buffers.set(view.buffer, shared);
      bytes += shared.byteLength;
    }
    const Ctor = view.constructor as new (b: ArrayBufferLike, offset: number, length: number) => View;
    return new Ctor(shared, view.byteOffset, view.length);
  };
  const isView = (v: unknown): v is View => ArrayBuffer.isView(v) && !(v instanceof DataView);
  const walk = (node: object) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node instanceof Map) {
      for (const [k, v] of node) {
        if (isView(v)) node.set(k, moved(v));
        else if (v && typeof v === "object") walk(v);
      }
      return;
    }
    if (node instanceof Set) return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (isView(v)) record[key] = moved(v);
      else if (v && typeof v === "object") walk(v);
    }
  };
  walk(root);
  return bytes;
}
