export type { Entity, EntityKind } from "./registry.ts";
export { countryName, normaliseName, registry, resolveCountry, UnknownCountryError } from "./registry.ts";
