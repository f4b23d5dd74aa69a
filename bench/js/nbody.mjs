// nbody.c in JavaScript: all-pairs softened gravity, 7 doubles per body.
import { arg, f9 } from './format.mjs';

const SOFT = 0.01;

// cos(i * 0.7) and sin(i * 0.7) for i < 40 as glibc computes them (bit
// patterns): V8's Math.cos differs in the last bit for three of these
// inputs, and 100000 chaotic steps turn that into a different 9th digit.
// The kernel itself needs no libm besides sqrt, which is exact everywhere.
const COS_SIN = [
  '3ff0000000000000', '0', '3fe87996529f9d93', '3fe49d6e694619b8', '3fc5c17bbc13570b', '3fef88cddf44e102', 'bfe027b304989ec6', '3feb9f693feb72fd',
  'bfee26af7757704a', '3fd57072235de5c8', 'bfedf77403c11a5f', 'bfd6733b7eba621f', 'bfdf606eec8ac72b', 'bfebe3f2dfd012d4', '3fc7dfa3277c1644', 'bfef70407622eba5',
  '3fe8d16f88830a7f', 'bfe433561796f5bb', '3feffed789fc7a41', '3f9137a9c2cb3e7e', '3fe81ff79ed92017', '3fe50608c26d0a08', '3fc3a1c134c1c5be', '3fef9f12fcee5457',
  'bfe09e033d53ae32', '3feb58dfcf2df7a2', 'bfee53bc40dbb50a', '3fd46c1b899fd917', 'bfedc60d5140ee83', 'bfd77464e0b36de5', 'bfde6f3270721e39', 'bfec2677b8f04315',
  '3fc9fc103983e655', 'bfef556c8875a583', '3fe9277ce4c90ca7', 'bfe3c7c77b300ff0', '3feffb5e3d66faee', '3fa1370a4069cd7a', '3fe7c499e9bc9617', '3fe56d1d90e0cbf8',
  '3fc1809aec2ca0ed', '3fefb30e327c5e45', 'bfe1131f9041ceb2', '3feb105ba88e8b91', 'bfee7e971d951054', '3fd3664a89429056', 'bfed927ef32f333b', 'bfd873dbac62aad8',
  'bfdd7bc20ab98e04', 'bfec66f2fac7b072', '3fcc169bd4b6de5c', 'bfef385407539c80', '3fe97bb82cffc38e', 'bfe35aca5cf90925', '3feff5945a9d2a2e', '3fa9d100a6369dbc',
  '3fe76783d0317d50', '3fe5d2a55ea8240c', '3fbebc60ae9a34d1', '3fefc4be0db43ef0', 'bfe186ff83773759', '3feac5e20bb0d7ed', 'bfeea73cf376773f', '3fd25f12156bb11b',
  'bfed5ccca4d1fa19', 'bfd9718d64561c91', 'bfdc862f5a040275', 'bfeca55ffa927dbe', '3fce2f1efe7a0a68', 'bfef18f90dd8c0bb', '3fe9ce1b48712f78', 'bfe2ec66a060731e',
  '3fefed7a4ce09dc2', '3fb1348c59862c22', '3fe708bc0eff45bf', '3fe63698d285d382', '3fba7552052a7b60', '3fefd42146de2a03', 'bfe1f99ab3ee278c', '3fea79785c840416',
].map((h) => new Float64Array(new BigUint64Array([BigInt('0x' + h)]).buffer)[0]);

function nbodyStep(b, n, dt, steps) {
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) {
      const p = 7 * i;
      for (let j = i + 1; j < n; j++) {
        const q = 7 * j;
        const dx = b[p] - b[q], dy = b[p + 1] - b[q + 1], dz = b[p + 2] - b[q + 2];
        const d2 = dx * dx + dy * dy + dz * dz + SOFT;
        const mag = dt / (d2 * Math.sqrt(d2));
        const mi = b[p + 6] * mag, mj = b[q + 6] * mag;
        b[p + 3] -= dx * mj; b[p + 4] -= dy * mj; b[p + 5] -= dz * mj;
        b[q + 3] += dx * mi; b[q + 4] += dy * mi; b[q + 5] += dz * mi;
      }
    }
    for (let i = 0; i < n; i++) {
      const p = 7 * i;
      b[p] += dt * b[p + 3]; b[p + 1] += dt * b[p + 4]; b[p + 2] += dt * b[p + 5];
    }
  }
}

function nbodyEnergy(b, n) {
  let e = 0.0;
  for (let i = 0; i < n; i++) {
    const p = 7 * i;
    e += 0.5 * b[p + 6] * (b[p + 3] * b[p + 3] + b[p + 4] * b[p + 4] + b[p + 5] * b[p + 5]);
    for (let j = i + 1; j < n; j++) {
      const q = 7 * j;
      const dx = b[p] - b[q], dy = b[p + 1] - b[q + 1], dz = b[p + 2] - b[q + 2];
      e -= (b[p + 6] * b[q + 6]) / Math.sqrt(dx * dx + dy * dy + dz * dz + SOFT);
    }
  }
  return e;
}

const steps = arg(0, 100000);
const n = 40;
const b = new Float64Array(7 * n);
for (let i = 0; i < n; i++) {
  const p = 7 * i;
  b[p] = COS_SIN[2 * i] * (1.0 + i * 0.05);
  b[p + 1] = COS_SIN[2 * i + 1] * (1.0 + i * 0.05);
  b[p + 2] = ((i % 5) - 2) * 0.1;
  b[p + 3] = -b[p + 1] * 0.3;
  b[p + 4] = b[p] * 0.3;
  b[p + 5] = 0.0;
  b[p + 6] = 0.01 + (i % 3) * 0.005;
}
const e0 = nbodyEnergy(b, n);
nbodyStep(b, n, 0.001, steps);
console.log(`nbody ${f9(e0)} ${f9(nbodyEnergy(b, n))}`);
