#include <stdlib.h>

#include "flatten.h"
#include "tsinternal.h"

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

// A node's identity is the word that holds its subtree in its parent's
// children (or the tree's root): either the address of the subtree's
// heap data, which tree-sitter never changes once the subtree is shared
// between two trees, or for a small leaf its whole content. While the
// previous tree is open, no other subtree can have its address.

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
  out[n].field = (uint8_t)field;
  return size;
}

// A subtree is either a pointer to its heap data or, for a small leaf, the
// data itself, told by the lowest bit.
#define SUBTREE(s, name) ((s).data.is_inline ? (s).data.name : (s).ptr->name)

static inline uint32_t padding_bytes(ts_subtree s) {
  return s.data.is_inline ? s.data.padding_bytes : s.ptr->padding.bytes;
}

static inline uint32_t size_bytes(ts_subtree s) {
  return s.data.is_inline ? s.data.size_bytes : s.ptr->size.bytes;
}

static inline uint32_t child_count(ts_subtree s) {
  return s.data.is_inline ? 0 : s.ptr->child_count;
}

// One level of the walk: the children of a subtree, visited in order.
// Hidden subtrees (rules whose name starts with "_", repetitions) get a
// level of their own, but their children become children of the nearest
// node written out, as tree-sitter's cursor shows them.
typedef struct {
  const ts_subtree *children;
  uint32_t count, next;
  uint32_t structural; // index of the next child among the non-extra ones
  uint32_t pos;        // where the next child starts, before its padding
  const uint16_t *aliases;
  const ts_field_map_entry *fields, *fields_end;
  uint16_t inherited; // a hidden subtree's own field, for its children with none
  bool closes;        // the subtree was written out: close it when done
} level;

typedef struct {
  level *levels;
  uint32_t depth, room;
} walk;

// descend starts visiting the children of s, whose padding starts at pos,
// and returns false when out of memory.
static bool descend(walk *w, const ts_language *lang, ts_subtree s, uint32_t pos,
                    uint16_t inherited, bool closes) {
  if (w->depth == w->room) {
    uint32_t room = w->room * 2;
    level *grown = realloc(w->levels, room * sizeof(level));
    if (grown == NULL) {
      return false;
    }
    w->levels = grown;
    w->room = room;
  }
  uint16_t production = s.ptr->production_id;
  level *l = &w->levels[w->depth++];
  l->children = (const ts_subtree *)s.ptr - s.ptr->child_count;
  l->count = s.ptr->child_count;
  l->next = 0;
  l->structural = 0;
  l->pos = pos;
  l->aliases = production ? &lang->alias_sequences[production * lang->max_alias_sequence_length] : NULL;
  l->fields = l->fields_end = NULL;
  if (lang->field_count > 0) {
    ts_map_slice slice = lang->field_map_slices[production];
    l->fields = &lang->field_map_entries[slice.index];
    l->fields_end = l->fields + slice.length;
  }
  l->inherited = inherited;
  l->closes = closes;
  // The children's data is scattered over the heap: ask for all of it
  // now, so that the cache misses overlap instead of coming one by one.
  for (uint32_t i = 0; i < l->count; i++) {
    ts_subtree c = l->children[i];
    if (!c.data.is_inline) {
      __builtin_prefetch(c.ptr);
      __builtin_prefetch((const char *)c.ptr + 64);
    }
  }
  return true;
}

// field returns the field of the structural child i of l's subtree.
static uint16_t field(const level *l, uint32_t i) {
  for (const ts_field_map_entry *f = l->fields; f < l->fields_end; f++) {
    if (!f->inherited && f->child_index == i) {
      return f->field_id;
    }
  }
  return l->inherited;
}

// al_flatten writes the tree in pre-order into out, mapping each grammar
// symbol to its canonical kind (kinds[nkinds-1] for error symbols) and
// leaving out the tokens whose kind is marked in skip, and returns the
// number of nodes written. With ids, it also writes each node's identity
// there; with reuse too, each subtree the incremental parse reused from
// the previous tree is copied from reuse instead of walked. walked
// receives the number of nodes not copied.
//
// It reads tree-sitter's subtrees directly (tsinternal.h): its cursor
// spends most of its time on bookkeeping the walk does not need.
uint32_t al_flatten(const TSTree *tree, const uint16_t *kinds, uint16_t nkinds,
                    const uint8_t *skip, const al_reuse *reuse, al_node *out,
                    uintptr_t *ids, uint32_t cap, uint32_t *walked) {
  const ts_tree *t = (const ts_tree *)tree;
  const ts_language *lang = t->language;
  walk w = {malloc(64 * sizeof(level)), 0, 64};
  uint32_t n = 0, cur = UINT32_MAX;
  *walked = 0;
  if (w.levels == NULL) {
    return 0;
  }
  // The root is a level of one child.
  w.levels[w.depth++] = (level){.children = &t->root, .count = 1, .pos = 0};
  while (w.depth > 0) {
    level *l = &w.levels[w.depth - 1];
    if (l->next == l->count) {
      if (l->closes) {
        out[cur].after = n;
        cur = out[cur].parent;
      }
      w.depth--;
      continue;
    }
    const ts_subtree *at = &l->children[l->next];
    ts_subtree s = *at;
    uint32_t start = l->pos + padding_bytes(s);
    l->pos = start + size_bytes(s);
    l->next++;
    bool extra = SUBTREE(s, extra);
    uint16_t alias = 0, fid = 0;
    if (!extra) {
      if (l->aliases != NULL) {
        alias = l->aliases[l->structural];
      }
      fid = field(l, l->structural);
      l->structural++;
    }
    if (!SUBTREE(s, visible) && alias == 0) {
      if (child_count(s) > 0 && s.ptr->visible_child_count > 0 &&
          !descend(&w, lang, s, start - padding_bytes(s), fid, false)) {
        break;
      }
      continue;
    }
    uint16_t symbol = alias ? alias : SUBTREE(s, symbol);
    if (symbol != TS_SYMBOL_ERROR) {
      symbol = symbol < lang->symbol_count + lang->alias_count ? lang->public_symbol_map[symbol]
                                                              : TS_SYMBOL_ERROR;
    }
    uint16_t kind = kinds[symbol < nkinds ? symbol : nkinds - 1];
    bool missing = SUBTREE(s, is_missing);
    if (skip[kind] && !missing) {
      continue;
    }
    if (n == cap) {
      break;
    }
    uint32_t end = start + size_bytes(s);
    uintptr_t id = ids != NULL ? *(const uintptr_t *)at : 0;
    uint32_t j = reuse != NULL ? find_old(reuse, id, start, end, kind) : UINT32_MAX;
    if (j != UINT32_MAX && n + (reuse->nodes[j].after - j) <= cap) {
      n += copy_old(reuse, j, out, ids, n, cur, fid, start);
      continue;
    }
    bool named = alias ? lang->symbol_metadata[alias].named : SUBTREE(s, named);
    al_node *o = &out[n];
    o->start = start;
    o->end = end;
    o->parent = cur;
    o->after = n + 1;
    o->kind = kind;
    o->field = (uint8_t)fid;
    o->flags = (named ? AL_NAMED : 0) | (missing ? AL_MISSING : 0) |
               (symbol == TS_SYMBOL_ERROR ? AL_ERROR : 0) | (extra ? AL_EXTRA : 0);
    if (ids != NULL) {
      ids[n] = id;
    }
    (*walked)++;
    if (child_count(s) > 0) {
      if (!descend(&w, lang, s, start - padding_bytes(s), 0, true)) {
        n++;
        break;
      }
      cur = n;
    }
    n++;
  }
  // Out of room: close every open node so the array stays consistent.
  while (cur != UINT32_MAX) {
    out[cur].after = n;
    cur = out[cur].parent;
  }
  free(w.levels);
  return n;
}
