/*
 * The `jitcc` command as the package's bin runs it (dist/jitcc): a small
 * native client of the compile server. A Node process costs about 40 ms of
 * CPU before it runs a line of ours (more than gcc -c hello.c in total), so
 * a `make -j` of small files through the Node client (client.ts) spent most
 * of its time starting Node. This client does what client.ts does on its fast
 * path — send one compile to the user's warm server and replay the answer —
 * in about a millisecond, and hands everything else to the Node launcher
 * (dist/jitcc.cjs, next to this executable) by exec: command lines that are
 * not compile-only, JITCC_SERVER=off, no server listening (the launcher
 * starts one), a directory that is not private, and a server that hands the
 * compile back. Whatever path a command takes, its output files, stdout,
 * stderr and exit status are the same.
 *
 * It must find the socket the launcher's server listens on: the directory
 * and the name are computed as in runtime-dir.ts (a 64-bit FNV-1a hash of
 * the worker bundle's path, size, modification time in nanoseconds and
 * inode, joined by NUL bytes). The wire format is protocol.ts's: frames of
 * one kind byte, a 32-bit big-endian length and the payload; the request is
 * JSON.
 *
 * Built by scripts/build.mjs with jitcc itself (linked by the system cc);
 * where that fails, dist/jitcc is the Node launcher instead.
 *
 * JITCC_SERVER=native-only (tests): fail with exit status 1 instead of
 * handing a servable command to the Node launcher.
 */

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

enum { FRAME_REQUEST = 1, FRAME_STDOUT = 2, FRAME_STDERR = 3, FRAME_EXIT = 4, FRAME_LOCAL = 5 };

static char dist_dir[4096];
static int is_native_only;

/* A growable byte buffer; running out of memory ends the client (the launcher could do no better). */
struct buf { char *data; size_t len, cap; };

static void reserve(struct buf *b, size_t more) {
  if (b->len + more <= b->cap) return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more) cap *= 2;
  char *p = realloc(b->data, cap);
  if (p == NULL) {
    fputs("jitcc: error: out of memory\n", stderr);
    exit(1);
  }
  b->data = p;
  b->cap = cap;
}

static void put(struct buf *b, const char *s, size_t n) {
  reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

static void puts_buf(struct buf *b, const char *s) { put(b, s, strlen(s)); }

/* A JSON string. Bytes of 0x80 and above go as they are: the server decodes the request as UTF-8, as Node decodes argv and the environment. */
static void put_json_string(struct buf *b, const char *s) {
  static const char hex[] = "0123456789abcdef";
  put(b, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      char esc[2] = { '\\', (char)*p };
      put(b, esc, 2);
    } else if (*p < 0x20) {
      char esc[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };
      put(b, esc, 6);
    } else {
      put(b, (const char *)p, 1);
    }
  }
  put(b, "\"", 1);
}

/* Runs the Node launcher with the same arguments; returns only if it cannot be run. */
static int run_launcher(char **argv, const char *why) {
  if (is_native_only) {
    fprintf(stderr, "jitcc: error: JITCC_SERVER=native-only: %s\n", why);
    return 1;
  }
  char path[4200];
  snprintf(path, sizeof path, "%s/jitcc.cjs", dist_dir);
  argv[0] = path;
  execv(path, argv);
  fprintf(stderr, "jitcc: error: cannot run %s: %s\n", path, strerror(errno));
  return 1;
}

/* As client.ts's isServable: compile-only (-c, -S, -E), without -run and without `-` (standard input). */
static int is_servable(int argc, char **argv) {
  int is_compile_only = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-c") == 0 || strcmp(a, "-S") == 0 || strcmp(a, "-E") == 0) is_compile_only = 1;
    else if (strcmp(a, "-run") == 0 || strcmp(a, "-") == 0) return 0;
  }
  return is_compile_only;
}

static const char *nonempty_env(const char *name) {
  const char *v = getenv(name);
  return v != NULL && *v != 0 ? v : NULL;
}

/* As runtime-dir.ts's serverPaths: the socket's path, or 0 when the directory is not a private one of ours. */
static int socket_path(char *out, size_t size) {
  char dir[4096];
  uid_t uid = getuid();
  const char *explicit_dir = nonempty_env("JITCC_SERVER_DIR");
  if (explicit_dir != NULL) {
    snprintf(dir, sizeof dir, "%s", explicit_dir);
  } else {
    /* os.tmpdir(): TMPDIR, TMP, TEMP or /tmp, without a trailing slash. */
    const char *base = nonempty_env("XDG_RUNTIME_DIR");
    if (base == NULL) base = nonempty_env("TMPDIR");
    if (base == NULL) base = nonempty_env("TMP");
    if (base == NULL) base = nonempty_env("TEMP");
    if (base == NULL) base = "/tmp";
    snprintf(dir, sizeof dir, "%s/jitcc-%u", base, (unsigned)uid);
  }
  for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--) dir[n - 1] = 0;
  struct stat st;
  if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != uid || (st.st_mode & 077) != 0) return 0;
  char worker[4200];
  snprintf(worker, sizeof worker, "%s/cc-worker.js", dist_dir);
  if (stat(worker, &st) != 0) return 0;
  char key_text[4400];
  int n = snprintf(key_text, sizeof key_text, "%s%c%llu%c%llu%c%llu", worker, 0, (unsigned long long)st.st_size, 0,
                   (unsigned long long)st.st_mtim.tv_sec * 1000000000ull + (unsigned long long)st.st_mtim.tv_nsec, 0,
                   (unsigned long long)st.st_ino);
  if (n < 0 || (size_t)n >= sizeof key_text) return 0;
  uint64_t h = 0xcbf29ce484222325ull;
  for (int i = 0; i < n; i++) h = (h ^ (unsigned char)key_text[i]) * 0x100000001b3ull;
  n = snprintf(out, size, "%s/%016llx.sock", dir, (unsigned long long)h);
  return n > 0 && (size_t)n < size && (size_t)n < sizeof(((struct sockaddr_un *)0)->sun_path);
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        /* An output made non-blocking by whoever shares it: wait until it drains. */
        struct pollfd pfd = { fd, POLLOUT, 0 };
        poll(&pfd, 1, -1);
        continue;
      }
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

static void build_request(struct buf *b, int argc, char **argv) {
  puts_buf(b, "{\"argv\":[");
  for (int i = 1; i < argc; i++) {
    if (i > 1) put(b, ",", 1);
    put_json_string(b, argv[i]);
  }
  char cwd[8192];
  if (getcwd(cwd, sizeof cwd) == NULL) cwd[0] = 0;
  puts_buf(b, "],\"cwd\":");
  put_json_string(b, cwd);
  puts_buf(b, ",\"env\":{");
  int is_first = 1;
  for (char **e = environ; *e != NULL; e++) {
    const char *eq = strchr(*e, '=');
    if (eq == NULL || eq == *e) continue;
    if (!is_first) put(b, ",", 1);
    is_first = 0;
    size_t klen = (size_t)(eq - *e);
    char *key = malloc(klen + 1);
    if (key == NULL) exit(1);
    memcpy(key, *e, klen);
    key[klen] = 0;
    put_json_string(b, key);
    free(key);
    put(b, ":", 1);
    put_json_string(b, eq + 1);
  }
  mode_t mask = umask(0);
  umask(mask);
  char tail[128];
  snprintf(tail, sizeof tail, "},\"umask\":%u,\"stdoutIsTTY\":%s,\"stderrIsTTY\":%s}", (unsigned)mask,
           isatty(1) ? "true" : "false", isatty(2) ? "true" : "false");
  puts_buf(b, tail);
}

int main(int argc, char **argv) {
  const char *mode = getenv("JITCC_SERVER");
  is_native_only = mode != NULL && strcmp(mode, "native-only") == 0;
  ssize_t len = readlink("/proc/self/exe", dist_dir, sizeof dist_dir - 1);
  if (len <= 0) {
    fputs("jitcc: error: cannot find the jitcc installation (/proc/self/exe)\n", stderr);
    return 1;
  }
  dist_dir[len] = 0;
  char *slash = strrchr(dist_dir, '/');
  if (slash != NULL) *slash = 0;

  if ((mode != NULL && strcmp(mode, "off") == 0) || !is_servable(argc, argv)) return run_launcher(argv, "not a compile-only command line");
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (!socket_path(addr.sun_path, sizeof addr.sun_path)) return run_launcher(argv, "no private runtime directory for the compile server");
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
    if (fd >= 0) close(fd);
    return run_launcher(argv, "no compile server listening");
  }

  struct buf req = { 0 };
  reserve(&req, 5);
  req.len = 5;
  build_request(&req, argc, argv);
  uint32_t body = (uint32_t)(req.len - 5);
  req.data[0] = FRAME_REQUEST;
  req.data[1] = (char)(body >> 24);
  req.data[2] = (char)(body >> 16);
  req.data[3] = (char)(body >> 8);
  req.data[4] = (char)body;
  if (write_all(fd, req.data, req.len) != 0) {
    close(fd);
    return run_launcher(argv, "cannot send the request");
  }

  /* Frames until the exit (or local) frame. Output already shown cannot be taken back: a server lost after it reports a failure. */
  struct buf in = { 0 };
  size_t start = 0;
  int has_written = 0;
  for (;;) {
    while (in.len - start >= 5) {
      const unsigned char *h = (const unsigned char *)in.data + start;
      size_t n = ((size_t)h[1] << 24) | ((size_t)h[2] << 16) | ((size_t)h[3] << 8) | h[4];
      if (in.len - start < 5 + n) break;
      const char *payload = in.data + start + 5;
      start += 5 + n;
      if (h[0] == FRAME_STDOUT || h[0] == FRAME_STDERR) {
        has_written = 1;
        write_all(h[0] == FRAME_STDOUT ? 1 : 2, payload, n);
      } else if (h[0] == FRAME_EXIT) {
        /* {"code":N} */
        const char *c = memchr(payload, ':', n);
        if (c == NULL) return 4;
        int code = 0;
        for (c++; c < payload + n && *c >= '0' && *c <= '9'; c++) code = code * 10 + (*c - '0');
        return code;
      } else if (h[0] == FRAME_LOCAL) {
        close(fd);
        return run_launcher(argv, "the server handed the compile back");
      }
    }
    if (start > 0) {
      memmove(in.data, in.data + start, in.len - start);
      in.len -= start;
      start = 0;
    }
    reserve(&in, 65536);
    ssize_t r = read(fd, in.data + in.len, in.cap - in.len);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    in.len += (size_t)r;
  }
  close(fd);
  if (has_written) {
    fputs("jitcc: error: the compile server stopped before the compile finished\n", stderr);
    return 4;
  }
  return run_launcher(argv, "the compile server closed the connection");
}
