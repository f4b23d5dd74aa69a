// Imports go one way through the pipeline (STYLE.md §1): frontend → ir →
// codegen → link → loader, with diagnostics.ts (and deadline.ts, the
// build's stop checkpoints, and time-report.ts, its phase timer) importable by all and the
// FFI type description (link/ctypes.ts) carried forward from the frontend.
// This test reads every import in src/ and checks it against those rules.
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The stage a src-relative path belongs to. */
function stage(rel: string): string {
  if (!rel.includes('/')) return rel.replace(/\.ts$/, '');
  return rel.split('/')[0]!;
}

// Which stages each stage may import (besides itself and diagnostics).
const allowed: Record<string, string[]> = {
  frontend: ['ir', 'link/ctypes', 'package-root'],
  ir: ['link/ctypes'],
  codegen: ['ir', 'link'],
  link: [],
  loader: ['link'],
};

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

test('imports follow the pipeline direction', (t) => {
  const violations: string[] = [];
  for (const file of walk(src)) {
    const rel = relative(src, file);
    const from = stage(rel);
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) {
        if (spec === 'koffi' && rel !== 'loader/ffi.ts') violations.push(`${rel}: only loader/ffi.ts may import koffi`);
        continue;
      }
      const target = relative(src, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
      const to = stage(target);
      if (to === from || to === 'diagnostics' || to === 'deadline' || to === 'time-report' || !(from in allowed)) continue;
      const ok = allowed[from]!.some((a) => (a.includes('/') ? target.startsWith(a) : to === a));
      if (!ok) violations.push(`${rel} imports ${target}`);
      if (from === 'frontend' && to === 'ir' && !/^frontend\/(lower\/|compile\.ts)/.test(rel)) {
        violations.push(`${rel}: only frontend/lower builds IR`);
      }
    }
  }
  t.deepEqual(violations, []);
});

// STYLE §4: the IR and the shared code name no ABI and no machine. What is
// SysV x86-64's lives in codegen/x64/ and in the sysv-x64 calling
// convention; everything else in the frontend, the IR and the codegen core
// must not speak of x87, SSE classes, %rdi or eightbytes.
test('only x86-64 code speaks of x87, sse, rdi or eightbytes', (t) => {
  const x86Only = /^(codegen\/x64\/|frontend\/lower\/abi\/sysv-x64\.ts$)/;
  const stages = /^(frontend|ir|codegen)\//;
  const words = /x87|\bsse(up)?\b|\brdi\b|eightbyte/i;
  const found: string[] = [];
  for (const file of walk(src)) {
    const rel = relative(src, file);
    if (!stages.test(rel) || x86Only.test(rel)) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, n) => {
      if (words.test(line)) found.push(`${rel}:${n + 1}: ${line.trim()}`);
    });
  }
  t.deepEqual(found, []);
});
