// Per-phase compile times for `-ftime-report` (gcc's flag): which phase of
// the pipeline — preprocessing, parsing, sema, lowering, each IR pass,
// instruction selection, register allocation, encoding, the object writer —
// took how much CPU time.
//
// Phases nest (a pass runs inside "optimize", lexing inside preprocessing)
// and the report charges each moment to the innermost phase only, as gcc's
// timevar stack does, so the rows add up to the total. A phase entered many
// times (once per function) accumulates.
//
// Nothing is measured unless a report is active: `timed` then costs one
// comparison. The library never prints; `jitcc -ftime-report` prints
// `format()` on stderr.
//
// This file imports nothing, so every stage may import it.

export interface PhaseTime {
  readonly phase: string;
  readonly ms: number;
  readonly calls: number;
}

export class TimeReport {
  private readonly totals = new Map<string, { ms: number; calls: number }>();
  private readonly stack: string[] = [];
  /** CPU milliseconds at the last event. */
  private last = 0;
  private readonly startedAt = performance.now();
  private readonly cpuAtStart = process.cpuUsage();

  /** Starts `phase` inside the current one. */
  enter(phase: string): void {
    this.charge();
    this.stack.push(phase);
    const row = this.totals.get(phase);
    if (row === undefined) this.totals.set(phase, { ms: 0, calls: 1 });
    else row.calls++;
  }

  leave(): void {
    this.charge();
    this.stack.pop();
  }

  /**
   * CPU time (user + system, all of the process's threads) since the last
   * event goes to the innermost phase. CPU rather than wall time, because
   * the machines we measure on are shared: waiting for a core is no phase's cost.
   */
  private charge(): void {
    const cpu = process.cpuUsage();
    const now = (cpu.user + cpu.system) / 1000;
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) this.totals.get(top)!.ms += now - this.last;
    this.last = now;
  }

  /** The phases in first-entered order. */
  phases(): PhaseTime[] {
    return [...this.totals].map(([phase, r]) => ({ phase, ms: r.ms, calls: r.calls }));
  }

  /** gcc's layout: one row per phase with its time and share, then the total (wall and CPU). */
  format(): string {
    const rows = this.phases();
    const wall = performance.now() - this.startedAt;
    const cpu = process.cpuUsage(this.cpuAtStart);
    const measured = rows.reduce((s, r) => s + r.ms, 0);
    const lines = ['Time variable                           CPU (ms)       calls'];
    for (const r of rows) {
      const share = measured > 0 ? (100 * r.ms) / measured : 0;
      lines.push(` ${r.phase.padEnd(34)} : ${r.ms.toFixed(1).padStart(9)} (${share.toFixed(0).padStart(3)}%) ${String(r.calls).padStart(9)}`);
    }
    lines.push(` ${'TOTAL'.padEnd(34)} : ${((cpu.user + cpu.system) / 1000).toFixed(1).padStart(9)}        usr ${(cpu.user / 1000).toFixed(0)} ms  sys ${(cpu.system / 1000).toFixed(0)} ms  wall ${wall.toFixed(0)} ms`);
    return lines.join('\n') + '\n';
  }
}

let active: TimeReport | null = null;

/** Runs `work` with `report` collecting every `timed` phase inside it (null: none). */
export function withTimeReport<T>(report: TimeReport | null, work: () => T): T {
  const outer = active;
  active = report;
  try {
    return work();
  } finally {
    active = outer;
  }
}

/** Runs `work` as phase `phase` of the active report, if any. */
export function timed<T>(phase: string, work: () => T): T {
  const r = active;
  if (r === null) return work();
  r.enter(phase);
  try {
    return work();
  } finally {
    r.leave();
  }
}
