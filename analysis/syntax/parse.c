#include <stdatomic.h>
#include <time.h>

#include "flatten.h"

static _Atomic uint64_t parser_cpu_ns;

static uint64_t thread_cpu_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

// count adds the CPU time this thread spent since start.
static void count(uint64_t start) {
  atomic_fetch_add_explicit(&parser_cpu_ns, thread_cpu_ns() - start, memory_order_relaxed);
}

// al_parse is ts_parser_parse_string, adding the CPU time the parse took
// on this thread to what al_parser_cpu_ns returns.
TSTree *al_parse(TSParser *parser, const TSTree *old, const char *text, uint32_t length) {
  uint64_t start = thread_cpu_ns();
  TSTree *tree = ts_parser_parse_string(parser, old, text, length);
  count(start);
  return tree;
}

// al_tree_delete is ts_tree_delete, counted as al_parse is.
void al_tree_delete(TSTree *tree) {
  uint64_t start = thread_cpu_ns();
  ts_tree_delete(tree);
  count(start);
}

uint64_t al_parser_cpu_ns(void) {
  return atomic_load_explicit(&parser_cpu_ns, memory_order_relaxed);
}
