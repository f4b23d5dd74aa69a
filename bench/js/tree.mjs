// tree.c in JavaScript: an unbalanced binary search tree of objects walked
// recursively, and a linked list built, reversed and summed (the garbage
// collector plays free()).
import { arg } from './format.mjs';

function bstInsert(root, key) {
  const fresh = { left: null, right: null, key };
  if (!root) return fresh;
  let p = root;
  for (;;) {
    if (key < p.key) {
      if (!p.left) { p.left = fresh; return root; }
      p = p.left;
    } else {
      if (!p.right) { p.right = fresh; return root; }
      p = p.right;
    }
  }
}

function walk(t, depth) {
  if (!t) return 0;
  return t.key * depth + walk(t.left, depth + 1) + walk(t.right, depth + 1);
}

function treeBench(n, seed) {
  let root = null;
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    root = bstInsert(root, s >>> 8);
  }
  let check = walk(root, 1) % 1000000007;
  let list = null;
  for (let i = 0; i < n; i++) list = { next: list, value: i ^ seed };
  let rev = null;
  while (list) {
    const next = list.next;
    list.next = rev;
    rev = list;
    list = next;
  }
  let pos = 0;
  while (rev) {
    check += (rev.value & 0xffff) * (pos++ & 7);
    rev = rev.next;
  }
  return check;
}

const n = arg(0, 200000), reps = arg(1, 3);
let total = 0;
for (let r = 0; r < reps; r++) total += treeBench(n, 1000 + r);
console.log(`tree ${total}`);
