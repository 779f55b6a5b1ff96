#ifndef ASYNCLINT_FLATTEN_H
#define ASYNCLINT_FLATTEN_H

#include "tsapi.h"

// One node of a flattened tree; the layout matches syntax.Node.
typedef struct {
  uint32_t start, end;    // byte offsets
  uint32_t parent, after; // index of the parent; index just past the subtree
  uint16_t kind, field;
  uint8_t flags;
  uint8_t pad[3];
} al_node;

_Static_assert(sizeof(al_node) == 24, "al_node must match syntax.Node");

enum { AL_NAMED = 1, AL_MISSING = 2, AL_ERROR = 4, AL_EXTRA = 8 };

uint32_t al_node_count(const TSTree *tree);
uint32_t al_flatten(const TSTree *tree, const uint16_t *kinds, uint16_t nkinds,
                    const uint8_t *skip, al_node *out, uint32_t cap);

#endif
