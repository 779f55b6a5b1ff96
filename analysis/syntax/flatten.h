#ifndef ASYNCLINT_FLATTEN_H
#define ASYNCLINT_FLATTEN_H

#include "tsapi.h"

// One node of a flattened tree; the layout matches syntax.Node.
typedef struct {
  uint32_t start, end;    // byte offsets
  uint32_t parent, after; // index of the parent; index just past the subtree
  uint16_t kind;
  uint8_t field;
  uint8_t flags;
} al_node;

_Static_assert(sizeof(al_node) == 20, "al_node must match syntax.Node");

enum { AL_NAMED = 1, AL_MISSING = 2, AL_ERROR = 4, AL_EXTRA = 8 };

// An edit replaced the bytes [start, old_end) of a text, the new bytes
// ending at new_end.
typedef struct {
  uint32_t start, old_end, new_end;
} al_edit;

// What a flattening may reuse: the flat tree of the previous text with
// the ids of its nodes, and the edits that made the new text from it, in
// order.
typedef struct {
  const al_node *nodes;
  const uintptr_t *ids;
  uint32_t count;
  const al_edit *edits;
  uint32_t nedits;
} al_reuse;

uint32_t al_node_count(const TSTree *tree);
uint32_t al_flatten(const TSTree *tree, const uint16_t *kinds, uint16_t nkinds,
                    const uint8_t *skip, const al_reuse *reuse, al_node *out,
                    uintptr_t *ids, uint32_t cap, uint32_t *walked);

#endif
