/* A whole program for runMain: the status is computed from argv. */
#include <string.h>

int main(int argc, char **argv) {
  int n = 0;
  for (int i = 1; i < argc; i++) n += (int)strlen(argv[i]);
  return argc * 10 + n;
}
