#warning "careful"
int x;
