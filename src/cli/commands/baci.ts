// `dyad baci fetch|ingest|substitution|groups`: CEPII BACI, trade by product. Thin: each calls one library function.
import type { Command } from "commander";

const fmtUsd = (v: number) => `${(v / 1e6).toFixed(1)} M USD`;
const pct = (s: number | null) => (s === null ? "–" : `${(100 * s).toFixed(1)} %`);

export function register(program: Command): void {
  const baci = program
    .command("baci")
    .description("CEPII BACI: trade by product (HS6) for every pair of countries");

  configureBaciFetch(baci.command("fetch"));

  baci
    .command("ingest <path>")
    .description("load a BACI release (zip or unpacked folder) into the data home as Parquet")
    .option("--skip-unknown", "keep rows whose country code the registry does not know, and list them")
    .option("--json", "print the outcome as JSON")
    .action(async (path: string, o) => runIngest(path, Boolean(o.skipUnknown), Boolean(o.json)));

  baci
    .command("substitution <importer>")
    .description(
      "each supplier's share of a country's imports of a product group, every year, and who overtook whom",
    )
    .requiredOption(
      "--product <code|group|file>",
      "HS code, named group (cars, chips, energy, ...) or file of HS codes",
    )
    .option("--include <list>", "suppliers to show besides the largest, comma-separated")
    .option("--top <n>", "how many of the largest suppliers to show", "5")
    .option("--json", "print the table as JSON")
    .action(async (importer: string, o) => {
      const [{ countryName, resolveCountry }, { isAbsent, substitution }, { resolveProduct }, { Store }] =
        await Promise.all([
          import("../../countries/index.ts"),
          import("../../indicators/product.ts"),
          import("../../sources/product-groups.ts"),
          import("../../store/index.ts"),
        ]);
      const store = await Store.open({ readOnly: true });
      try {
        const code = resolveCountry(importer).code;
        const include = o.include
          ? String(o.include)
              .split(",")
              .map((s: string) => resolveCountry(s).code)
          : [];
        const t = await substitution(store, code, resolveProduct(o.product), { include, top: Number(o.top) });
        if (isAbsent(t)) throw new Error(t.absent);
        if (o.json) {
          process.stdout.write(`${JSON.stringify(t, null, 2)}\n`);
          return;
        }
        console.log(`${t.product.en}: suppliers of ${countryName(code)} (share of its imports)`);
        console.log(["year", "total", ...t.suppliers.map((s) => s.code)].map((x) => x.padStart(10)).join(""));
        t.years.forEach((y, i) => {
          if (!t.totalUsd[i]) return;
          console.log(
            [String(y), fmtUsd(t.totalUsd[i]).replace(" USD", ""), ...t.suppliers.map((s) => pct(s.share[i]))]
              .map((x) => x.padStart(10))
              .join(""),
          );
        });
        for (const o2 of t.overtakes) console.log(`${o2.year}: ${o2.supplier} overtook ${o2.overtook}`);
      } finally {
        store.close();
      }
    });

  baci
    .command("groups")
    .description("the named product groups (use with --product)")
    .action(async () => {
      const { PRODUCT_GROUPS } = await import("../../products/groups.ts");
      for (const g of PRODUCT_GROUPS)
        console.log(`${g.name.padEnd(6)} ${g.en}  [${(g.aliases ?? []).join(", ")}]`);
    });
}

async function runIngest(path: string, skipUnknown: boolean, json: boolean): Promise<void> {
  const [{ ingestBaci }, { Store }] = await Promise.all([
    import("../../sources/baci.ts"),
    import("../../store/index.ts"),
  ]);
  const store = await Store.open();
  try {
    const r = await ingestBaci(store, path, {
      skipUnknown,
      onProgress: json ? undefined : (d, t, f) => process.stderr.write(`\r  ${d}/${t} ${f}        `),
    });
    if (json) {
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      return;
    }
    process.stderr.write("\n");
    console.log(
      `${r.dataset}: ${r.flows.toLocaleString("en")} flows, ${r.years[0].year}–${r.years[r.years.length - 1].year}, ${(r.bytes / 2 ** 20).toFixed(0)} MiB Parquet in ${r.seconds.toFixed(1)} s`,
    );
    for (const u of r.unknown)
      console.log(`  unknown country code ${u.label}: ${u.where.slice(0, 3).join(", ")}`);
  } finally {
    store.close();
  }
}

/** `dyad baci fetch` and `dyad fetch baci`: the same command in both places. */
export function configureBaciFetch(cmd: Command): Command {
  return cmd
    .description("download a BACI release zip from CEPII (resumes a cut download)")
    .option("--version <V>", "release, e.g. V202601", "V202601")
    .option("--hs <HS>", "HS revision of the product codes", "HS92")
    .option("--endpoint <url>", "base URL (default $DYAD_BACI_ENDPOINT or CEPII's download folder)")
    .option("--dir <folder>", "where the zip goes (default <data home>/downloads/baci)")
    .option("--retries <n>", "retries on 429, 5xx and cut connections", "5")
    .option("--no-ingest", "only download; ingest later with `dyad ingest baci <zip>`")
    .option("--skip-unknown", "ingest even if a country code is unknown (listed in the report)")
    .option("--quiet", "no progress output")
    .action(async (o) => {
      const { fetchBaci } = await import("../../fetch/baci-fetch.ts");
      let last = 0;
      const r = await fetchBaci(
        { version: o.version, hs: o.hs, endpoint: o.endpoint },
        {
          dir: o.dir,
          retries: Number(o.retries),
          onProgress: (bytes, total) => {
            if (o.quiet || Date.now() - last < 500) return;
            last = Date.now();
            process.stderr.write(
              `\r  ${(bytes / 2 ** 20).toFixed(0)}${total ? ` of ${(total / 2 ** 20).toFixed(0)}` : ""} MiB   `,
            );
          },
          onRetry: (n, why, ms) =>
            process.stderr.write(`\n  retry ${n} in ${Math.round(ms / 1000)} s: ${why}\n`),
        },
      );
      if (!o.quiet) process.stderr.write("\n");
      console.log(
        `${r.path}: ${(r.bytes / 2 ** 20).toFixed(1)} MiB, years ${r.years[0]}–${r.years[r.years.length - 1]}`,
      );
      if (o.ingest !== false) await runIngest(r.path, Boolean(o.skipUnknown), false);
    });
}
