// particles.c in JavaScript: the struct of 8 doubles as 8 slots of a Float64Array.
import { arg, e9 } from './format.mjs';

const X = 0, Y = 1, Z = 2, VX = 3, VY = 4, VZ = 5, MASS = 6, AGE = 7;

function respawn(p, q, i) {
  p[q + X] = 0.0; p[q + Y] = 5.0; p[q + Z] = 0.0;
  p[q + VX] = ((i % 17) - 8) * 0.5;
  p[q + VY] = (i % 11) * 0.3;
  p[q + VZ] = ((i % 13) - 6) * 0.4;
  p[q + AGE] = 0.0;
}

function particlesStep(p, n, dt, steps) {
  const bounce = 0.8, wall = 10.0, life = 6.0;
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) {
      const q = 8 * i;
      const drag = 1.0 - 0.002 / p[q + MASS];
      p[q + VY] -= 9.81 * dt;
      p[q + VX] *= drag; p[q + VY] *= drag; p[q + VZ] *= drag;
      p[q + X] += p[q + VX] * dt; p[q + Y] += p[q + VY] * dt; p[q + Z] += p[q + VZ] * dt;
      if (p[q + Y] < 0.0) { p[q + Y] = -p[q + Y]; p[q + VY] = -p[q + VY] * bounce; }
      if (p[q + X] > wall || p[q + X] < -wall) p[q + VX] = -p[q + VX];
      if (p[q + Z] > wall || p[q + Z] < -wall) p[q + VZ] = -p[q + VZ];
      p[q + AGE] += dt;
      if (p[q + AGE] > life) respawn(p, q, i);
    }
  }
}

function particlesChecksum(p, n) {
  let s = 0.0;
  for (let i = 0; i < n; i++) {
    const q = 8 * i;
    s += p[q + X] + 2.0 * p[q + Y] + 3.0 * p[q + Z] + p[q + VY];
  }
  return s;
}

const steps = arg(0, 8000);
const n = 10000;
const p = new Float64Array(8 * n);
for (let i = 0; i < n; i++) {
  respawn(p, 8 * i, i);
  p[8 * i + MASS] = 1.0 + (i % 4);
  p[8 * i + AGE] = (i % 600) * 0.01;
}
particlesStep(p, n, 0.002, steps);
console.log(`particles ${e9(particlesChecksum(p, n))}`);
