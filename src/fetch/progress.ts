// Progress of a fetch run: a bar with counts and ETA on a terminal, one plain line per request otherwise
// (logs, CI), nothing at all when quiet. Always on stderr, so `--json` output on stdout stays clean.
import cliProgress from "cli-progress";

export interface Progress {
  start(total: number, alreadyDone: number, what: string): void;
  step(label: string, outcome: string): void;
  note(message: string): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, step() {}, note() {}, stop() {} };

export function progressFor(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return silentProgress;
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

class BarProgress implements Progress {
  private bar?: cliProgress.SingleBar;
  constructor(private readonly stream: NodeJS.WriteStream) {}
  start(total: number, alreadyDone: number, what: string): void {
    this.bar = new cliProgress.SingleBar(
      {
        stream: this.stream,
        format: `${what} {bar} {value}/{total} requests | ETA {eta_formatted} | {label}`,
        etaBuffer: 20,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, alreadyDone, {
      label: alreadyDone ? `resuming: ${alreadyDone} already saved` : "",
    });
  }
  step(label: string, outcome: string): void {
    this.bar?.increment(1, { label: `${label} ${outcome}` });
  }
  note(message: string): void {
    this.bar?.update({ label: message });
  }
  stop(): void {
    this.bar?.stop();
  }
}

class LineProgress implements Progress {
  private total = 0;
  private done = 0;
  private started = 0;
  constructor(private readonly stream: NodeJS.WriteStream) {}
  start(total: number, alreadyDone: number, what: string): void {
    this.total = total;
    this.done = alreadyDone;
    this.started = Date.now();
    this.stream.write(
      `${what}: ${total} requests${alreadyDone ? `, resuming with ${alreadyDone} already saved` : ""}\n`,
    );
  }
  step(label: string, outcome: string): void {
    this.done++;
    this.stream.write(`  [${this.done}/${this.total}] ${label} ${outcome}\n`);
  }
  note(message: string): void {
    this.stream.write(`  ${message}\n`);
  }
  stop(): void {
    if (this.total) this.stream.write(`  done in ${((Date.now() - this.started) / 1000).toFixed(1)} s\n`);
  }
}
