// The subset of tree-sitter's C API (lib/include/tree_sitter/api.h, v0.25)
// that the helpers of this package use. The library itself is compiled and
// linked by github.com/tree-sitter/go-tree-sitter.
#ifndef ASYNCLINT_TSAPI_H
#define ASYNCLINT_TSAPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct TSTree TSTree;
typedef struct TSParser TSParser;

typedef struct TSNode {
  uint32_t context[4];
  const void *id;
  const TSTree *tree;
} TSNode;

TSNode ts_tree_root_node(const TSTree *self);
uint32_t ts_node_descendant_count(TSNode self);
void ts_tree_delete(TSTree *self);
TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree,
                               const char *string, uint32_t length);
void ts_set_allocator(void *(*new_malloc)(size_t),
                      void *(*new_calloc)(size_t, size_t),
                      void *(*new_realloc)(void *, size_t),
                      void (*new_free)(void *));

#endif
