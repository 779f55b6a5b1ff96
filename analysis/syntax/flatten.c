#include "flatten.h"

uint32_t al_node_count(const TSTree *tree) {
  return ts_node_descendant_count(ts_tree_root_node(tree));
}

// al_flatten writes the tree in pre-order into out, mapping each grammar
// symbol to its canonical kind (kinds[nkinds-1] for error symbols) and
// leaving out the tokens whose kind is marked in skip, and returns the
// number of nodes written.
uint32_t al_flatten(const TSTree *tree, const uint16_t *kinds, uint16_t nkinds,
                    const uint8_t *skip, al_node *out, uint32_t cap) {
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  uint32_t n = 0, cur = UINT32_MAX;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&c);
    uint16_t sym = ts_node_symbol(node);
    uint16_t kind = kinds[sym < nkinds ? sym : nkinds - 1];
    if (!skip[kind] || ts_node_is_missing(node)) {
      if (n == cap) {
        break;
      }
      al_node *o = &out[n];
      o->start = ts_node_start_byte(node);
      o->end = ts_node_end_byte(node);
      o->parent = cur;
      o->after = n + 1;
      o->kind = kind;
      o->field = ts_tree_cursor_current_field_id(&c);
      o->flags = (ts_node_is_named(node) ? AL_NAMED : 0) |
                 (ts_node_is_missing(node) ? AL_MISSING : 0) |
                 (ts_node_is_error(node) ? AL_ERROR : 0) |
                 (ts_node_is_extra(node) ? AL_EXTRA : 0);
      cur = n++;
      if (ts_tree_cursor_goto_first_child(&c)) {
        continue;
      }
      out[cur].after = n;
      cur = out[cur].parent;
    }
    // cur is now the parent of the cursor's node: move on to the next
    // sibling, closing each ancestor left on the way up.
    for (;;) {
      if (ts_tree_cursor_goto_next_sibling(&c)) {
        break;
      }
      if (!ts_tree_cursor_goto_parent(&c)) {
        ts_tree_cursor_delete(&c);
        return n;
      }
      out[cur].after = n;
      cur = out[cur].parent;
    }
  }
  // Out of room: close every open node so the array stays consistent.
  while (cur != UINT32_MAX) {
    out[cur].after = n;
    cur = out[cur].parent;
  }
  ts_tree_cursor_delete(&c);
  return n;
}
