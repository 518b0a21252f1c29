// Publisher names and codes to registry codes, collecting every unknown one for a single report.
import { type Entity, registry } from "../countries/index.ts";
import { type IngestOptions, UnknownLabels, UnknownLabelsError } from "./types.ts";

export class LabelResolver {
  readonly unknown = new UnknownLabels();
  private readonly cache = new Map<string, Entity | null>();

  /** The entity a label names; undefined (and noted) when the registry does not know it. */
  resolve(label: string, where: string): Entity | undefined {
    const hit = this.peek(label);
    if (!hit) this.unknown.add(label, where);
    return hit;
  }

  /** The entity a label names, without noting a miss (for a first choice that has a fallback). */
  peek(label: string): Entity | undefined {
    let hit = this.cache.get(label);
    if (hit === undefined) {
      hit = registry.tryResolve(label) ?? null;
      this.cache.set(label, hit);
    }
    return hit ?? undefined;
  }

  /** Stops the ingest when names were unknown, unless the user asked to skip them. */
  finish(source: string, options: IngestOptions): { skippedUnknown: { label: string; where: string[] }[] } {
    if (this.unknown.size && !options.skipUnknown) throw new UnknownLabelsError(source, this.unknown.seen);
    return {
      skippedUnknown: this.unknown.list().map(({ label, where }) => ({ label, where: where.slice(0, 5) })),
    };
  }
}
