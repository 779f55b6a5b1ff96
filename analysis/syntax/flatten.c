#include "flatten.h"

uint32_t al_node_count(const TSTree *tree) {
  return ts_node_descendant_count(ts_tree_root_node(tree));
}

// map_offset maps an offset of the previous text into the new one.
// Offsets inside a replaced part go to its start.
static uint32_t map_offset(const al_reuse *r, uint32_t p) {
  for (uint32_t i = 0; i < r->nedits; i++) {
    const al_edit *e = &r->edits[i];
    if (p >= e->old_end) {
      p = p - e->old_end + e->new_end;
    } else if (p > e->start) {
      p = e->start;
    }
  }
  return p;
}

// identity returns what tells a reused subtree: a TSNode's id points to
// the subtree in its parent's children, a word that is either the address
// of the subtree, which tree-sitter never changes once it is shared
// between two trees, or for a small leaf its whole content. While the
// previous tree is open, no other subtree can have its address.
static uintptr_t identity(TSNode node) {
  return *(const uintptr_t *)node.id;
}

// find_old returns the node of the previous tree that the incremental
// parse reused as the node of the given identity, span and kind, or
// UINT32_MAX. The previous tree is searched by position first (pre-order
// keeps the moved starts sorted), then the identity decides. The kind is
// compared too: a token can be aliased (print as an identifier) by the
// rule of its parent.
static uint32_t find_old(const al_reuse *r, uintptr_t id, uint32_t start,
                         uint32_t end, uint16_t kind) {
  uint32_t lo = 0, hi = r->count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (map_offset(r, r->nodes[mid].start) < start) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (uint32_t i = lo; i < r->count && map_offset(r, r->nodes[i].start) == start; i++) {
    if (r->ids[i] == id && r->nodes[i].kind == kind && map_offset(r, r->nodes[i].end) == end) {
      return i;
    }
  }
  return UINT32_MAX;
}

// copy_old copies the subtree of the previous tree at j to out[n:] and its
// ids to ids[n:], under parent in the role field, and returns its size.
static uint32_t copy_old(const al_reuse *r, uint32_t j, al_node *out,
                         uintptr_t *ids, uint32_t n, uint32_t parent,
                         uint16_t field, uint32_t start) {
  const al_node *src = &r->nodes[j];
  uint32_t size = src->after - j;
  uint32_t shift = start - src->start; // wraps around for a move back: still exact
  for (uint32_t k = 0; k < size; k++) {
    al_node o = src[k];
    o.start += shift;
    o.end += shift;
    o.parent = o.parent - j + n;
    o.after = o.after - j + n;
    out[n + k] = o;
    ids[n + k] = r->ids[j + k];
  }
  out[n].parent = parent;
  out[n].field = field;
  return size;
}

// al_flatten writes the tree in pre-order into out, mapping each grammar
// symbol to its canonical kind (kinds[nkinds-1] for error symbols) and
// leaving out the tokens whose kind is marked in skip, and returns the
// number of nodes written. With ids, it also writes each node's identity there;
// with reuse too, each subtree the incremental parse reused from the
// previous tree is copied from reuse instead of walked. walked receives
// the number of nodes not copied.
uint32_t al_flatten(const TSTree *tree, const uint16_t *kinds, uint16_t nkinds,
                    const uint8_t *skip, const al_reuse *reuse, al_node *out,
                    uintptr_t *ids, uint32_t cap, uint32_t *walked) {
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  uint32_t n = 0, cur = UINT32_MAX;
  *walked = 0;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&c);
    uint16_t sym = ts_node_symbol(node);
    uint16_t kind = kinds[sym < nkinds ? sym : nkinds - 1];
    bool missing = ts_node_is_missing(node);
    if (!skip[kind] || missing) {
      if (n == cap) {
        break;
      }
      uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
      uint16_t field = ts_tree_cursor_current_field_id(&c);
      uintptr_t id = ids != NULL ? identity(node) : 0;
      uint32_t j = reuse != NULL ? find_old(reuse, id, start, end, kind) : UINT32_MAX;
      if (j != UINT32_MAX && n + (reuse->nodes[j].after - j) <= cap) {
        n += copy_old(reuse, j, out, ids, n, cur, field, start);
      } else {
        al_node *o = &out[n];
        o->start = start;
        o->end = end;
        o->parent = cur;
        o->after = n + 1;
        o->kind = kind;
        o->field = field;
        o->flags = (ts_node_is_named(node) ? AL_NAMED : 0) |
                   (missing ? AL_MISSING : 0) |
                   (ts_node_is_error(node) ? AL_ERROR : 0) |
                   (ts_node_is_extra(node) ? AL_EXTRA : 0);
        if (ids != NULL) {
          ids[n] = id;
        }
        cur = n++;
        (*walked)++;
        if (ts_tree_cursor_goto_first_child(&c)) {
          continue;
        }
        out[cur].after = n;
        cur = out[cur].parent;
      }
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
