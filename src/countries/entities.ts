// Entities that are not current ISO 3166-1 countries: aggregates (kept, because World totals are the
// denominators of shares) and historical entities (kept apart, so that USSR trade never silently becomes
// Russia's). Codes for aggregates follow the World Bank where it has one (WLD, EUU, EMU); the rest use an
// `X` prefix, which ISO 3166 reserves for user-assigned codes, so none can collide with a real country.

export type EntityKind = "country" | "aggregate" | "historical";

export interface EntityDef {
  code: string;
  kind: EntityKind;
  en: string;
  de: string;
  /** Names publishers use for it, matched after normalisation. */
  aliases: string[];
  /** For historical entities: the ISO3 codes of today's successors, for the reader's orientation only. */
  successors?: string[];
}

export const AGGREGATES: EntityDef[] = [
  { code: "WLD", kind: "aggregate", en: "World", de: "Welt", aliases: ["World", "Welt", "WLD"] },
  {
    code: "EUU",
    kind: "aggregate",
    en: "European Union",
    de: "Europäische Union",
    aliases: ["European Union", "EU", "EU27", "EU-27", "Europäische Union"],
  },
  {
    code: "EMU",
    kind: "aggregate",
    en: "Euro Area",
    de: "Euroraum",
    aliases: ["Euro Area", "Euro area", "Eurozone", "Euroraum"],
  },
  {
    code: "XAE",
    kind: "aggregate",
    en: "Advanced Economies",
    de: "Fortgeschrittene Volkswirtschaften",
    aliases: ["Advanced Economies"],
  },
  {
    code: "XED",
    kind: "aggregate",
    en: "Emerging and Developing Economies",
    de: "Schwellen- und Entwicklungsländer",
    aliases: ["Emerging and Developing Economies"],
  },
  {
    code: "XEA",
    kind: "aggregate",
    en: "Emerging and Developing Asia",
    de: "Schwellen- und Entwicklungsländer Asiens",
    aliases: ["Emerging and Developing Asia"],
  },
  {
    code: "XEE",
    kind: "aggregate",
    en: "Emerging and Developing Europe",
    de: "Schwellen- und Entwicklungsländer Europas",
    aliases: ["Emerging and Developing Europe"],
  },
  {
    code: "XFU",
    kind: "aggregate",
    en: "Emerging and developing economies: fuel exporters",
    de: "Schwellen- und Entwicklungsländer: Brennstoffexporteure",
    aliases: ["Emerging Market and Developing Economies by Source of Export Earnings: Fuel"],
  },
  {
    code: "XNF",
    kind: "aggregate",
    en: "Emerging and developing economies: non-fuel exporters",
    de: "Schwellen- und Entwicklungsländer: übrige Exporteure",
    aliases: ["Emerging Market and Developing Economies by Source of Export Earnings: Nonfuel"],
  },
  { code: "XAF", kind: "aggregate", en: "Africa", de: "Afrika", aliases: ["Africa"] },
  {
    code: "XSS",
    kind: "aggregate",
    en: "Sub-Saharan Africa",
    de: "Subsahara-Afrika",
    aliases: ["Sub-Saharan Africa"],
  },
  { code: "XME", kind: "aggregate", en: "Middle East", de: "Naher Osten", aliases: ["Middle East"] },
  {
    code: "XMC",
    kind: "aggregate",
    en: "Middle East and Central Asia",
    de: "Naher Osten und Zentralasien",
    aliases: ["Middle East and Central Asia"],
  },
  {
    code: "XWH",
    kind: "aggregate",
    en: "Western Hemisphere",
    de: "Westliche Hemisphäre",
    aliases: ["Western Hemisphere"],
  },
  {
    code: "XAS",
    kind: "aggregate",
    en: "Africa not specified",
    de: "Afrika, nicht zugeordnet",
    aliases: ["Africa not specified"],
  },
  {
    code: "XZA",
    kind: "aggregate",
    en: "Asia not specified",
    de: "Asien, nicht zugeordnet",
    aliases: ["Asia not specified"],
  },
  {
    code: "XEN",
    kind: "aggregate",
    en: "Europe not specified",
    de: "Europa, nicht zugeordnet",
    aliases: ["Europe not specified"],
  },
  {
    code: "XMN",
    kind: "aggregate",
    en: "Middle East and Central Asia not specified",
    de: "Naher Osten und Zentralasien, nicht zugeordnet",
    aliases: ["Middle East and Central Asia not specified"],
  },
  {
    code: "XWN",
    kind: "aggregate",
    en: "Western Hemisphere not specified",
    de: "Westliche Hemisphäre, nicht zugeordnet",
    aliases: ["Western Hemisphere not specified"],
  },
  {
    code: "XNS",
    kind: "aggregate",
    en: "Countries and areas not specified",
    de: "Länder und Gebiete, nicht zugeordnet",
    aliases: [
      "Countries & Areas not specified",
      "Other Countries not included elsewhere",
      "Areas, nes",
      "Other Asia, nes",
      "Other Europe, nes",
      "Other Africa, nes",
      "North America and Central America, nes",
      "Oceania, nes",
      "Rest of America, nes",
      "LAIA, nes",
      "Caribbean, nes",
      "Northern Africa, nes",
      "Eastern Europe, nes",
      "Western Asia, nes",
      "CACM, nes",
      "Europe EFTA, nes",
      "EU, nes",
      "Fr. South Antarctic Terr.",
      "Br. Antarctic Terr.",
      "Br. Indian Ocean Terr.",
    ],
  },
  {
    code: "XSC",
    kind: "aggregate",
    en: "Special categories",
    de: "Sonderkategorien",
    aliases: ["Special Categories", "Bunkers", "Free Zones", "Neutral Zone", "Ships' stores"],
  },
  {
    code: "XMI",
    kind: "aggregate",
    en: "Memorandum items",
    de: "Nachrichtlich",
    // A heading row in the IMF workbooks, not a partner: it carries no values.
    aliases: ["Memorandum Items"],
  },
  {
    code: "XSA",
    kind: "aggregate",
    en: "Southern African Common Customs Area",
    de: "Südafrikanische Zollunion",
    aliases: ["South African Common Customs Area (SACCA)", "SACU"],
  },
];

export const HISTORICAL: EntityDef[] = [
  {
    code: "SUN",
    kind: "historical",
    en: "Soviet Union",
    de: "Sowjetunion",
    aliases: ["USSR", "Soviet Union", "Sowjetunion", "UdSSR"],
    successors: [
      "RUS",
      "UKR",
      "BLR",
      "KAZ",
      "UZB",
      "GEO",
      "AZE",
      "ARM",
      "MDA",
      "KGZ",
      "TJK",
      "TKM",
      "LTU",
      "LVA",
      "EST",
    ],
  },
  {
    code: "YUG",
    kind: "historical",
    en: "Yugoslavia",
    de: "Jugoslawien",
    aliases: ["Yugoslavia", "Jugoslawien", "Socialist Federal Republic of Yugoslavia", "Former Yugoslavia"],
    successors: ["SRB", "HRV", "SVN", "BIH", "MKD", "MNE", "XKX"],
  },
  {
    code: "CSK",
    kind: "historical",
    en: "Czechoslovakia",
    de: "Tschechoslowakei",
    aliases: ["Czechoslovakia", "Tschechoslowakei"],
    successors: ["CZE", "SVK"],
  },
  {
    code: "DDR",
    kind: "historical",
    en: "German Democratic Republic",
    de: "Deutsche Demokratische Republik",
    aliases: ["Eastern Germany", "German Democratic Republic", "East Germany", "DDR", "German DR"],
    successors: ["DEU"],
  },
  {
    code: "SCG",
    kind: "historical",
    en: "Serbia and Montenegro",
    de: "Serbien und Montenegro",
    aliases: ["Serbia and Montenegro"],
    successors: ["SRB", "MNE"],
  },
  {
    code: "ANT",
    kind: "historical",
    en: "Netherlands Antilles",
    de: "Niederländische Antillen",
    aliases: ["Netherlands Antilles", "Neth. Antilles"],
    successors: ["CUW", "SXM", "BES"],
  },
  {
    code: "BLX",
    kind: "historical",
    en: "Belgium-Luxembourg",
    de: "Belgien-Luxemburg",
    aliases: ["Belgium-Luxembourg", "Belgium-Luxembourg Economic Union"],
    successors: ["BEL", "LUX"],
  },
  {
    code: "YAR",
    kind: "historical",
    en: "Yemen Arab Republic",
    de: "Jemenitische Arabische Republik",
    aliases: ["Yemen Arab Rep.", "North Yemen"],
    successors: ["YEM"],
  },
  {
    code: "YMD",
    kind: "historical",
    en: "People's Democratic Republic of Yemen",
    de: "Demokratische Volksrepublik Jemen",
    aliases: ["Yemen, People's Dem. Rep. of", "South Yemen"],
    successors: ["YEM"],
  },
  {
    code: "XMW",
    kind: "historical",
    en: "West Malaysia",
    de: "Westmalaysia",
    aliases: ["Malaysia, West"],
    successors: ["MYS"],
  },
];

/** Current countries and territories that ISO 3166-1 lacks or that publishers name their own way. */
export const EXTRA_COUNTRIES: EntityDef[] = [
  { code: "XKX", kind: "country", en: "Kosovo", de: "Kosovo", aliases: ["Kosovo", "Kosovo, Rep. of"] },
];
