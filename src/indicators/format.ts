// A value in words a person reads: "14.7 %", "50.61 bn USD", "rank 1".
import type { IndicatorValue } from "./types.ts";

export function formatValue(v: Pick<IndicatorValue, "value" | "unit">): string {
  if (v.value === null) return "no value";
  switch (v.unit) {
    case "USD": {
      const abs = Math.abs(v.value);
      if (abs >= 1e12) return `${(v.value / 1e12).toFixed(2)} tn USD`;
      if (abs >= 1e9) return `${(v.value / 1e9).toFixed(2)} bn USD`;
      if (abs >= 1e6) return `${(v.value / 1e6).toFixed(2)} m USD`;
      return `${v.value.toFixed(0)} USD`;
    }
    case "fraction":
      return `${(v.value * 100).toFixed(2)} %`;
    case "rank":
      return `rank ${v.value}`;
    case "ratio":
      return `${v.value.toFixed(2)}×`;
    default:
      return `${Number.isInteger(v.value) ? v.value : v.value.toPrecision(6)} ${v.unit}`;
  }
}
