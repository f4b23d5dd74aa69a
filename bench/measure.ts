// How the bench measures a program: CPU seconds of a child process, and
// its instruction count under valgrind's cachegrind (a stable secondary
// figure on a shared, noisy machine without hardware counters).

import { spawnSync } from 'node:child_process';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function geomean(xs: readonly number[]): number {
  return xs.length ? Math.exp(xs.reduce((a, b) => a + Math.log(b), 0) / xs.length) : NaN;
}

export function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export interface Timed {
  readonly seconds: number;
  readonly stdout: string;
  readonly status: number;
}

/**
 * Runs `argv` and returns the CPU seconds (user+sys) of the child, measured
 * by perl's times() around system(): the children's times of a process that
 * did nothing else.
 */
export function cpuSeconds(argv: readonly string[]): Timed {
  const script = 'my $pid = fork; if (!$pid) { exec @ARGV or exit 127 } waitpid($pid, 0); my $st = $? >> 8; my @t = times; print STDERR "CPU $t[2] $t[3]\\n"; exit $st';
  const r = spawnSync('perl', ['-e', script, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /CPU (\S+) (\S+)\s*$/.exec(r.stderr ?? '');
  if (!m) throw new Error(`cannot time ${argv.join(' ')}: ${r.stderr}`);
  return { seconds: Number(m[1]) + Number(m[2]), stdout: r.stdout, status: r.status ?? -1 };
}

/** Instructions executed by `argv` (cachegrind's I refs), or null without valgrind. */
export function instructions(argv: readonly string[]): { count: number; stdout: string } | null {
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr ?? '');
  return m ? { count: Number(m[1]!.replace(/,/g, '')), stdout: r.stdout } : null;
}
