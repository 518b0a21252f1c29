// Claim checking speed on claim-dense articles of 0.1, 1 and 5 MB (issue 16 item 3, issue 17 item 4): the
// whole checkArticle (extraction and verdicts against the store in DYAD_HOME, default .dyad/) on text made of
// trade sentences about 20 countries and 25 years, every sentence with two claims. Time should grow
// linearly and 1 MB stay under 5 s. Also: 2 MB of random bytes, which should give next to no claims.
// Run: node --import tsx bench/claims-speed.ts   (record `uptime` beside the figures: the machine is shared)
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { checkArticle } from "../src/claims/check.ts";
import { Store } from "../src/store/index.ts";

const COUNTRIES = [
  ["Deutschland", "Deutschlands"],
  ["Frankreich", "Frankreichs"],
  ["China", "Chinas"],
  ["Russland", "Russlands"],
  ["Japan", "Japans"],
  ["Indien", "Indiens"],
  ["Brasilien", "Brasiliens"],
  ["Kanada", "Kanadas"],
  ["Mexiko", "Mexikos"],
  ["Italien", "Italiens"],
  ["Spanien", "Spaniens"],
  ["Polen", "Polens"],
  ["Südkorea", "Südkoreas"],
  ["Australien", "Australiens"],
  ["Türkei", "der Türkei"],
  ["Indonesien", "Indonesiens"],
  ["Norwegen", "Norwegens"],
  ["Schweden", "Schwedens"],
  ["Österreich", "Österreichs"],
  ["Ägypten", "Ägyptens"],
];

/** Deterministic claim-dense German text: a pseudo-random walk over pairs, years and figures. */
function article(bytes: number): string {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const parts: string[] = ["Handel in Zahlen\n"];
  let size = parts[0].length;
  while (size < bytes) {
    const [a, ag] = COUNTRIES[next(COUNTRIES.length)];
    let [b] = COUNTRIES[next(COUNTRIES.length)];
    if (b === a) b = a === "China" ? "Japan" : "China";
    const y = 1995 + next(25);
    const s = `Die Exporte ${ag} nach ${b} erreichten im Jahr ${y} rund ${1 + next(90)} Milliarden Dollar, ${next(2) ? "das waren" : "rund"} ${5 + next(40)} Prozent der Exporte ${ag}. `;
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  return parts.join("");
}

const store = await Store.open({ readOnly: true });
try {
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  await checkArticle(store, article(20_000), { date: "2025-05-08" });
  for (const mb of [0.1, 1, 5]) {
    const text = article(mb * 1024 * 1024);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await checkArticle(store, text, { date: "2025-05-08" });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const judged =
      r.counts.consistent + r.counts.inconsistent + r.counts["consistent with one side's statistics only"];
    console.log(
      `${mb} MB: ${(ms / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), ${r.claims.length} claims (${judged} with a verdict), ${((ms / r.claims.length) * 1000).toFixed(0)} µs per claim, ${(ms / mb / 1000).toFixed(2)} s per MB`,
    );
  }
  const noise = randomBytes(2 * 1024 * 1024).toString("utf8");
  const t0 = performance.now();
  const r = await checkArticle(store, noise, { date: "2025-05-08", format: "text" });
  console.log(
    `2 MB of random bytes: ${r.claims.length} claims in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
} finally {
  store.close();
}
