// The dashboard: a small router over the URL (/, /dyad/A/B, /country/A, /check, each with ?lang=),
// links that navigate without reloading, and the language switch.
import "./style.css";
import type { Lang } from "./api.ts";
import { status } from "./dom.ts";
import { t } from "./i18n.ts";
import { checkPage } from "./pages/check.ts";
import { countryPage } from "./pages/country.ts";
import { dyadPage } from "./pages/dyad.ts";
import { homePage } from "./pages/home.ts";
import { currentLang, href, navigate, onNavigate } from "./state.ts";

const main = document.getElementById("main")!;
const nav = document.getElementById("nav")!;
const foot = document.getElementById("foot")!;

function chrome(lang: Lang): void {
  const s = t(lang);
  document.documentElement.lang = lang;
  const path = location.pathname;
  const link = (to: string, label: string, current: boolean) => {
    const a = document.createElement("a");
    a.href = href(to, lang);
    a.dataset.link = "";
    a.textContent = label;
    if (current) a.setAttribute("aria-current", "page");
    return a;
  };
  nav.replaceChildren(
    link("/", s.navPair, path === "/" || path.startsWith("/dyad")),
    link("/check", s.navCheck, path === "/check"),
  );
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  }
  foot.textContent = "dyad · API: /api/v1/openapi.json";
}

async function render(): Promise<void> {
  const lang = currentLang();
  chrome(lang);
  const parts = location.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(location.search);
  try {
    if (parts[0] === "dyad" && parts.length === 3) await dyadPage(main, lang, parts[1], parts[2]);
    else if (parts[0] === "dyad" && parts.length < 3)
      await homePage(main, lang, parts[1] ? [parts[1], ""] : undefined);
    else if (parts[0] === "country" && parts[1])
      await countryPage(main, lang, parts[1], query.get("flow") === "imports" ? "imports" : "exports");
    else if (parts[0] === "check") checkPage(main, lang);
    else {
      document.title = "dyad";
      await homePage(main, lang);
    }
  } catch (err) {
    main.replaceChildren(status(`${t(lang).error}: ${(err as Error).message}`, "error"));
  }
  document.body.dataset.ready = "true";
}

onNavigate(() => {
  document.body.dataset.ready = "false";
  void render().then(() => main.focus({ preventScroll: false }));
});

document.addEventListener("click", (e) => {
  const a = (e.target as Element).closest?.("a[data-link]") as HTMLAnchorElement | null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  if (a.origin !== location.origin) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
});

for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
  b.addEventListener("click", () => {
    const q = new URLSearchParams(location.search);
    if (b.dataset.lang === "en") q.delete("lang");
    else q.set("lang", b.dataset.lang!);
    const search = q.toString();
    navigate(location.pathname + (search ? `?${search}` : ""), true);
  });
}

window.addEventListener("popstate", () => void render());
void render();
