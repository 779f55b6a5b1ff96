// The parts of tree-sitter's internal data layout (v0.25.0: lib/src/subtree.h,
// lib/src/length.h, lib/src/parser.h) that the flattening helper reads to
// walk a tree without a cursor. The version is pinned exactly in go.mod;
// layout_test.go checks the walk node for node against the public cursor
// API, so a change of layout fails the tests.
#ifndef ASYNCLINT_TSINTERNAL_H
#define ASYNCLINT_TSINTERNAL_H

#include "tsapi.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__ || UINTPTR_MAX != UINT64_MAX
#error "the tree-sitter layout below is that of 64-bit little-endian targets"
#endif

typedef struct {
  uint32_t bytes;
  uint32_t row, column;
} ts_length;

// A small leaf is stored in the word that otherwise points to a subtree's
// heap data; the lowest bit tells which.
typedef struct {
  bool is_inline : 1;
  bool visible : 1;
  bool named : 1;
  bool extra : 1;
  bool has_changes : 1;
  bool is_missing : 1;
  bool is_keyword : 1;
  uint8_t symbol;
  uint16_t parse_state;
  uint8_t padding_columns;
  uint8_t padding_rows : 4;
  uint8_t lookahead_bytes : 4;
  uint8_t padding_bytes;
  uint8_t size_bytes;
} ts_inline_subtree;

// A subtree's heap data; its children are stored just before it.
typedef struct {
  uint32_t ref_count;
  ts_length padding;
  ts_length size;
  uint32_t lookahead_bytes;
  uint32_t error_cost;
  uint32_t child_count;
  uint16_t symbol;
  uint16_t parse_state;
  bool visible : 1;
  bool named : 1;
  bool extra : 1;
  bool fragile_left : 1;
  bool fragile_right : 1;
  bool has_changes : 1;
  bool has_external_tokens : 1;
  bool has_external_scanner_state_change : 1;
  bool depends_on_column : 1;
  bool is_missing : 1;
  bool is_keyword : 1;
  union {
    struct { // when child_count > 0
      uint32_t visible_child_count;
      uint32_t named_child_count;
      uint32_t visible_descendant_count;
      int32_t dynamic_precedence;
      uint16_t repeat_depth;
      uint16_t production_id;
      struct {
        uint16_t symbol;
        uint16_t parse_state;
      } first_leaf;
    };
    // External tokens keep their scanner's state here, behind a pointer
    // that sets the alignment.
    const void *external_scanner_state;
  };
} ts_heap_subtree;

typedef union {
  ts_inline_subtree data;
  const ts_heap_subtree *ptr;
} ts_subtree;

_Static_assert(offsetof(ts_heap_subtree, child_count) == 36, "heap subtree layout");
_Static_assert(offsetof(ts_heap_subtree, visible_child_count) == 48, "heap subtree layout");
_Static_assert(offsetof(ts_heap_subtree, production_id) == 66, "heap subtree layout");
_Static_assert(sizeof(ts_subtree) == 8, "a subtree is one word");
_Static_assert(sizeof(ts_inline_subtree) == 8, "an inline subtree is one word");

typedef struct {
  ts_subtree root;
  const struct ts_language *language;
} ts_tree;

typedef struct {
  uint16_t field_id;
  uint8_t child_index;
  bool inherited;
} ts_field_map_entry;

typedef struct {
  uint16_t index;
  uint16_t length;
} ts_map_slice;

typedef struct {
  bool visible;
  bool named;
  bool supertype;
} ts_symbol_metadata;

// The head of TSLanguage, as generated parsers of ABI 15 lay it out.
typedef struct ts_language {
  uint32_t abi_version;
  uint32_t symbol_count;
  uint32_t alias_count;
  uint32_t token_count;
  uint32_t external_token_count;
  uint32_t state_count;
  uint32_t large_state_count;
  uint32_t production_id_count;
  uint32_t field_count;
  uint16_t max_alias_sequence_length;
  const uint16_t *parse_table;
  const uint16_t *small_parse_table;
  const uint32_t *small_parse_table_map;
  const void *parse_actions;
  const char *const *symbol_names;
  const char *const *field_names;
  const ts_map_slice *field_map_slices;
  const ts_field_map_entry *field_map_entries;
  const ts_symbol_metadata *symbol_metadata;
  const uint16_t *public_symbol_map;
  const uint16_t *alias_map;
  const uint16_t *alias_sequences;
} ts_language;

enum { TS_SYMBOL_ERROR = 0xFFFF, TS_ABI_VERSION = 15 };

#endif
