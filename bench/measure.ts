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
 * Runs `argv` and returns the CPU seconds (user+sys) of the child, from the
 * rusage that wait4 reports (microsecond resolution; perl's times() and
 * GNU time only give clock ticks of 10 ms, too coarse for 0.1 s kernels).
 */
export function cpuSeconds(argv: readonly string[]): Timed {
  const script = [
    'import os, sys',
    'pid = os.fork()',
    'if pid == 0:',
    '    try: os.execvp(sys.argv[1], sys.argv[1:])',
    '    finally: os._exit(127)',
    '_, status, ru = os.wait4(pid, 0)',
    'sys.stderr.write("CPU %.6f\\n" % (ru.ru_utime + ru.ru_stime))',
    'sys.exit(os.waitstatus_to_exitcode(status) & 255)',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /CPU (\S+)\s*$/.exec(r.stderr ?? '');
  if (!m) throw new Error(`cannot time ${argv.join(' ')}: ${r.stderr}`);
  return { seconds: Number(m[1]), stdout: r.stdout, status: r.status ?? -1 };
}

/** Instructions executed by `argv` (cachegrind's I refs), or null without valgrind. */
export function instructions(argv: readonly string[]): { count: number; stdout: string } | null {
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr ?? '');
  return m ? { count: Number(m[1]!.replace(/,/g, '')), stdout: r.stdout } : null;
}

/** CPU seconds (user+sys) and peak resident set size (MB) of a child process, from wait4's rusage. */
export function cpuAndPeak(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { seconds: number; peakMb: number; status: number } {
  const script = [
    'import os, sys',
    'pid = os.fork()',
    'if pid == 0:',
    '    try: os.execvp(sys.argv[1], sys.argv[1:])',
    '    finally: os._exit(127)',
    '_, status, ru = os.wait4(pid, 0)',
    'sys.stderr.write("CPU %.6f RSS %d\\n" % (ru.ru_utime + ru.ru_stime, ru.ru_maxrss))',
    'sys.exit(os.waitstatus_to_exitcode(status) & 255)',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  const m = /CPU (\S+) RSS (\d+)\s*$/.exec(r.stderr ?? '');
  if (!m) throw new Error(`cannot measure ${argv.join(' ')}: ${r.stderr}`);
  return { seconds: Number(m[1]), peakMb: Number(m[2]) / 1024, status: r.status ?? -1 };
}
