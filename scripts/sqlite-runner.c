/*
 * The program scripts/test-sqlite3c.ts links with each build of SQLite's
 * amalgamation (jitcc's objects and gcc's): runs the SQL file named by its
 * argument in an in-memory database and prints every result row as the
 * sqlite3 shell's `.headers on` / `.mode list` would (column names once per
 * statement, values joined by '|', NULL as an empty string). Lines starting
 * with '.' are shell commands and are skipped. An error is printed and the
 * next statement runs, so one difference does not hide the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3.h"

static char *readScript(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *text = malloc(cap);
  int atLineStart = 1, isSkipping = 0, c;
  while ((c = fgetc(f)) != EOF) {
    if (atLineStart && c == '.') isSkipping = 1;
    atLineStart = c == '\n';
    if (isSkipping) {
      if (c == '\n') isSkipping = 0;
      continue;
    }
    if (len + 1 >= cap) text = realloc(text, cap *= 2);
    text[len++] = (char)c;
  }
  text[len] = 0;
  fclose(f);
  return text;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s script.sql\n", argv[0]);
    return 2;
  }
  char *sql = readScript(argv[1]);
  if (!sql) {
    perror(argv[1]);
    return 2;
  }
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
  printf("sqlite %s\n", sqlite3_libversion());
  const char *next = sql;
  while (*next) {
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v2(db, next, -1, &stmt, &tail) != SQLITE_OK) {
      printf("error: %s\n", sqlite3_errmsg(db));
      /* Skip to the end of the statement that failed. */
      const char *semi = strchr(next, ';');
      next = semi ? semi + 1 : next + strlen(next);
      continue;
    }
    next = tail;
    if (!stmt) continue; /* whitespace or a comment */
    int n = sqlite3_column_count(stmt), isFirst = 1, rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (isFirst) {
        for (int i = 0; i < n; i++) printf("%s%s", sqlite3_column_name(stmt, i), i + 1 < n ? "|" : "\n");
        isFirst = 0;
      }
      for (int i = 0; i < n; i++) {
        const unsigned char *v = sqlite3_column_text(stmt, i);
        printf("%s%s", v ? (const char *)v : "", i + 1 < n ? "|" : "\n");
      }
    }
    if (rc != SQLITE_DONE) printf("error: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  free(sql);
  return 0;
}
