// The frame every chart shares: title, subtitle, legend and source line drawn as SVG around a Plot,
// so one self-contained SVG string serves the HTML report, the PNG, the PDF and the dashboard.
// Browser-safe: Observable Plot and plain strings only; the server passes a linkedom document.
import * as Plot from "@observablehq/plot";
import { decimal, type Lang } from "../format.ts";

export interface ChartEnv {
  /** A DOM document for Plot; the browser's own is used when absent. */
  document?: Document;
  width?: number;
}

export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
  /** A bar swatch instead of a line. */
  bar?: boolean;
}

export interface ChartSpec {
  name: string;
  title: string;
  subtitle?: string;
  source: string;
  legend?: LegendItem[];
  height?: number;
  plot: Plot.PlotOptions;
}

export const FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
export const COLORS = {
  a: "#1f5fa8",
  b: "#c0392b",
  eu: "#6b6b6b",
  palette: [
    "#2a9d8f",
    "#e9a23b",
    "#8e6cc4",
    "#7a8b2e",
    "#d16ba5",
    "#4e9ad6",
    "#a0522d",
    "#3d405b",
    "#b5838d",
    "#588157",
  ],
};

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Years as years: 2020, never 2,020. */
export const yearTick = (d: number) => String(Math.round(d));

export const numberTick =
  (lang: Lang, digits = 0) =>
  (d: number) =>
    decimal(d, digits, lang);

export const percentTick = (lang: Lang) => (d: number) => {
  const v = d * 100;
  const digits = Math.abs(v) < 1 && v !== 0 ? 1 : 0;
  return lang === "de" ? `${decimal(v, digits, lang)} %` : `${decimal(v, digits, lang)}%`;
};

/** Wraps text to lines of at most `max` characters, at spaces. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function defaultDocument(env: ChartEnv): Document {
  if (env.document) return env.document;
  if (typeof document !== "undefined") return document;
  throw new Error("No DOM document: on the server, render charts through renderChartSvg (linkedom).");
}

export function frame(spec: ChartSpec, env: ChartEnv = {}): string {
  const width = env.width ?? 760;
  const pad = 16;
  const titleLines = wrap(spec.title, 70);
  const subLines = spec.subtitle ? wrap(spec.subtitle, 110) : [];
  let y = pad;
  const parts: string[] = [];
  for (const line of titleLines) {
    y += 18;
    parts.push(
      `<text x="${pad}" y="${y}" font-size="16" font-weight="bold" fill="#111">${escapeXml(line)}</text>`,
    );
  }
  for (const line of subLines) {
    y += 16;
    parts.push(`<text x="${pad}" y="${y}" font-size="12" fill="#444">${escapeXml(line)}</text>`);
  }
  // Legend: swatches in rows.
  if (spec.legend?.length) {
    y += 10;
    let x = pad;
    let rowY = y + 10;
    for (const item of spec.legend) {
      const w = 26 + item.label.length * 6.6 + 14;
      if (x + w > width - pad) {
        x = pad;
        rowY += 18;
      }
      parts.push(
        item.bar
          ? `<rect x="${x}" y="${rowY - 9}" width="14" height="10" fill="${item.color}"/>`
          : `<line x1="${x}" y1="${rowY - 4}" x2="${x + 20}" y2="${rowY - 4}" stroke="${item.color}" stroke-width="2.5"${item.dashed ? ' stroke-dasharray="5,3"' : ""}/>`,
      );
      parts.push(
        `<text x="${x + (item.bar ? 20 : 26)}" y="${rowY}" font-size="11.5" fill="#222">${escapeXml(item.label)}</text>`,
      );
      x += w;
    }
    y = rowY + 4;
  }
  y += 6;
  const plotHeight = spec.height ?? 300;
  const svg = Plot.plot({
    ...spec.plot,
    document: defaultDocument(env),
    width,
    height: plotHeight,
    style: { fontFamily: FONT, fontSize: "11px", background: "white", color: "#222" },
  }) as unknown as Element;
  svg.setAttribute("x", "0");
  svg.setAttribute("y", String(y));
  svg.setAttribute("font-family", FONT);
  svg.setAttribute("font-size", "11");
  svg.removeAttribute("class");
  svg.removeAttribute("style");
  // Plot's stylesheet uses :where() selectors PNG renderers do not read; the attributes above carry the look.
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
  const plotSvg = svg.outerHTML;
  y += plotHeight + 4;
  const sourceLines = wrap(spec.source, 120);
  for (const line of sourceLines) {
    y += 13;
    parts.push(`<text x="${pad}" y="${y}" font-size="10" fill="#555">${escapeXml(line)}</text>`);
  }
  const height = Math.ceil(y + pad);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" role="img" data-chart="${spec.name}">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...parts,
    plotSvg,
    "</svg>",
  ].join("");
}

/** A chart with nothing to draw says why, in the same frame. */
export function emptyChart(name: string, title: string, reason: string, env: ChartEnv = {}): string {
  const width = env.width ?? 760;
  const lines = wrap(reason, 90);
  const height = 90 + lines.length * 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" role="img" data-chart="${name}" data-empty="true">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="16" y="34" font-size="16" font-weight="bold" fill="#111">${escapeXml(title)}</text>`,
    ...lines.map(
      (l, i) => `<text x="16" y="${64 + i * 16}" font-size="12" fill="#555">${escapeXml(l)}</text>`,
    ),
    "</svg>",
  ].join("");
}
