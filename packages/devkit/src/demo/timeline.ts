/** How a timeline line reads: done, failed, an action the demo takes, the gate's own step, progress, plain. */
export type LineKind = "ok" | "fail" | "action" | "gate" | "progress" | "info";

const MARKS: Record<LineKind, string> = { ok: "✓", fail: "✗", action: "→", gate: "·", progress: "…", info: " " };
const COLOURS: Record<LineKind, string> = {
  ok: "\u001b[32m",
  fail: "\u001b[31m",
  action: "\u001b[36m",
  gate: "\u001b[2m",
  progress: "\u001b[2m",
  info: "",
};
const BOLD = "\u001b[1m";
const RESET = "\u001b[0m";
/** A slow step says it is still running this often, so a silent terminal never looks hung. */
const STILL_RUNNING_EVERY_MS = 5_000;

export interface TimelineOptions {
  readonly write: (text: string) => void;
  /** ANSI colours; the caller decides (only on a terminal, never with NO_COLOR / --no-color). */
  readonly color: boolean;
  /** Milliseconds; only differences are used. */
  readonly now?: () => number;
}

/**
 * The demo's story as it happens: one line per step, each with its offset from the start
 * (`+12.3s`), a mark and the text. Headings separate the acts; blocks (a report, an event) are
 * printed indented under the step that produced them.
 */
export class Timeline {
  private readonly now: () => number;
  private readonly started: number;

  constructor(private readonly options: TimelineOptions) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  line(kind: LineKind, text: string): void {
    const offset = `+${((this.now() - this.started) / 1000).toFixed(1)}s`.padStart(7);
    const body = `${MARKS[kind]} ${text}`;
    this.options.write(`${offset}  ${this.paint(COLOURS[kind], body)}\n`);
  }

  heading(text: string): void {
    this.options.write(`\n${this.paint(BOLD, text)}\n`);
  }

  /** Multi-line output (a JSON event, the checklist) under the current step, indented to the text column. */
  block(text: string): void {
    const indented = text
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => (line ? `           ${line}` : ""))
      .join("\n");
    this.options.write(`${indented}\n`);
  }

  /** Runs a slow step: says what it starts, and every few seconds that it is still running. */
  async slow<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.line("progress", label);
    const startedAt = this.now();
    const ticker = setInterval(
      () => this.line("progress", `still ${label} (${Math.round((this.now() - startedAt) / 1000)} s)`),
      STILL_RUNNING_EVERY_MS,
    );
    try {
      return await work();
    } finally {
      clearInterval(ticker);
    }
  }

  private paint(code: string, text: string): string {
    return this.options.color && code ? `${code}${text}${RESET}` : text;
  }
}
