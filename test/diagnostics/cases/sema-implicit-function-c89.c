// flags: -std=gnu89
int main(void) {
  return undefined_function(3);
}
