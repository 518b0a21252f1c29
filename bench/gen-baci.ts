// Writes a synthetic CEPII BACI release of realistic shape: about 230 economies with a heavy-tailed size
// distribution, 5,000 HS6 products, a sparse exporter × importer × product cube that thickens over the years,
// files and headers as CEPII names them. Never write it into the repository.
//
//   node --import tsx bench/gen-baci.ts [OUT_DIR] [--rows 200000000] [--years 25] [--first 2000] [--level 1]
import { mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import countries from "i18n-iso-countries";
import { ZipWriter } from "../src/sources/baci/zip-writer.ts";
import { seededRandom } from "../test/helpers/seeded-random.ts";

export interface GenOptions {
  out: string;
  rows: number;
  years: number;
  first: number;
  version: string;
  level: number;
  products: number;
  seed: number;
}

function parseArgs(argv: string[]): GenOptions {
  const opts: GenOptions = {
    out: "/tmp/dyad-baci-bench",
    rows: 200_000_000,
    years: 25,
    first: 2000,
    version: "V202601",
    level: 1,
    products: 5000,
    seed: 42,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === "--rows") opts.rows = Number(next());
    else if (a === "--years") opts.years = Number(next());
    else if (a === "--first") opts.first = Number(next());
    else if (a === "--version") opts.version = next();
    else if (a === "--level") opts.level = Number(next());
    else if (a === "--products") opts.products = Number(next());
    else if (a === "--seed") opts.seed = Number(next());
    else if (!a.startsWith("--")) opts.out = a;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

// CEPII departs from ISO numeric codes for a few economies (its codes include overseas territories).
const CEPII_CODES: Record<string, number> = { FRA: 251, USA: 842, IND: 699, NOR: 579, CHE: 757 };
// The largest traders first, so the size distribution resembles the real one.
const BIG = [
  "CHN",
  "USA",
  "DEU",
  "JPN",
  "KOR",
  "FRA",
  "NLD",
  "ITA",
  "GBR",
  "HKG",
  "CAN",
  "MEX",
  "BEL",
  "IND",
];
const BIG2 = [
  "RUS",
  "SGP",
  "ESP",
  "CHE",
  "POL",
  "VNM",
  "AUS",
  "BRA",
  "MYS",
  "THA",
  "SAU",
  "ARE",
  "TUR",
  "IDN",
];

export interface GenCountry {
  code: number;
  name: string;
  iso2: string;
  iso3: string;
}

export function syntheticCountries(n = 230): GenCountry[] {
  const names = countries.getNames("en") as Record<string, string>;
  const alpha3 = countries.getAlpha3Codes() as Record<string, string>;
  const all: GenCountry[] = [];
  for (const [iso3, iso2] of Object.entries(alpha3)) {
    const numeric = Number(countries.alpha3ToNumeric(iso3));
    if (!numeric || iso3 === "ATA" || iso3 === "TWN") continue;
    all.push({ code: CEPII_CODES[iso3] ?? numeric, name: names[iso2] ?? iso3, iso2, iso3 });
  }
  const order = [...BIG, ...BIG2];
  all.sort((a, b) => {
    const ra = order.indexOf(a.iso3);
    const rb = order.indexOf(b.iso3);
    return (ra < 0 ? 999 : ra) - (rb < 0 ? 999 : rb) || a.iso3.localeCompare(b.iso3);
  });
  const picked = all.slice(0, n - 1);
  // CEPII's code for Taiwan, which its country file calls "Other Asia, nes".
  picked.splice(8, 0, { code: 490, name: "Other Asia, nes", iso2: "N/A", iso3: "S19" });
  return picked;
}

const MUST_HAVE = [
  "270900",
  "271000",
  "271111",
  "271121",
  "270112",
  "840734",
  "847130",
  "851712",
  "870321",
  "870322",
  "870323",
  "870324",
  "854231",
  "854232",
  "854239",
  "930100",
  "930200",
  "930690",
];

export function syntheticProducts(n: number, rand: () => number): string[] {
  const set = new Set(MUST_HAVE);
  const chapters = Array.from({ length: 97 }, (_, i) => i + 1).filter((c) => c !== 77);
  while (set.size < n) {
    const ch = chapters[Math.floor(rand() * chapters.length)];
    const heading = 1 + Math.floor(rand() * 40);
    const sub = 10 * Math.floor(rand() * 10) + Math.floor(rand() * 3);
    set.add(
      `${String(ch).padStart(2, "0")}${String(heading).padStart(2, "0")}${String(sub).padStart(2, "0")}`,
    );
  }
  return [...set].sort();
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function generateBaci(o: GenOptions): Promise<{ path: string; rows: number; bytes: number }> {
  mkdirSync(o.out, { recursive: true });
  const rand = seededRandom(o.seed);
  const cs = syntheticCountries();
  const products = syntheticProducts(o.products, rand);
  const P = products.length;
  const N = cs.length;
  const weight = cs.map((_, r) => (r + 1) ** -1.1);
  const path = join(o.out, `BACI_HS92_${o.version}.zip`);
  const zip = new ZipWriter(path, o.level);
  await zip.addEntry(`country_codes_${o.version}.csv`, [
    "country_code,country_name,country_iso2,country_iso3\n",
    ...[...cs]
      .sort((a, b) => a.code - b.code)
      .map((c) => `${c.code},${csvField(c.name)},${c.iso2},${c.iso3}\n`),
  ]);
  await zip.addEntry(`product_codes_HS92_${o.version}.csv`, [
    "code,description\n",
    ...products.map((k) => `${k},${csvField(`Synthetic product ${k}`)}\n`),
  ]);
  const byCode = cs.map((c, r) => ({ ...c, r })).sort((a, b) => a.code - b.code);
  let total = 0;
  for (let y = 0; y < o.years; y++) {
    const year = o.first + y;
    // The cube thickens over time: the last year has about twice the rows of the first.
    const target = (o.rows / o.years) * (0.67 + (0.66 * y) / Math.max(1, o.years - 1));
    // Products per pair ~ C·(w_i·w_j)^0.55, capped at all products; C found by bisection on the target.
    const base: number[] = new Array(N * N).fill(0);
    for (let a = 0; a < N; a++)
      for (let b = 0; b < N; b++) if (a !== b) base[a * N + b] = (weight[a] * weight[b]) ** 0.55;
    const expected = (c: number) => base.reduce((s, x) => s + Math.min(P, c * x), 0);
    let lo = 0;
    let hi = 1e9;
    for (let it = 0; it < 60; it++) {
      const mid = (lo + hi) / 2;
      if (expected(mid) < target) lo = mid;
      else hi = mid;
    }
    const C = lo;
    let rowsYear = 0;
    async function* lines(): AsyncGenerator<string> {
      yield "t,i,j,k,v,q\n";
      let buf = "";
      for (const ex of byCode) {
        for (const im of byCode) {
          if (ex.r === im.r) continue;
          const p = Math.min(1, (C * base[ex.r * N + im.r]) / P);
          if (p <= 0) continue;
          const logq = Math.log(1 - p);
          let idx = p >= 1 ? 0 : Math.floor(Math.log(1 - rand()) / logq);
          const scale = 1e6 * weight[ex.r] * weight[im.r];
          while (idx < P) {
            const thousandths = Math.max(1, Math.floor(scale * Math.exp(3 * (rand() - 0.5)) * rand() * 1000));
            const v = `${Math.floor(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, "0")}`;
            const qv = rand() < 0.08 ? "         NA" : `${Math.floor(thousandths / 700)}.${thousandths % 10}`;
            buf += `${year},${ex.code},${im.code},${products[idx]},${v},${qv}\n`;
            rowsYear++;
            idx += p >= 1 ? 1 : 1 + Math.floor(Math.log(1 - rand()) / logq);
          }
          if (buf.length > 1 << 20) {
            yield buf;
            buf = "";
          }
        }
      }
      if (buf) yield buf;
    }
    await zip.addEntry(`BACI_HS92_Y${year}_${o.version}.csv`, lines());
    total += rowsYear;
    process.stderr.write(
      `  ${year}: ${rowsYear.toLocaleString("en")} rows (total ${total.toLocaleString("en")})\n`,
    );
  }
  await zip.addEntry("Readme.txt", [
    `Synthetic BACI-format data written by dyad's bench/gen-baci.ts (seed ${o.seed}); not CEPII data.\n`,
  ]);
  await zip.close();
  return { path, rows: total, bytes: statSync(path).size };
}

if (import.meta.url === `file://${resolve(process.argv[1] ?? "")}`) {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const r = await generateBaci(opts);
  const s = (performance.now() - t0) / 1000;
  console.log(
    `wrote ${r.path}: ${r.rows.toLocaleString("en")} rows, ${(r.bytes / 2 ** 30).toFixed(2)} GiB zipped, ${s.toFixed(1)} s`,
  );
}
