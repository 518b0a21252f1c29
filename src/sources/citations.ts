// What each source is and how to cite it: the publisher, the licence and the citation, and nothing else, so
// an indicator can cite its data without importing the code that parses them.
import type { SourceInfo } from "./types.ts";

export const CEPII_INFO: SourceInfo = {
  name: "cepii",
  publisher: "CEPII, GeoDist",
  licence: "free with citation",
  citation:
    "Mayer, T. & Zignago, S. (2011). Notes on CEPII's distances measures: the GeoDist Database. CEPII Working Paper 2011-25.",
};

export const COMTRADE_API_INFO: SourceInfo = {
  name: "comtrade",
  publisher: "United Nations, UN Comtrade Database (API v1)",
  licence: "UN Comtrade terms of use: https://uncomtrade.org/docs/policy-on-use-of-data/",
  citation: "United Nations Statistics Division, UN Comtrade Database, https://comtradeplus.un.org",
};

export const EI_INFO: SourceInfo = {
  name: "ei-energy",
  publisher: "Energy Institute, Statistical Review of World Energy",
  licence: "free use with attribution",
  citation:
    "Energy Institute, Statistical Review of World Energy (2023, 2024 editions); bp Statistical Review of World Energy (2019–2022 editions), https://www.energyinst.org/statistical-review",
};

export const CDIS_INFO: SourceInfo = {
  name: "imf-cdis",
  publisher: "International Monetary Fund, Coordinated Direct Investment Survey",
  licence: "IMF data, free use with attribution",
  citation: "IMF, Coordinated Direct Investment Survey (CDIS), https://data.imf.org/CDIS",
};

export const IMF_DOTS: SourceInfo = {
  name: "imf-dots",
  publisher: "IMF, Direction of Trade Statistics",
  licence: "IMF public data; free use with attribution",
  citation: "International Monetary Fund, Direction of Trade Statistics (DOTS), annual, 1960–2020.",
};

export const IMTS_INFO: SourceInfo = {
  name: "imts",
  publisher: "International Monetary Fund, International Trade in Goods (by partner country) (IMTS)",
  licence: "© International Monetary Fund, all rights reserved; https://www.imf.org/external/terms.htm",
  citation:
    "International Monetary Fund. International Trade in Goods (by partner country), https://data.imf.org/en/datasets/IMF.STA:IMTS",
};

export const SIPRI_INFO: SourceInfo = {
  name: "sipri",
  publisher: "Stockholm International Peace Research Institute (SIPRI)",
  licence: "free use with attribution",
  citation: "SIPRI Arms Transfers Database, https://www.sipri.org/databases/armstransfers",
};

export const TIDY_TRADE: SourceInfo = {
  name: "tidy-trade",
  publisher: "as named in each row's source column",
  licence: "as the publisher named in the source column grants",
  citation: "The publisher named in each row's source column.",
};

export const UNCTAD_FDI_INFO: SourceInfo = {
  name: "unctad-fdi",
  publisher: "UNCTAD, Bilateral FDI Statistics",
  licence: "UNCTAD data, free use with attribution",
  citation: "UNCTAD, Bilateral FDI Statistics 2014, https://unctad.org/fdistatistics",
};

export const UNVOTES_INFO: SourceInfo = {
  name: "unvotes",
  publisher: "Erik Voeten, Data and Analyses of Voting in the UN General Assembly (via R package unvotes)",
  licence: "CC0",
  citation:
    'Voeten, Erik (2013). "Data and Analyses of Voting in the UN General Assembly", in Routledge Handbook of International Organization; Harvard Dataverse hdl:1902.1/12379. Packaged by the R package unvotes (Robinson).',
};

export const VOETEN_INFO: SourceInfo = {
  name: "voeten",
  publisher: "Bailey, Strezhnev & Voeten, United Nations General Assembly Voting Data",
  licence: "CC0",
  citation:
    'Bailey, Michael A., Anton Strezhnev and Erik Voeten (2017). "Estimating Dynamic State Preferences from United Nations Voting Data", Journal of Conflict Resolution 61(2): 430–456; data: Harvard Dataverse hdl:1902.1/12379 (June 2024 release).',
};

export const WDI_INFO: SourceInfo = {
  name: "wdi",
  publisher: "World Bank, World Development Indicators",
  licence: "CC BY 4.0",
  citation:
    "World Bank, World Development Indicators (NY.GDP.PCAP.CD; population, total), https://databank.worldbank.org",
};

export const BACI_INFO: SourceInfo = {
  name: "baci",
  publisher: "CEPII",
  licence: "Etalab Open Licence 2.0 (free use with attribution)",
  citation:
    "Gaulier, G. and Zignago, S. (2010), BACI: International Trade Database at the Product-Level. The 1994-2007 Version. CEPII Working Paper 2010-23; CEPII BACI, http://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37",
};

export const MME_INFO: SourceInfo = {
  name: "mme",
  publisher: "Multinational Military Exercises dataset (Vito D'Orazio, Ahmet Galambos)",
  licence: "CC0 (Harvard Dataverse)",
  citation:
    "D'Orazio, Vito; Galambos, Ahmet: Multinational Military Exercises, version 7, Harvard Dataverse, doi:10.7910/DVN/KHFODX",
};

export const JME_INFO: SourceInfo = {
  name: "jme",
  publisher: "Joint Military Exercises dataset (Vito D'Orazio)",
  licence: "CC0 (Harvard Dataverse)",
  citation: "D'Orazio, Vito: Joint Military Exercises, version 3, Harvard Dataverse, doi:10.7910/DVN/KHFODX",
};
