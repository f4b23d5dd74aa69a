#ifndef GUARD
#define GUARD
int in_header;
