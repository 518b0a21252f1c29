// SDMX-ML data messages, read with a streaming XML parser (saxes): the structure-specific form of SDMX 2.1
// and 3.0, which is what the IMF's API answers when it does not honour a request for SDMX-CSV. An
// observation is its series' key and attributes with the observation's own attributes on top, by SDMX
// concept id (COUNTRY, TIME_PERIOD, OBS_VALUE ...), so any dimensionAtObservation reads the same way.
// An SDMX error message (<message:Error>) becomes an error that says what the publisher said.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { oneLine } from "./quote.ts";
import { SourceError } from "./types.ts";

export interface SdmxObservation {
  values: Record<string, string>;
  /** Line of the <Obs> element in the answer (1 for an answer written on one line). */
  line: number;
}

export interface SdmxMlData {
  version: "2.1" | "3.0";
  observations: SdmxObservation[];
  /** Series announced without observations (e.g. a counterpart with no trade in the period). */
  emptySeries: number;
}

function versionOf(uri: string): "2.1" | "3.0" | undefined {
  if (/\/v2_1\//.test(uri)) return "2.1";
  if (/\/v3_0\//.test(uri)) return "3.0";
  return undefined;
}

/** Attributes without a namespace prefix: the SDMX concepts (xsi:type and the like are markup). */
function plainAttributes(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) if (!a.prefix) out[a.local] = a.value;
  return out;
}

export function readSdmxMl(text: string, file: string): SdmxMlData {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const observations: SdmxObservation[] = [];
  let version: "2.1" | "3.0" | undefined;
  let root: string | undefined;
  let series: Record<string, string> | undefined;
  let seriesObs = 0;
  let emptySeries = 0;
  let obs: SdmxObservation | undefined;
  // SDMX 3.0 may write an attribute as <Comp id="UNIT"><Value>USD</Value></Comp> inside a series or an obs.
  let comp: string | undefined;
  let text_ = "";
  const errorTexts: string[] = [];
  let inErrorText = false;

  parser.on("opentag", (tag) => {
    if (!root) {
      root = tag.local;
      version = versionOf(tag.uri);
      if (root !== "StructureSpecificData" && root !== "Error") {
        const hint =
          root === "GenericData"
            ? "dyad reads SDMX-CSV and structure-specific SDMX-ML; ask for one of those (the Accept header)."
            : /^html$/i.test(root)
              ? "This is a web page, not data: a proxy or a blocked network answered. Check --endpoint."
              : "This is not an SDMX data message; check --endpoint.";
        throw new SourceError(file, parser.line, `the XML's root element is <${tag.name}>`, hint);
      }
      if (!version) {
        throw new SourceError(
          file,
          parser.line,
          `the SDMX-ML namespace "${oneLine(tag.uri, 80)}" is neither SDMX 2.1 nor 3.0`,
          "dyad reads SDMX-ML 2.1 and 3.0 (structure-specific) and SDMX-CSV.",
        );
      }
      return;
    }
    if (root === "Error") {
      if (tag.local === "Text") {
        inErrorText = true;
        text_ = "";
      }
      return;
    }
    switch (tag.local) {
      case "Series":
        series = plainAttributes(tag);
        seriesObs = 0;
        break;
      case "Obs":
        obs = { values: { ...series, ...plainAttributes(tag) }, line: parser.line };
        break;
      case "Comp":
        comp = plainAttributes(tag).id;
        break;
      case "Value":
        text_ = "";
        break;
    }
  });
  parser.on("text", (t) => {
    text_ += t;
  });
  parser.on("closetag", (tag) => {
    if (root === "Error") {
      if (tag.local === "Text" && inErrorText) {
        errorTexts.push(text_.trim());
        inErrorText = false;
      }
      return;
    }
    switch (tag.local) {
      case "Obs":
        if (obs) observations.push(obs);
        obs = undefined;
        seriesObs++;
        break;
      case "Series":
        if (seriesObs === 0) emptySeries++;
        series = undefined;
        break;
      case "Value":
        if (comp) {
          const target = obs?.values ?? series;
          if (target && !(comp in target)) target[comp] = text_.trim();
        }
        break;
      case "Comp":
        comp = undefined;
        break;
    }
  });

  try {
    // Fed in pieces, as a download would arrive: the parser holds only the current element.
    for (let i = 0; i < text.length; i += 1 << 16) parser.write(text.slice(i, i + (1 << 16)));
    parser.close();
  } catch (err) {
    if (err instanceof SourceError) throw err;
    // saxes: "file:line:column: what"; the line is the parser's.
    const what = (err as Error).message.replace(/^[^:]*:\d+:\d+: /, "");
    throw new SourceError(
      file,
      parser.line,
      `not well-formed XML (${oneLine(what, 120)})`,
      "The answer looks truncated or is not SDMX-ML; fetch it again (the run resumes).",
    );
  }
  if (!root) {
    throw new SourceError(file, undefined, "no XML element in the answer", "Fetch the answer again.");
  }
  if (root === "Error") {
    throw new SourceError(
      file,
      undefined,
      `the publisher answered with an SDMX error: ${oneLine(errorTexts.join("; ") || "no text")}`,
      "Check the codes in the query and the years.",
    );
  }
  return { version: version ?? "2.1", observations, emptySeries };
}
