/* The "library" half of a two-module program (see app.c): gcc-built
 * modules linked with `loadObject(app, { link: [lib] })`. */
int shared_counter = 100;
int twice(int x) { return 2 * x; }
