struct s;
unsigned long f(void) {
  return sizeof(struct s);
}
