import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { buildDossier } from "../../src/dossier/index.ts";
import { ingestBaci } from "../../src/sources/baci.ts";
import { ingestTidyTrade } from "../../src/sources/tidy-trade.ts";
import { Store } from "../../src/store/index.ts";
import { SOURCES_DIR } from "../helpers/real-store.ts";

// The goods section with product data loaded: the real China–Russia customs series plus the small BACI
// fixture (test/fixtures/baci/good, made by make-fixtures.ts: Russia's car imports 2021–2023 from China,
// Germany and France, and Russia's exports to China by HS chapter).
let store: Store;
before(async () => {
  store = await Store.open({ home: mkdtempSync(join(tmpdir(), "dyad-goods-")) });
  await ingestTidyTrade(store, resolve(SOURCES_DIR, "reference"));
  await ingestBaci(store, resolve("test/fixtures/baci/good/BACI_HS92_V202601.zip"));
});
after(() => store.close());

const sentences = (d: Awaited<ReturnType<typeof buildDossier>>, heading: RegExp) =>
  d.sections
    .filter((s) => heading.test(s.id) || heading.test(s.title))
    .flatMap((s) => s.sentences.map((x) => x.text));

test("with BACI loaded, the English dossier names who overtook whom in Russia's car imports and cites BACI", async () => {
  const d = await buildDossier(store, "CHN", "RUS", { lang: "en" });
  const goods = sentences(d, /goods/i).join(" ");
  assert.match(goods, /China overtook (the EU|Germany) in Russia's imports of Passenger cars/);
  assert.match(goods, /BACI/);
  assert.doesNotMatch(goods, /not loaded/);
});

test("with BACI loaded, the German dossier has the goods section too", async () => {
  const d = await buildDossier(store, "CHN", "RUS", { lang: "de" });
  const goods = sentences(d, /Waren|Güter/i).join(" ");
  assert.ok(goods.length > 0, "a goods section in German");
  assert.match(goods, /BACI/);
});
