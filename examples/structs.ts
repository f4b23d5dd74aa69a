// A struct-based C API used from TypeScript: structs go in and come back as
// JS objects (by pointer: updated in place; by value through gcc code, see
// gcc-object.ts), globals are read and written, arrays viewed without copying.
// Run: npx tsx examples/structs.ts
import { compile } from 'jitcc';

const mod = compile(`
  #include <math.h>
  struct Particle { double x, y, vx, vy; int bounces; };
  double gravity = -9.81;
  double history[8];
  int steps;

  void step(struct Particle *p, double dt) {
    p->vy += gravity * dt;
    p->x += p->vx * dt;
    p->y += p->vy * dt;
    if (p->y < 0) { p->y = -p->y; p->vy = -p->vy * 0.9; p->bounces++; }
    history[steps++ % 8] = p->y;
  }
  double speed(const struct Particle *p) { return sqrt(p->vx * p->vx + p->vy * p->vy); }
`, { optimize: 2 });

const p = { x: 0, y: 10, vx: 1, vy: 0, bounces: 0 };
const step = mod.fn('step');
for (let i = 0; i < 200; i++) step(p, 0.01); // p is copied in and back out
console.log(`after 2 s: x=${p.x.toFixed(2)} y=${p.y.toFixed(2)} bounces=${p.bounces} speed=${(mod.fn('speed')(p) as number).toFixed(2)}`);

mod.global('gravity').value = -1.62; // the Moon
console.log(`gravity now ${mod.global('gravity').value}; ${mod.global('steps').value} steps so far`);
const history = mod.global('history').array as Float64Array; // a view over the C array
console.log(`last heights: ${[...history].map((v) => v.toFixed(2)).join(' ')}`);
mod.dispose();
