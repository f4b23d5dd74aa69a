struct s { int x, y; };
int f(struct s *p) {
  return p->z;
}
