// Stage: subject and partner. Which country's figure it is and the other side, from the roles the
// country words play around the measure word.
import type { CountryMention } from "./countries.ts";
import { PAIR_REFERENCE, REGION, TOTAL } from "./cues.ts";
import type { Linked } from "./measure.ts";
import type { Claim, Span } from "./types.ts";

interface Role {
  m: CountryMention;
  role: "dest" | "origin" | "with" | "owner" | "plain";
}

// A mention's role depends only on the words before it: worked out once, however many claims ask.
const roleCache = new WeakMap<CountryMention, Role>();

function roles(text: string, mentions: CountryMention[]): Role[] {
  return mentions.map((m) => {
    let r = roleCache.get(m);
    if (!r) {
      r = roleOf(text, m);
      roleCache.set(m, r);
    }
    return r;
  });
}

function roleOf(text: string, m: CountryMention): Role {
  const before = text.slice(Math.max(0, m.start - 14), m.start);
  if (m.form === "adjective" || m.form === "genitive") return { m, role: "owner" };
  if (/(?:nach|in die|in den|an|to|into|towards|für|for)\s+(?:die\s+|den\s+|das\s+|the\s+)?$/iu.test(before))
    return { m, role: "dest" };
  if (/(?:aus|von|from|vom)\s+(?:der\s+|dem\s+|den\s+|the\s+)?$/iu.test(before)) return { m, role: "origin" };
  if (/(?:mit|with|zwischen|between|und|and)\s+(?:der\s+|dem\s+|den\s+|the\s+)?$/iu.test(before))
    return { m, role: "with" };
  return { m, role: "plain" };
}

export interface Parties {
  a: string | null;
  b: string | null;
  from: Claim["countriesFrom"];
  /** Why the two sides could not be told apart with confidence; the claim then gets no verdict. */
  unsure?: string;
}

export interface PartyContext {
  clause: Span;
  sentence: Span;
  clauseMentions: CountryMention[];
  sentenceMentions: CountryMention[];
  /** The article's two main countries; used only where the sentence refers to them as a pair. */
  pair: [string, string] | null;
  /** The sides of the trade the sentence before was about (measure, countries). */
  carried: { a: string; b: string; flow: string } | null;
}

const FLOW_WORD: Record<string, string> = {
  exports: "exports",
  imports: "imports",
  turnover: "trade",
  balance: "trade balance",
};

/** The owner of a measure word: the adjective or genitive right before it, or a genitive right after it. */
function ownerOf(rs: Role[], anchor: { start: number; end: number } | undefined): Role | undefined {
  const owners = rs.filter((r) => r.role === "owner");
  if (!anchor) return owners.length === 1 ? owners[0] : undefined;
  return (
    owners
      .filter((r) => r.m.end <= anchor.start + 1 && anchor.start - r.m.end < 40)
      .sort((x, y) => y.m.end - x.m.end)[0] ??
    // "größte Abnehmer russischer Energieträger", "Handelspartner Kolumbiens": the owner follows the noun.
    owners.filter((r) => r.m.start >= anchor.end && r.m.start - anchor.end < 25)[0]
  );
}

/** "der größte Lieferant der Türkei": a name in the genitive with its article right after the noun. */
function genitiveAfter(text: string, rs: Role[], anchor: { end: number } | undefined): Role | undefined {
  if (!anchor) return undefined;
  return rs.find(
    (r) =>
      r.m.form === "name" && /^\s+(?:der|des|of(?:\s+the)?)\s+$/u.test(text.slice(anchor.end, r.m.start)),
  );
}

/** The one country among candidates, or undefined when there is none or more than one. */
function single(rs: Role[]): Role | undefined {
  const codes = new Set(rs.map((r) => r.m.code));
  return codes.size === 1 ? rs[0] : undefined;
}

export function direction(text: string, l: Linked, ctx: PartyContext): Parties {
  const { clause, sentence } = ctx;
  const sentenceText = text.slice(sentence.start, sentence.end);
  const anchor = l.at;
  // "Latin American exports to China": the owner is a region without a code, not a country.
  if (anchor) {
    const before = text.slice(Math.max(sentence.start, anchor.start - 30), anchor.start);
    REGION.lastIndex = 0;
    const region = [...before.matchAll(REGION)].pop();
    const regionEnd = anchor.start - before.length + (region?.index ?? 0) + (region?.[0].length ?? 0);
    // A country between the region and the measure word owns it ("Afrikas größter Abnehmer, Nigeria ...").
    const between = ctx.sentenceMentions.some((m) => m.start >= regionEnd && m.end <= anchor.start);
    if (region && !between)
      return {
        a: null,
        b: null,
        from: "clause",
        unsure: `could not tell whose ${FLOW_WORD[l.flow] ?? "figure"}: "${region[0]}" is a region, not a country`,
      };
  }
  const real = (ms: CountryMention[]) => ms.filter((m) => m.code !== "WLD");
  const clauseRoles = roles(text, real(ctx.clauseMentions));
  const sentenceRoles = roles(text, real(ctx.sentenceMentions));

  if (l.flow === "rank-buyer" || l.flow === "rank-supplier" || l.flow === "rank-partner") {
    // "China ist Russlands größter Außenhandelspartner", "Für Indien ist die EU der größte Handelspartner":
    // the owner is the side whose partners are ranked; the ranked partner is the other country.
    const forOwner = sentenceRoles.find((r) =>
      /(?:für|for)\s+(?:die\s+|den\s+|das\s+|the\s+)?$/iu.test(
        text.slice(Math.max(0, r.m.start - 10), r.m.start),
      ),
    );
    const owner = ownerOf(sentenceRoles, anchor) ?? genitiveAfter(text, sentenceRoles, anchor) ?? forOwner;
    if (!owner)
      return { a: null, b: null, from: "sentence", unsure: "could not tell whose partners are ranked" };
    const pool = (rs: Role[]) => rs.filter((r) => r.m.code !== owner.m.code);
    const mid = anchor ? anchor.start : clause.start;
    const byDistance = (rs: Role[]) =>
      [...rs].sort((x, y) => Math.abs(x.m.start - mid) - Math.abs(y.m.start - mid));
    // "Mexico overtook China as America's largest trading partner": the one who overtook is ranked.
    const overtook =
      /(?<![\p{L}])(?:overtook|overtaken|overtakes|replaced|surpassed|überholt\p{L}*|verdrängt\p{L}*|abgelöst|löste)(?![\p{L}])/iu.exec(
        sentenceText,
      );
    const overtaker = overtook
      ? pool(sentenceRoles)
          .filter((r) => r.m.end <= sentence.start + overtook.index)
          .pop()
      : undefined;
    const ranked = overtaker ?? byDistance(pool(clauseRoles))[0] ?? byDistance(pool(sentenceRoles))[0];
    if (!ranked)
      return { a: owner.m.code, b: null, from: "sentence", unsure: "could not tell which partner is ranked" };
    return { a: owner.m.code, b: ranked.m.code, from: clauseRoles.includes(ranked) ? "clause" : "sentence" };
  }

  if (l.flow === "supplier-share") {
    const rs = clauseRoles.length ? clauseRoles : sentenceRoles;
    const owner = ownerOf(rs, anchor);
    const others = rs.filter((r) => r !== owner && (!owner || r.m.code !== owner.m.code));
    const dest = others.find((r) => r.role === "dest");
    const b = owner?.m.code ?? dest?.m.code ?? null;
    // "Russland lieferte 2023 …, 35 Prozent der chinesischen Pipelinegas-Importe": the buyer in the share's
    // clause, the supplier the one other country of the sentence.
    const a =
      others.find((r) => r.m.code !== b && r.role !== "dest")?.m.code ??
      others.find((r) => r.m.code !== b)?.m.code ??
      (b && rs === clauseRoles ? single(sentenceRoles.filter((r) => r.m.code !== b))?.m.code : null) ??
      null;
    if (!a || !b || a === b)
      return { a, b: a === b ? null : b, from: "sentence", unsure: "could not tell supplier and buyer" };
    return { a, b, from: "clause" };
  }

  if (l.flow === "invest" || l.flow === "invest-inward")
    return investors(text, l, clauseRoles, sentenceRoles);

  if (l.flow === "pair") {
    const codes = [...new Set(sentenceRoles.map((r) => r.m.code))];
    return { a: codes[0] ?? null, b: codes[1] ?? null, from: "sentence" };
  }

  const flow = l.flow;
  const isShare = /share/.test(l.indicator ?? "");
  // A country without a role becomes the partner only within the figure's own clause: elsewhere in the
  // sentence it may be anything ("... passed $100bn - a sign that Trump's tariff campaign ...").
  const pick = (
    rs: Role[],
    inClause: boolean,
  ): { a: string | null; b: string | null; ambiguous: boolean } => {
    const owner = ownerOf(rs, anchor);
    const rest = rs.filter((r) => !owner || r.m.code !== owner.m.code);
    const dest = rest.filter((r) => r.role === "dest");
    const origin = rest.filter((r) => r.role === "origin");
    const withs = rest.filter((r) => r.role === "with");
    const plain = rest.filter((r) => r.role === "plain" || r.role === "owner");
    let a = owner?.m.code ?? null;
    let b: string | null = null;
    // The owner is never the partner: "Germany exported goods to China, while imports from China ..." makes
    // China the partner of both figures and Germany the owner.
    const notB = (list: Role[]) => list.filter((r) => r.m.code !== b);
    if (flow === "exports") {
      b = dest[0]?.m.code ?? null;
      a ??= notB(origin)[0]?.m.code ?? single(notB(plain))?.m.code ?? null;
    } else if (flow === "imports") {
      b = origin[0]?.m.code ?? null;
      a ??= notB(dest)[0]?.m.code ?? single(notB(plain))?.m.code ?? null;
    } else {
      // "zwischen China und Russland", "trade with China": the sides of a turnover or a balance.
      const sides = [...withs, ...dest, ...origin];
      const codes = [...new Set(rs.map((r) => r.m.code))];
      if (!a && flow === "turnover" && inClause && codes.length === 2) {
        // Trade is symmetric: the two countries of the clause are its sides ("Die USA waren mit einem
        // Handelsvolumen von 253 Milliarden Euro Deutschlands wichtigster Handelspartner").
        a = codes[0];
        b = codes[1];
      } else if (!a && sides.length >= 2 && sides[0].m.code !== sides[1].m.code) {
        a = sides[0].m.code;
        b = sides[1].m.code;
      } else {
        b = sides.find((r) => r.m.code !== a)?.m.code ?? null;
        a ??= single(plain.filter((r) => r.m.code !== b))?.m.code ?? null;
      }
    }
    if (a && !b && inClause) b = single(rest.filter((r) => r.m.code !== a))?.m.code ?? null;
    if (a === b) b = null;
    const named = new Set(rs.map((r) => r.m.code));
    // Countries the sentence names but the reading leaves out: another reading may be the right one.
    const ambiguous = [...named].some((c) => c !== a && c !== b);
    return { a, b, ambiguous };
  };
  let res = pick(clauseRoles, true);
  let from: Claim["countriesFrom"] = "clause";
  if (!res.a || !res.b) {
    const s = pick(sentenceRoles, false);
    if ((s.a ? 1 : 0) + (s.b ? 1 : 0) >= (res.a ? 1 : 0) + (res.b ? 1 : 0)) {
      res = s;
      from = "sentence";
    }
  }
  const pairRef = PAIR_REFERENCE.test(sentenceText);
  const total = TOTAL.test(text.slice(clause.start, clause.end));
  const what = FLOW_WORD[flow] ?? "trade";
  if (res.a && res.b) return { a: res.a, b: res.b, from };
  if (res.a && !res.b) {
    // "China's exports totalled", "US exports rose 12 %", "Deutschlands Exporte insgesamt": the World.
    // Not when a destination or origin is written that no country word covered ("in die Vereinigten
    // Staaten" before it was known): then the partner is there, only unread.
    const clauseText = text.slice(clause.start, clause.end);
    const unread = [
      ...clauseText.matchAll(
        /(?<![\p{L}])(?:nach|in die|in den|aus|mit|to|into|from|with)\s+(?:(?:dem|der|den|die|the)\s+)?\p{Lu}\p{L}+/gu,
      ),
    ].some((m) => {
      const at = clause.start + (m.index ?? 0) + m[0].length;
      return !ctx.sentenceMentions.some((c) => c.end === at || (c.start < at && c.end >= at));
    });
    if (!isShare && !unread && (total || !res.ambiguous)) return { a: res.a, b: "WLD", from };
    if (pairRef && ctx.pair?.includes(res.a))
      return { a: res.a, b: ctx.pair[0] === res.a ? ctx.pair[1] : ctx.pair[0], from: "article" };
    return {
      a: res.a,
      b: null,
      from,
      unsure: isShare
        ? `could not tell the partner whose share of ${res.a}'s ${what} it is`
        : `could not tell the partner of ${res.a}'s ${what}`,
    };
  }
  if (!res.a && res.b) {
    // "trade with China" in an article on China and Germany: the other side is the pair's other country.
    if (ctx.pair?.includes(res.b) && (pairRef || flow === "turnover" || flow === "balance"))
      return { a: ctx.pair[0] === res.b ? ctx.pair[1] : ctx.pair[0], b: res.b, from: "article" };
    return { a: null, b: res.b, from, unsure: `could not tell whose ${what} with ${res.b} it is` };
  }
  if (pairRef && ctx.pair) return { a: ctx.pair[0], b: ctx.pair[1], from: "article" };
  // The sentence before named the trade; this one names no country and speaks of the same measure (or of
  // none): "belief sich der Handel auf rund 246 Milliarden Euro" after "zwischen Deutschland und China".
  const sameTopic = ctx.carried && (l.carried || (!ctx.sentenceMentions.length && ctx.carried.flow === flow));
  if (ctx.carried && sameTopic) return { a: ctx.carried.a, b: ctx.carried.b, from: "context" };
  return { a: null, b: null, from: "sentence", unsure: `could not tell whose ${what} it is` };
}

/**
 * Investor and host of a direct-investment figure. The investor owns the investment word ("Chinas
 * Direktinvestitionen", "China's FDI", "chinesische Investitionen") or is its origin ("aus China", "from
 * China") or the subject of "investierte"; the host follows "in"/"into"/"nach" ("in Russland"), or for a
 * share of the investor's outward position "auf" ("entfielen auf Russland"). In a share of the host's inward
 * position the owner is the host ("Russia's inward FDI"). Never the article's pair: both must be written.
 */
function investors(text: string, l: Linked, clauseRoles: Role[], sentenceRoles: Role[]): Parties {
  const read = (rs: Role[]) => {
    const isHost = (r: Role) =>
      /(?:^|[^\p{L}])(?:in|into|nach|to|auf)\s+(?:die\s+|den\s+|das\s+|dem\s+|der\s+|the\s+)?$/iu.test(
        text.slice(Math.max(0, r.m.start - 12), r.m.start),
      );
    const owner = ownerOf(rs, l.at);
    const hosts = rs.filter((r) => isHost(r) && r !== owner);
    const origin = rs.find((r) => r.role === "origin");
    if (l.flow === "invest-inward") {
      const b = owner?.m.code ?? hosts[0]?.m.code ?? null;
      const a =
        single(rs.filter((r) => r.m.code !== b && r.role !== "owner"))?.m.code ?? origin?.m.code ?? null;
      return { a, b };
    }
    const a = owner?.m.code ?? origin?.m.code ?? single(rs.filter((r) => !isHost(r)))?.m.code ?? null;
    const b =
      hosts.find((r) => r.m.code !== a)?.m.code ??
      single(rs.filter((r) => r.m.code !== a && r !== origin))?.m.code ??
      null;
    return { a, b };
  };
  let res = read(clauseRoles);
  let from: Claim["countriesFrom"] = "clause";
  if (!res.a || !res.b || res.a === res.b) {
    res = read(sentenceRoles);
    from = "sentence";
  }
  if (!res.a || !res.b || res.a === res.b)
    return {
      a: res.a,
      b: res.a === res.b ? null : res.b,
      from,
      unsure: "could not tell the investing economy and the host economy",
    };
  return { a: res.a, b: res.b, from };
}

export function mainPair(text: string, mentions: CountryMention[]): [string, string] | null {
  const firstBreak = text.indexOf("\n");
  const titleEnd = firstBreak > 0 && firstBreak < 300 ? firstBreak : 0;
  const count = new Map<string, number>();
  for (const m of mentions) {
    // Groups stay groups: the EU can be one side of an article's pair; the Soviet Union is history.
    if (m.code === "SUN") continue;
    count.set(m.code, (count.get(m.code) ?? 0) + (m.start < titleEnd ? 3 : 1));
  }
  const ranked = [...count.entries()].sort((x, y) => y[1] - x[1]);
  if (ranked.length < 2) return null;
  return [ranked[0][0], ranked[1][0]];
}
