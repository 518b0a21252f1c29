// The figures a reader sees first (the dashboard's key figures, the CLI profile's header, the dossier's
// summary, the API): each is the latest year with a value, from the reporter's own report where there is one
// in that year, else from the partner's report of the same flow (the mirror), and says which.

/** The columns of the profile's trade table that key figures read (profile.ts's TradeYear has them all). */
type KeyColumn =
  | KeyFigureKey
  | "aExportShareMirror"
  | "aImportShareMirror"
  | "bExportShareMirror"
  | "bImportShareMirror";
type TradeYear = {
  year: number;
  turnoverReporter: string | null;
  growthReporter: string | null;
  record: boolean;
} & {
  [K in KeyColumn]: number | null;
};

export type KeyFigureKey =
  | "turnover"
  | "growth"
  | "aExportShare"
  | "aImportShare"
  | "bExportShare"
  | "bImportShare"
  | "aTradeShare"
  | "bTradeShare"
  | "asymmetry";

export interface KeyFigure {
  key: KeyFigureKey;
  year: number;
  value: number;
  unit: "USD" | "fraction" | "ratio";
  /** Whose statistics the figure rests on (for a mirror share: the partner that reported the flow). */
  reporter: string;
  /** "own": the reporter's own figure; "mirror": the partner's report over the reporter's published total. */
  basis: "own" | "mirror";
  /** Turnover only: the largest in its reporter's series so far. */
  record?: boolean;
  /** The reporter's own figure exists, but only for an earlier year. */
  ownYear?: number;
}

type ShareKey = "aExportShare" | "aImportShare" | "bExportShare" | "bImportShare";
const MIRROR: Record<ShareKey, keyof TradeYear> = {
  aExportShare: "aExportShareMirror",
  aImportShare: "aImportShareMirror",
  bExportShare: "bExportShareMirror",
  bImportShare: "bImportShareMirror",
};

function latest(table: TradeYear[], key: keyof TradeYear): TradeYear | undefined {
  for (let i = table.length - 1; i >= 0; i--) {
    const v = table[i][key];
    if (typeof v === "number") return table[i];
  }
  return undefined;
}

export function keyFigures(table: TradeYear[], a: string, b: string): KeyFigure[] {
  const out: KeyFigure[] = [];
  const t = latest(table, "turnover");
  if (t?.turnover != null && t.turnoverReporter)
    out.push({
      key: "turnover",
      year: t.year,
      value: t.turnover,
      unit: "USD",
      reporter: t.turnoverReporter,
      basis: "own",
      record: t.record,
    });
  const g = latest(table, "growth");
  if (g?.growth != null && g.growthReporter)
    out.push({
      key: "growth",
      year: g.year,
      value: g.growth,
      unit: "fraction",
      reporter: g.growthReporter,
      basis: "own",
    });
  for (const key of ["aExportShare", "aImportShare", "bExportShare", "bImportShare"] as const) {
    const [self, partner] = key.startsWith("a") ? [a, b] : [b, a];
    const own = latest(table, key);
    const mirror = latest(table, MIRROR[key]);
    // The mirror answers only for a year after the reporter's own last one: where both exist, the own wins.
    if (mirror && (!own || mirror.year > own.year))
      out.push({
        key,
        year: mirror.year,
        value: mirror[MIRROR[key]] as number,
        unit: "fraction",
        reporter: partner,
        basis: "mirror",
        ...(own ? { ownYear: own.year } : {}),
      });
    else if (own)
      out.push({
        key,
        year: own.year,
        value: own[key] as number,
        unit: "fraction",
        reporter: self,
        basis: "own",
      });
  }
  for (const [key, reporter] of [
    ["aTradeShare", a],
    ["bTradeShare", b],
    ["asymmetry", a],
  ] as const) {
    const row = latest(table, key);
    if (row)
      out.push({
        key,
        year: row.year,
        value: row[key] as number,
        unit: key === "asymmetry" ? "ratio" : "fraction",
        reporter,
        basis: "own",
      });
  }
  return out;
}
