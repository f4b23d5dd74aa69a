/* Thread-local storage: the loader has no TLS block for modules yet and must refuse this clearly. */
__thread int per_thread = 1;
int get_per_thread(void) { return per_thread; }
