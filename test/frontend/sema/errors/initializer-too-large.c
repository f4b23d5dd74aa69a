static long double table[1000000000] = { 0.1L };
