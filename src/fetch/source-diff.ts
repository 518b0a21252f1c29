// Where the sources disagree: the same flow (reporter, partner, year, direction, as the reporter reports
// it) given by two or more datasets with different values. All stay in the store; the lowest priority
// answers, and this list shows what the others say.
import type { Store } from "../store/index.ts";

export interface SourceValue {
  dataset: string;
  source: string;
  priority: number;
  value_usd: number;
  estimate: boolean;
  retrieved: string | null;
}

export interface FlowDisagreement {
  reporter: string;
  partner: string;
  year: number;
  flow: string;
  /** Lowest priority first: the first answers. */
  values: SourceValue[];
  /** (max − min) / min over the datasets' values. */
  relativeSpread: number;
}

export interface DiffOptions {
  from?: number;
  to?: number;
  /** Smallest relative spread listed; 0 lists every flow given by more than one dataset. */
  threshold?: number;
}

/** Flows between a and b (both directions) on which datasets disagree by more than the threshold. */
export async function diffSources(
  store: Store,
  a: string,
  b: string,
  options: DiffOptions = {},
): Promise<FlowDisagreement[]> {
  if (!(await store.hasTable("trade_flows"))) return [];
  const threshold = options.threshold ?? 0.005;
  const rows = await store.query<
    SourceValue & Pick<FlowDisagreement, "reporter" | "partner" | "year" | "flow">
  >(
    `SELECT t.reporter, t.partner, t.year, t.flow, t.dataset, t.source, t.priority, t.value_usd, t.estimate, i.retrieved
       FROM trade_flows t LEFT JOIN ingests i USING (dataset)
      WHERE ((t.reporter = ? AND t.partner = ?) OR (t.reporter = ? AND t.partner = ?))
        AND t.year BETWEEN ? AND ? AND t.value_usd IS NOT NULL
      ORDER BY t.year, t.reporter, t.flow, t.priority, t.dataset`,
    [a, b, b, a, options.from ?? 0, options.to ?? 9999],
  );
  const groups = new Map<string, FlowDisagreement>();
  for (const r of rows) {
    const key = `${r.reporter}|${r.partner}|${r.year}|${r.flow}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        reporter: r.reporter,
        partner: r.partner,
        year: Number(r.year),
        flow: r.flow,
        values: [],
        relativeSpread: 0,
      };
      groups.set(key, g);
    }
    g.values.push({
      dataset: r.dataset,
      source: r.source,
      priority: Number(r.priority),
      value_usd: Number(r.value_usd),
      estimate: Boolean(r.estimate),
      retrieved: r.retrieved ?? null,
    });
  }
  const out: FlowDisagreement[] = [];
  for (const g of groups.values()) {
    if (new Set(g.values.map((v) => v.dataset)).size < 2) continue;
    const vals = g.values.map((v) => v.value_usd);
    const min = Math.min(...vals);
    const max = Math.max(...vals);
    g.relativeSpread = min > 0 ? (max - min) / min : max === min ? 0 : Number.POSITIVE_INFINITY;
    if (g.relativeSpread > threshold || (threshold === 0 && g.values.length > 1)) out.push(g);
  }
  return out;
}
