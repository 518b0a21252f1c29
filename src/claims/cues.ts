// Cue words: the words of a sentence that say what a figure measures, found once per sentence, and how
// far each is from a figure.
import type { Span } from "./types.ts";

export interface Cue {
  start: number;
  end: number;
  word: string;
}

function cues(re: RegExp, text: string, span: Span): Cue[] {
  const out: Cue[] = [];
  const s = text.slice(span.start, span.end);
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s))
    out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, word: m[0] });
  return out;
}

/**
 * The first match of one of RE's global patterns in s, from the start, the pattern left as it was. One
 * compiled pattern serves both uses: a non-global copy (`new RegExp(re.source, "iu")`) is compiled again at
 * its first use, 1.5-6 ms for the long lists below.
 */
export function firstMatch(re: RegExp, s: string): RegExpExecArray | null {
  const at = re.lastIndex;
  re.lastIndex = 0;
  try {
    return re.exec(s);
  } finally {
    re.lastIndex = at;
  }
}

const W = String.raw`(?![\p{L}])`;
const L = String.raw`(?<![\p{L}])`;
export const RE = {
  turnover: new RegExp(
    String.raw`${L}(?:Handel|Handels|Handelsvolumen|Handelsvolumens|Handelsumsatz|Warenaustausch(?:es|s)?|Warenverkehr(?:s)?|Außenhandel(?:s)?|Handelsaustausch(?:es|s)?|Gesamthandel(?:s)?|Im-\s*und\s*Exporte?n?|Ex-\s*und\s*Importe?n?|Handelsbeziehungen|Volumen|trade(?! war| deficit| surplus| balance| gap| partner| barrier)|gehandelt|handelten|traded|turnover|two-way trade|bilateral trade|trade volume)${W}`,
    "giu",
  ),
  exports: new RegExp(
    String.raw`${L}(?:Exporte?n?|Exports?|Ausfuhre?n?|Warenexporte?n?|exportiert\p{L}*|exportierte\p{L}*|liefert\p{L}*|Lieferungen|verkauft\p{L}*|(?:gehen|gingen|geht|ging|flossen|fließen) (?:in|nach)|exported|went to|go to|goes to|shipments|shipped|sales to|sold to|selling to)${W}`,
    "giu",
  ),
  imports: new RegExp(
    String.raw`${L}(?:Importe?n?|Imports?|Einfuhre?n?|Warenimporte?n?|importiert\p{L}*|importierte\p{L}*|bezog\p{L}*|bezieht|kauft\p{L}*|(?:kommen|kamen|kommt|kam|stammen|stammten|stammt) aus|imported|came from|come from|comes from|purchases|bought|buys|buying)${W}`,
    "giu",
  ),
  growth: new RegExp(
    String.raw`${L}(?:wuchs\p{L}*|wächst|gewachsen|wachsen|Wachstum\p{L}*|stieg\p{L}*|steigt|gestiegen|Anstieg\p{L}*|Zuwachs\p{L}*|Zuwächse|zulegen|zugelegt|legte\p{L}*|Plus|sank\p{L}*|sinkt|gesunken|fiel\p{L}*|gefallen|Rückgang\p{L}*|zurück\p{L}*|schrumpf\p{L}*|geschrumpft|Minus|Einbruch|brach\p{L}*|einbrach|grew|growth|grown|rose|risen|increased?|increases|jumped|surged|soared|climbed|slipped|fell|fallen|dropped|declined?|decreased?|shrank|contracted|slumped|plunged|up|down|year on year|year-on-year)${W}`,
    "giu",
  ),
  negativeGrowth: new RegExp(
    String.raw`${L}(?:sank\p{L}*|sinkt|gesunken|fiel\p{L}*|gefallen|Rückgang\p{L}*|zurück\p{L}*|schrumpf\p{L}*|geschrumpft|Minus|Einbruch|brach\p{L}*|einbrach|fell|fallen|dropped|slipped|declined?|decreased?|shrank|contracted|slumped|plunged|down)${W}`,
    "giu",
  ),
  share: new RegExp(
    String.raw`${L}(?:Anteil\p{L}*|share|accounted for|entfielen|entfiel|machte\p{L}*)${W}`,
    "giu",
  ),
  balance: new RegExp(
    String.raw`${L}(?:Handelsbilanz\p{L}*|Handelsüberschuss\p{L}*|Handelsdefizit\p{L}*|Überschuss\p{L}*|Defizit\p{L}*|Fehlbetrag\p{L}*|surplus(?:es)?|deficits?|trade balances?|trade gaps?)${W}`,
    "giu",
  ),
  rankBuyer: new RegExp(
    String.raw`${L}(?:Abnehmer\p{L}*|Absatzm(?:a|ä)rkt\p{L}*|Exportm(?:a|ä)rkt\p{L}*|Exportziel\p{L}*|Kunde\p{L}*|Käufer\p{L}*|Importeur\p{L}*|Empfänger\p{L}*|buyers?|recipients?|customers?|markets?|export destinations?|destinations?|importers?|purchasers?)${W}`,
    "giu",
  ),
  rankSupplier: new RegExp(
    String.raw`${L}(?:Lieferant\p{L}*|Exporteur\p{L}*|Bezugsquelle\p{L}*|Herkunftsland|Verkäufer\p{L}*|suppliers?|exporters?|sources?|sellers?|origins?)${W}`,
    "giu",
  ),
  rankPartner: new RegExp(
    String.raw`${L}(?:Handelspartner\p{L}*|Au(?:ß|ss)enhandelspartner\p{L}*|Wirtschaftspartner\p{L}*|trading partners?|trade partners?)${W}`,
    "giu",
  ),
  energy: new RegExp(
    String.raw`${L}(?:Gas|Erdgas|Erdgases|Pipelinegas|Gas(?:bedarf|verbrauch|versorgung|markt)\p{L}*|Öl(?:bedarf|verbrauch|versorgung|markt)\p{L}*|Energiebedarf\p{L}*|LNG|Flüssiggas\p{L}*|Gaslieferungen|Gasexporte?n?|Gasimporte?n?|Öl|Öls|Erdöl\p{L}*|Rohöl\p{L}*|Ölexporte?n?|Ölimporte?n?|Kohle|Kohleexporte?n?|Energie|Energieträger\p{L}*|Energieimporte?n?|Energieexporte?n?|Energielieferungen|oil|crude|gas|natural gas|pipeline gas|coal|energy|petroleum|barrels?|Kubikmeter\p{L}*|cubic met\p{L}*)${W}`,
    "giu",
  ),
  arms: new RegExp(
    String.raw`${L}(?:Waffen\p{L}*|Rüstung\p{L}*|Militärtechnik\p{L}*|Militärtechnologie|Kampfjets?|Kampfflugzeug\p{L}*|Panzer\p{L}*|Raketen\p{L}*|Drohnen\p{L}*|Kriegsgerät|Kriegsschiff\p{L}*|arms|weapons?|weaponry|military equipment|fighter jets?|fighter aircraft|tanks|missiles?|drones?|defen[cs]e equipment|TIV)${W}`,
    "giu",
  ),
  // Figures about other things: a claim, but not one the trade/energy/arms catalogue can check.
  outside: new RegExp(
    String.raw`${L}(?:Investition\p{L}*|Direktinvestition\p{L}*|investiert\p{L}*|investments?|invested|FDI|BIP|Bruttoinlandsprodukt\p{L}*|Wirtschaftsleistung|Wirtschaftswachstum|GDP|economy|Einwohner\p{L}*|Bevölkerung|population|inhabitants|Soldaten|troops|soldiers|Militärausgaben|Verteidigungsausgaben|Verteidigungshaushalt|defen[cs]e spending|military spending|Inflation|inflation|Zins\p{L}*|interest rates?|Kredit\p{L}*|Darlehen|loans?|credit|Schulden|debt|Touristen|tourists|Studenten|students|Aktie\p{L}*|shares of|stock|Umfrage\p{L}*|poll|Stimmen|votes?|Reserven|reserves|Unternehmen|companies|firms|Arbeitsplätze|jobs|Zölle\p{L}*|Zoll\p{L}*|tariffs?|duties|Sanktion\p{L}*|sanctions?|Wechselkurs\p{L}*|exchange rates?|Preis\p{L}*|prices?|priced|pence|cents|Kurs\p{L}*|Börse\p{L}*|Geldsendungen|Geldüberweisungen|Überweisungen|Rücküberweisungen|remittances?|Haushalt\p{L}*|budget|Subvention\p{L}*|subsid\p{L}*|Hilfen|Hilfsgelder\p{L}*|aid|Anleihe\p{L}*|bonds?|Gewinn\p{L}*|profits?|revenues?|Einnahmen|Umsätze|sales(?! to)|Verbraucher\p{L}*|consumers?|Beschäftigte\p{L}*|Mitarbeiter\p{L}*|workers|employees|Migranten|migrants|Strom\p{L}*|electricity|power|Lohn|Löhne\p{L}*|wages?|Rente\p{L}*|pensions?|Gebühren|fees|charges|Kosten|costs?|Ausgaben|spending|Leistungsbilanz\p{L}*|current account|Währungsreserven|Devisen\p{L}*|Schuldenerlass|debt relief|Stimmen|Wähler\p{L}*|voters?|Produktion|production|output|Förderung|Nachfrage|demand|Kapazität\p{L}*|capacity)${W}`,
    "giu",
  ),
  // A balance stated as a deficit or gap is negative: A imports more than it exports.
  deficit: /(?:Defizit|Fehlbetrag|deficit|gap)/iu,
  perYear:
    /(?<![\p{L}])(?:jährlich\p{L}*|pro Jahr|im Jahr|per year|a year|annual(?:ly)?|each year|every year)(?![\p{L}])/iu,
  negation:
    /(?<![\p{L}])(?:nicht|kein\p{L}*|weder|noch|nie|not|neither|nor|no longer|nicht mehr)(?![\p{L}])/iu,
  oneOf: /(?:einer|eine|eines|einem|einen) der\s+$|one of the\s+$/iu,
  // Targets and forecasts are numbers about the future, not measurements the data can check.
  goal: /(?<![\p{L}])(?:Ziel\p{L}*|anpeil\p{L}*|angepeilt|steigern|ausbauen will|anstreb\p{L}*|targets?|targeted|aims? to|aiming|goal|plans? to|planned to|pledged to|forecasts?|Prognose\p{L}*|prognostiziert)(?![\p{L}])/iu,
};

/** The measure word of a compound ("Autoexporte", "Ölimporte", "Stromhandel") or an English noun group
 * ("cocoa exporter", "wine sales", "iron ore suppliers"): trade in one product, not in all goods. */
export const PRODUCT_FLOW =
  /(?<![\p{L}])(?<de>(?!(?:Waren|Güter|Gesamt|Au(?:ß|ss)en|Welt|Handels|Export|Import|Netto|Re)(?:exporte?|importe?|ausfuhr|einfuhr|handel))\p{Lu}\p{Ll}{2,}?)(?:exporte?n?|importe?n?|ausfuhre?n?|einfuhre?n?|handels?|lieferungen)(?![\p{L}])|(?<![\p{L}])(?<en>(?!(?:total|annual|overall|net|goods|merchandise|its|their|the|and|of|bilateral|two-way|world|country's|nation's|record|monthly|export|import|trade|largest|biggest|second|third|top|main|leading|major)\b)[a-z]{3,}(?: [a-z]{3,})?) (?:exports?|imports?|exporters?|importers?|shipments|suppliers?|producers?|sales)(?![\p{L}])/gu;

/** Services: the figure is not (only) goods trade. */
export const SERVICES =
  /(?<![\p{L}])(?:Dienstleistung\p{L}*|services|Waren und Dienstleistungen|goods and services)(?![\p{L}])/iu;

/** Words that refer to the article's two countries as a pair: only then may the pair fill a missing side. */
export const PAIR_REFERENCE =
  /(?<![\p{L}])(?:bilateral\p{L}*|gegenseitig\p{L}*|beide[nrs]? (?:Länder|Staaten|Seiten)|beiden Ländern|zwischen (?:den )?beiden|miteinander|the two (?:countries|nations|sides|economies)|both countries|between them|each other)(?![\p{L}])/iu;

/** A country's total: the partner is the World. */
export const TOTAL =
  /(?<![\p{L}])(?:insgesamt|gesamten?|Gesamt\p{L}*|weltweit\p{L}*|total\p{L}*|overall|worldwide|global(?:ly)?|in all|to the world|with the world|alle[nr]? (?:Länder|Staaten)|all countries)(?![\p{L}])/iu;

/** Regions and groups without a country code: a figure of theirs is not a country's. */
export const REGION =
  /(?<![\p{L}])(?:Lateinamerik\p{L}*|Latin Americ\p{L}*|Südamerik\p{L}*|South Americ\p{L}*|Mittelamerik\p{L}*|Central Americ\p{L}*|Nordamerik\p{L}*|North Americ\p{L}*|Afrika\p{L}*|Africa\p{L}*|Asien|Asia\p{L}*|asiatisch\p{L}*|Nahost|Middle East\p{L}*|Golfstaaten|Gulf states|Eurozone|Euroraum\p{L}*|euro (?:area|zone)|eurozone|Nicht-EU\p{L}*|non-EU|Osteuropa|Eastern Europe\p{L}*|Skandinavi\p{L}*|Scandinavia\p{L}*|ASEAN|Mercosur|OPEC|Schwellenländer\p{L}*|emerging (?:markets|economies)|Entwicklungsländer\p{L}*|developing (?:countries|nations)|Westen|the West|Industrieländer\p{L}*|rich countries|G7|G20|BRICS)(?![\p{L}])/gu;

export const CLAIM_KINDS = new Set([
  "amount",
  "percent",
  "points",
  "fraction",
  "multiple",
  "physical",
  "rank",
]);

export function nearest(
  list: Cue[],
  q: Span,
  maxDist = Number.POSITIVE_INFINITY,
): { cue: Cue; dist: number } | undefined {
  let best: { cue: Cue; dist: number } | undefined;
  for (const c of list) {
    if (c.end > q.start && c.start < q.end) continue;
    // A word after the figure ("30 Prozent der Exporte") binds more closely than one before it.
    const dist = c.start >= q.end ? c.start - q.end : (q.start - c.end) * 1.3;
    if (dist <= maxDist && (!best || dist < best.dist)) best = { cue: c, dist };
  }
  return best;
}

export function inside(list: Cue[], span: Span): Cue[] {
  return list.filter((c) => c.start >= span.start && c.end <= span.end);
}

/** Cue words of one sentence, found once per pattern however many figures the sentence holds. */
export class SentenceCues {
  private readonly cache = new Map<RegExp, Cue[]>();
  constructor(
    private readonly text: string,
    private readonly sentence: Span,
  ) {}
  get(re: RegExp): Cue[] {
    let list = this.cache.get(re);
    if (!list) {
      list = cues(re, this.text, this.sentence);
      this.cache.set(re, list);
    }
    return list;
  }
}

export const CLAUSE_PENALTY = 200;
