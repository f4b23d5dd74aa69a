void g(int *p);
void f(double *d) {
  g(d);
}
