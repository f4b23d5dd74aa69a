// The C source of the crash reporter's signal handler (crash-report.ts
// compiles it with jitcc when the first module asks for crash reports).
// Kept as C because it runs inside a signal handler, where JavaScript
// cannot run: it must be async-signal-safe — no allocation, no locks, no
// stdio; only write(2), sigaction(2), raise(3) and reads of a table that
// JavaScript replaces as a whole, never edits in place.
//
// It declares what it needs itself (no system headers at run time):
//   struct sigaction as glibc lays it out on x86-64 and AArch64 Linux
//   (handler, 128-byte mask, int flags, restorer); siginfo_t's si_code at
//   byte 8 and si_addr at 16; the interrupted PC in the ucontext at 168
//   (x86-64: uc_mcontext.gregs[REG_RIP], after uc_flags, uc_link and a
//   24-byte stack_t) or 440 (AArch64: mcontext_t's pc after fault_address,
//   regs[31] and sp, the mcontext 16-byte aligned after a 128-byte mask).
//
// On a fault whose PC lies in a registered function it writes
//   jitcc: segmentation fault in dot() at dot.c:12 (address 0x10, pc 0x7f…, dot+0x2a)
// and then, for every fault, does what the handler installed before would
// have done: calls it (SA_SIGINFO or plain), or for the default action
// restores it and lets the fault happen again (a fault re-executes the
// instruction; a signal sent with kill is raised again).

export const CRASH_HANDLER_C = String.raw`
typedef unsigned long u64;

struct ln { u64 addr; const char *file; u64 line; };
struct fn { u64 start; u64 end; const char *name; const struct ln *lines; u64 nlines; };
struct table { u64 count; struct fn fns[]; };

struct ksigaction { void *handler; u64 mask[16]; int flags; void *restorer; };

int sigaction(int sig, const struct ksigaction *act, struct ksigaction *old);
long write(int fd, const void *buf, u64 n);
int raise(int sig);

#define SA_SIGINFO 4
#define SA_ONSTACK 0x08000000
#define SA_NODEFER 0x40000000
#define SIG_DFL ((void *)0)
#define SIG_IGN ((void *)1)

#ifdef __aarch64__
#define PC_OFFSET 440
#else
#define PC_OFFSET 168
#endif

static struct table *volatile current;
static struct ksigaction previous[32];
static int installed[32];

void jitcc_crash_set_table(struct table *t) { current = t; }

static const struct fn *find_function(const struct table *t, u64 pc) {
  u64 lo = 0, hi = t->count;
  while (lo < hi) {
    u64 mid = lo + (hi - lo) / 2;
    if (t->fns[mid].start <= pc) lo = mid + 1; else hi = mid;
  }
  if (lo == 0) return 0;
  const struct fn *f = &t->fns[lo - 1];
  return pc < f->end ? f : 0;
}

static const struct ln *find_line(const struct fn *f, u64 pc) {
  const struct ln *best = 0;
  for (u64 i = 0; i < f->nlines; i++) {
    if (f->lines[i].addr <= pc) best = &f->lines[i]; else break;
  }
  return best;
}

struct out { char buf[512]; u64 len; };

static void put(struct out *o, const char *s) {
  while (*s && o->len < sizeof o->buf - 1) o->buf[o->len++] = *s++;
}

static void put_dec(struct out *o, u64 v) {
  char tmp[24]; int n = 0;
  do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (n > 0 && o->len < sizeof o->buf - 1) o->buf[o->len++] = tmp[--n];
}

static void put_hex(struct out *o, u64 v) {
  char tmp[20]; int n = 0;
  do { tmp[n++] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
  put(o, "0x");
  while (n > 0 && o->len < sizeof o->buf - 1) o->buf[o->len++] = tmp[--n];
}

static const char *describe(int sig) {
  switch (sig) {
    case 11: return "segmentation fault";
    case 7: return "bus error";
    case 8: return "floating-point exception";
    case 4: return "illegal instruction";
    default: return "fault";
  }
}

static void report(int sig, const struct fn *f, u64 pc, u64 addr) {
  struct out o;
  o.len = 0;
  put(&o, "jitcc: ");
  put(&o, describe(sig));
  put(&o, " in ");
  put(&o, f->name);
  put(&o, "()");
  const struct ln *l = find_line(f, pc);
  if (l) { put(&o, " at "); put(&o, l->file); put(&o, ":"); put_dec(&o, l->line); }
  put(&o, " (address "); put_hex(&o, addr);
  put(&o, ", pc "); put_hex(&o, pc);
  put(&o, ", "); put(&o, f->name); put(&o, "+"); put_hex(&o, pc - f->start);
  put(&o, ")\n");
  write(2, o.buf, o.len);
}

static void chain(int sig, void *info, void *uctx) {
  struct ksigaction *old = &previous[sig];
  int code = *(int *)((char *)info + 8);
  if (old->flags & SA_SIGINFO) {
    ((void (*)(int, void *, void *))old->handler)(sig, info, uctx);
    return;
  }
  if (old->handler == SIG_IGN && code <= 0) return;
  if (old->handler == SIG_DFL || old->handler == SIG_IGN) {
    struct ksigaction dfl;
    char *p = (char *)&dfl;
    for (u64 i = 0; i < sizeof dfl; i++) p[i] = 0;
    sigaction(sig, &dfl, 0);
    if (code <= 0) raise(sig);
    return;
  }
  ((void (*)(int))old->handler)(sig);
}

static void handler(int sig, void *info, void *uctx) {
  u64 pc = *(u64 *)((char *)uctx + PC_OFFSET);
  u64 addr = *(u64 *)((char *)info + 16);
  const struct table *t = current;
  const struct fn *f = t ? find_function(t, pc) : 0;
  if (f) report(sig, f, pc, addr);
  chain(sig, info, uctx);
}

/** Installs the handler for sig (once), keeping the previous action; 0 on success. */
int jitcc_crash_install(int sig) {
  if (sig <= 0 || sig >= 32) return -1;
  if (installed[sig]) return 0;
  struct ksigaction act;
  char *p = (char *)&act;
  for (u64 i = 0; i < sizeof act; i++) p[i] = 0;
  act.handler = (void *)handler;
  act.flags = SA_SIGINFO | SA_ONSTACK;
  if (sigaction(sig, &act, &previous[sig]) != 0) return -1;
  installed[sig] = 1;
  return 0;
}
`;
