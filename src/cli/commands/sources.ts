// `dyad sources diff A B`: the flows between A and B on which the stored datasets disagree.
import type { Command } from "commander";
import { registry } from "../../countries/index.ts";
import { diffSources } from "../../fetch/source-diff.ts";
import { Store } from "../../store/index.ts";

function usd(v: number): string {
  return `${(v / 1e9).toFixed(3)} bn`;
}

export function register(program: Command): void {
  const sources = program.command("sources").description("the data sources in the store");
  sources
    .command("diff <A> <B>")
    .description("flows between A and B that two or more datasets give with different values")
    .option("--from <year>", "first year")
    .option("--to <year>", "last year")
    .option("--threshold <fraction>", "smallest relative difference listed (0.005 = 0.5 %)", "0.005")
    .option("--json", "print JSON")
    .action(
      async (a: string, b: string, o: { from?: string; to?: string; threshold: string; json?: boolean }) => {
        const codeA = registry.resolve(a).code;
        const codeB = registry.resolve(b).code;
        const threshold = Number(o.threshold);
        if (!Number.isFinite(threshold) || threshold < 0)
          throw new Error(`--threshold: "${o.threshold}" must be a fraction ≥ 0`);
        const store = await Store.open({ readOnly: true });
        try {
          const list = await diffSources(store, codeA, codeB, {
            from: o.from ? Number(o.from) : undefined,
            to: o.to ? Number(o.to) : undefined,
            threshold,
          });
          if (o.json) {
            process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
            return;
          }
          if (!list.length) {
            process.stdout.write(
              `No flow between ${codeA} and ${codeB} on which the stored datasets differ by more than ${(threshold * 100).toFixed(1)} %.\n`,
            );
            return;
          }
          const lines = [
            `${list.length} flows between ${codeA} and ${codeB} where datasets disagree (first listed answers):`,
          ];
          for (const d of list) {
            const vals = d.values
              .map(
                (v) =>
                  `${v.dataset} [${v.priority}] ${usd(v.value_usd)}${v.estimate ? " (est.)" : ""}${v.retrieved ? ` retrieved ${v.retrieved}` : ""}`,
              )
              .join("; ");
            lines.push(
              `  ${d.year} ${d.reporter} ${d.flow} ${d.flow === "exports" ? "to" : "from"} ${d.partner}: ${vals}; spread ${(d.relativeSpread * 100).toFixed(1)} %`,
            );
          }
          process.stdout.write(`${lines.join("\n")}\n`);
        } finally {
          store.close();
        }
      },
    );
}
