// Stage: subject and partner. Which country's figure it is and the other side, from the roles the
// country words play around the measure word.
import type { CountryMention } from "./countries.ts";
import type { Linked } from "./measure.ts";
import type { Claim } from "./types.ts";

interface Role {
  m: CountryMention;
  role: "dest" | "origin" | "with" | "owner" | "plain";
}

function roles(text: string, mentions: CountryMention[]): Role[] {
  return mentions.map((m) => {
    const before = text.slice(Math.max(0, m.start - 14), m.start);
    if (m.form === "adjective" || m.form === "genitive") return { m, role: "owner" };
    if (
      /(?:nach|in die|in den|an|to|into|towards|für|for)\s+(?:die\s+|den\s+|das\s+|the\s+)?$/iu.test(before)
    )
      return { m, role: "dest" };
    if (/(?:aus|von|from|vom)\s+(?:der\s+|dem\s+|den\s+|the\s+)?$/iu.test(before))
      return { m, role: "origin" };
    if (/(?:mit|with|zwischen|between|und|and)\s+(?:der\s+|dem\s+|den\s+|the\s+)?$/iu.test(before))
      return { m, role: "with" };
    return { m, role: "plain" };
  });
}

export function direction(
  text: string,
  l: Linked,
  clauseMentions: CountryMention[],
  sentenceMentions: CountryMention[],
  pair: [string, string] | null,
): { a: string | null; b: string | null; from: Claim["countriesFrom"] } {
  const pick = (ms: CountryMention[]) => {
    const rs = roles(
      text,
      ms.filter((m) => m.code !== "WLD"),
    );
    // The owner of the flow: the adjective or genitive nearest before the measure word ("der russischen Exporte").
    const anchor = l.at;
    const owners = rs.filter((r) => r.role === "owner");
    let owner: Role | undefined;
    if (anchor) {
      owner = owners
        .filter((r) => r.m.end <= anchor.start + 1 && anchor.start - r.m.end < 40)
        .sort((x, y) => y.m.end - x.m.end)[0];
      // "größte Abnehmer russischer Energieträger": the owner may follow the rank noun.
      owner ??= owners.filter((r) => r.m.start >= anchor.end && r.m.start - anchor.end < 25)[0];
    }
    owner ??= owners[0];
    const others = rs.filter((r) => r !== owner && (!owner || r.m.code !== owner.m.code));
    const dest = others.find((r) => r.role === "dest");
    const origin = others.find((r) => r.role === "origin");
    let a: string | null = null;
    let b: string | null = null;
    switch (l.flow) {
      case "exports":
        a = owner?.m.code ?? origin?.m.code ?? others.find((r) => r.role !== "dest")?.m.code ?? null;
        b = dest?.m.code ?? others.find((r) => r.m.code !== a)?.m.code ?? null;
        break;
      case "imports":
        a = owner?.m.code ?? others.find((r) => r.role !== "origin")?.m.code ?? null;
        b = origin?.m.code ?? others.find((r) => r.m.code !== a)?.m.code ?? null;
        break;
      case "supplier-share":
        b = owner?.m.code ?? dest?.m.code ?? null;
        a =
          others.find((r) => r.m.code !== b && r.role !== "dest")?.m.code ??
          others.find((r) => r.m.code !== b)?.m.code ??
          null;
        break;
      case "rank-buyer":
      case "rank-supplier": {
        // "China ist Russlands größter Abnehmer": the owner is the side whose destinations/origins are ranked.
        a = owner?.m.code ?? null;
        const near = anchor
          ? [...others].sort(
              (x, y) => Math.abs(x.m.start - anchor.start) - Math.abs(y.m.start - anchor.start),
            )[0]
          : others[0];
        b = near?.m.code ?? null;
        if (!a) a = others.find((r) => r.m.code !== b)?.m.code ?? null;
        break;
      }
      default: {
        const codes = [...new Set(rs.map((r) => r.m.code))];
        a = codes[0] ?? null;
        b = codes[1] ?? null;
      }
    }
    if (a === b) b = null;
    return { a, b };
  };
  let res = pick(clauseMentions);
  let from: Claim["countriesFrom"] = "clause";
  if (!res.a || !res.b) {
    const s = pick(sentenceMentions);
    if ((s.a ? 1 : 0) + (s.b ? 1 : 0) > (res.a ? 1 : 0) + (res.b ? 1 : 0)) {
      res = s;
      from = "sentence";
    }
  }
  if ((!res.a || !res.b) && pair) {
    from = res.a || res.b ? from : "article";
    if (!res.a && !res.b) res = { a: pair[0], b: pair[1] };
    else if (!res.b) res = { a: res.a, b: res.a === pair[0] ? pair[1] : pair[0] };
    else res = { a: res.b === pair[0] ? pair[1] : pair[0], b: res.b };
    if (from !== "article") from = "article";
  }
  return { ...res, from };
}

export function mainPair(text: string, mentions: CountryMention[]): [string, string] | null {
  const firstBreak = text.indexOf("\n");
  const titleEnd = firstBreak > 0 && firstBreak < 300 ? firstBreak : 0;
  const count = new Map<string, number>();
  for (const m of mentions) {
    if (m.code === "EUU" || m.code === "SUN") continue;
    count.set(m.code, (count.get(m.code) ?? 0) + (m.start < titleEnd ? 3 : 1));
  }
  const ranked = [...count.entries()].sort((x, y) => y[1] - x[1]);
  if (ranked.length < 2) return null;
  return [ranked[0][0], ranked[1][0]];
}
