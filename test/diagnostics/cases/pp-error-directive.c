#error "stop here"
int x;
