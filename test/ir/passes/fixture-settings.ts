// The `; TARGET:` line of a pass fixture (passes.test.ts, semantics.test.ts).

/** The `; TARGET:` line's PassSettings, as runPasses options. */
export function fixtureSettings(text: string): { hasRoundInstructions?: boolean; builtins?: boolean; level?: 3; vectorBytes?: number } {
  const words = (/^; TARGET: (.*)$/m.exec(text)?.[1] ?? '').split(',').map((w) => w.trim()).filter((w) => w !== '');
  const known = ['round-instructions', 'no-builtins', 'O3', 'vector-128'];
  const unknown = words.find((w) => !known.includes(w));
  if (unknown) throw new Error(`unknown TARGET word '${unknown}'`);
  return {
    ...(words.includes('round-instructions') ? { hasRoundInstructions: true } : {}),
    ...(words.includes('no-builtins') ? { builtins: false } : {}),
    ...(words.includes('O3') ? { level: 3 as const } : {}),
    ...(words.includes('vector-128') ? { vectorBytes: 16 } : {}),
  };
}
