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

/** "Not elsewhere specified" partners: each keeps its own code, so two of them never merge into one flow. */
function unspecified(list: [string, string, string, string[]][]): EntityDef[] {
  return list.map(([code, en, de, aliases]) => ({ code, kind: "aggregate" as const, en, de, aliases }));
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
  ...unspecified([
    [
      "XNS",
      "Countries and areas not specified",
      "Länder und Gebiete, nicht zugeordnet",
      ["Countries & Areas not specified"],
    ],
    [
      "XOC",
      "Other countries not included elsewhere",
      "Übrige Länder, nicht anderweitig erfasst",
      ["Other Countries not included elsewhere"],
    ],
    // Comtrade's "Other Asia, nes" is mostly Taiwan, but Comtrade does not say so: it stays apart.
    [
      "XOA",
      "Other Asia, not elsewhere specified",
      "Übriges Asien, nicht anderweitig erfasst",
      ["Other Asia, nes"],
    ],
    ["XAR", "Areas, not elsewhere specified", "Gebiete, nicht anderweitig erfasst", ["Areas, nes"]],
    [
      "XOE",
      "Other Europe, not elsewhere specified",
      "Übriges Europa, nicht anderweitig erfasst",
      ["Other Europe, nes"],
    ],
    [
      "XOF",
      "Other Africa, not elsewhere specified",
      "Übriges Afrika, nicht anderweitig erfasst",
      ["Other Africa, nes"],
    ],
    ["XLA", "LAIA, not elsewhere specified", "LAIA, nicht anderweitig erfasst", ["LAIA, nes"]],
    [
      "XNC",
      "North and Central America, not elsewhere specified",
      "Nord- und Mittelamerika, nicht anderweitig erfasst",
      ["North America and Central America, nes"],
    ],
    ["XOO", "Oceania, not elsewhere specified", "Ozeanien, nicht anderweitig erfasst", ["Oceania, nes"]],
    [
      "XRA",
      "Rest of America, not elsewhere specified",
      "Übriges Amerika, nicht anderweitig erfasst",
      ["Rest of America, nes"],
    ],
    ["XCR", "Caribbean, not elsewhere specified", "Karibik, nicht anderweitig erfasst", ["Caribbean, nes"]],
    [
      "XNR",
      "Northern Africa, not elsewhere specified",
      "Nordafrika, nicht anderweitig erfasst",
      ["Northern Africa, nes"],
    ],
    [
      "XEQ",
      "Eastern Europe, not elsewhere specified",
      "Osteuropa, nicht anderweitig erfasst",
      ["Eastern Europe, nes"],
    ],
    [
      "XWA",
      "Western Asia, not elsewhere specified",
      "Westasien, nicht anderweitig erfasst",
      ["Western Asia, nes"],
    ],
    ["XCA", "CACM, not elsewhere specified", "CACM, nicht anderweitig erfasst", ["CACM, nes"]],
    ["XEF", "Europe EFTA, not elsewhere specified", "EFTA, nicht anderweitig erfasst", ["Europe EFTA, nes"]],
    ["XUN", "EU, not elsewhere specified", "EU, nicht anderweitig erfasst", ["EU, nes", "Europe EU, nes"]],
    [
      "XCM",
      "Africa CAMEU region, not elsewhere specified",
      "Afrika, CAMEU-Region, nicht anderweitig erfasst",
      ["Africa CAMEU region, nes"],
    ],
    ["XBA", "British Antarctic Territory", "Britisches Antarktis-Territorium", ["Br. Antarctic Terr."]],
    ["XFZ", "Free zones", "Freizonen", ["Free Zones"]],
    ["XBU", "Bunkers", "Bunkerbestände", ["Bunkers"]],
    ["XSH", "Ships' stores", "Schiffsbedarf", ["Ships' stores"]],
    ["XNZ", "Neutral zone", "Neutrale Zone", ["Neutral Zone"]],
    ["XSC", "Special categories", "Sonderkategorien", ["Special Categories"]],
  ]),
  {
    code: "XMI",
    kind: "aggregate",
    en: "Memorandum items",
    de: "Nachrichtlich",
    // A heading row in the IMF workbooks, not a partner: it carries no values.
    aliases: ["Memorandum Items"],
  },
  // A group of two Crown Dependencies (Jersey, Guernsey) that Comtrade reports as one partner (830).
  { code: "XCI", kind: "aggregate", en: "Channel Islands", de: "Kanalinseln", aliases: ["Channel Islands"] },
  { code: "XAN", kind: "aggregate", en: "ASEAN", de: "ASEAN", aliases: ["ASEAN"] },
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
    aliases: ["Malaysia, West", "Peninsula Malaysia", "Peninsula Malaysia (...1963)"],
    successors: ["MYS"],
  },
  {
    code: "XSA",
    kind: "historical",
    en: "Southern African Common Customs Area",
    de: "Südafrikanische Zollunion",
    // Comtrade and BACI code 711, DOTS's SACCA: the customs union as one trading economy, before South
    // Africa (710) reported alone from 2000. Historical like Belgium-Luxembourg: a former reporting unit,
    // kept apart so that SACU's figures never become South Africa's.
    aliases: [
      "South African Common Customs Area (SACCA)",
      "SACU",
      "Southern African Customs Union",
      "Southern African Customs Union (...1999)",
      "So. African Customs Union",
    ],
    successors: ["ZAF", "BWA", "LSO", "NAM", "SWZ"],
  },
  // UN Comtrade's historical partners (its partner list, entry/exit years in brackets). Each keeps its own
  // entity: a predecessor's trade is never silently a successor's. Former ISO 3166 codes where there was one.
  ...historical([
    ["VDR", "North Vietnam", "Nordvietnam", ["Dem. Rep. of Vietnam (...1974)", "North Vietnam"], ["VNM"]],
    ["XVN", "South Vietnam", "Südvietnam", ["Rep. of Vietnam (...1974)", "South Vietnam"], ["VNM"]],
    [
      "XPK",
      "Pakistan (East and West, before 1972)",
      "Pakistan (Ost und West, vor 1972)",
      ["East and West Pakistan (...1971)"],
      ["PAK", "BGD"],
    ],
    [
      "XET",
      "Ethiopia (with Eritrea, before 1993)",
      "Äthiopien (mit Eritrea, vor 1993)",
      ["Ethiopia (...1992)"],
      ["ETH", "ERI"],
    ],
    [
      "XSD",
      "Sudan (with South Sudan, before 2012)",
      "Sudan (mit Südsudan, vor 2012)",
      ["Sudan (...2011)", "Fmr Sudan", "Former Sudan"],
      ["SDN", "SSD"],
    ],
    [
      "PCI",
      "Trust Territory of the Pacific Islands",
      "Treuhandgebiet Pazifische Inseln",
      ["Pacific Isds (...1991)"],
      ["FSM", "MHL", "MNP", "PLW"],
    ],
    ["PCZ", "Panama Canal Zone", "Panamakanalzone", ["Panama-Canal-Zone (...1977)"], ["PAN"]],
    ["XSB", "Sabah (before 1964)", "Sabah (vor 1964)", ["Sabah (...1963)"], ["MYS"]],
    ["XSK", "Sarawak (before 1964)", "Sarawak (vor 1964)", ["Sarawak"], ["MYS"]],
    [
      "XRN",
      "Federation of Rhodesia and Nyasaland",
      "Föderation von Rhodesien und Njassaland",
      ["Rhodesia Nyas (...1964)"],
      ["ZMB", "ZWE", "MWI"],
    ],
    [
      "XKN",
      "Saint Kitts, Nevis and Anguilla",
      "St. Kitts, Nevis und Anguilla",
      ["Saint Kitts, Nevis and Anguilla (...1980)"],
      ["KNA", "AIA"],
    ],
    [
      "XSM",
      "Sikkim (before 1975)",
      "Sikkim (vor 1975)",
      ["Sikkim, Protectorate of India (...1974)"],
      ["IND"],
    ],
    ["XTG", "Tanganyika", "Tanganjika", ["Tanganyika (...1964)"], ["TZA"]],
    ["XZP", "Zanzibar and Pemba", "Sansibar und Pemba", ["Zanzibar and Pemba Isd (...1964)"], ["TZA"]],
    ["XRY", "Ryukyu Islands (before 1973)", "Ryūkyū-Inseln (vor 1973)", ["Ryukyu Isd"], ["JPN"]],
  ]),
];

function historical(list: [string, string, string, string[], string[]][]): EntityDef[] {
  return list.map(([code, en, de, aliases, successors]) => ({
    code,
    kind: "historical" as const,
    en,
    de,
    aliases,
    successors,
  }));
}

/** Current countries and territories that ISO 3166-1 lacks or that publishers name their own way. */
export const EXTRA_COUNTRIES: EntityDef[] = [
  { code: "XKX", kind: "country", en: "Kosovo", de: "Kosovo", aliases: ["Kosovo", "Kosovo, Rep. of"] },
  // US island territories that Comtrade and BACI report apart from the United States Minor Outlying
  // Islands (UMI) as a whole; former ISO 3166 codes. Not merged into UMI, whose extent differs.
  {
    code: "PUS",
    kind: "country",
    en: "US Miscellaneous Pacific Islands",
    de: "Sonstige pazifische Inseln der USA",
    aliases: ["US Misc. Pacific Isds", "US Miscellaneous Pacific Islands"],
  },
  { code: "MID", kind: "country", en: "Midway Islands", de: "Midwayinseln", aliases: ["Midway Islands"] },
  // Not plain "Wake": the claims checker takes entity names as country mentions ("in the wake of").
  { code: "WAK", kind: "country", en: "Wake Island", de: "Wakeinsel", aliases: ["Wake Island"] },
];
