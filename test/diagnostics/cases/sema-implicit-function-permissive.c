// flags: -fpermissive
int main(void) {
  return undefined_function(3);
}
