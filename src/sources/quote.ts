// What an error may quote of a publisher's answer: one line at most, so a message never pastes a page.

/** The first non-blank line of `text`, whitespace collapsed, cut at `max` characters. */
export function oneLine(text: string, max = 160): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? "";
  const t = line.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
