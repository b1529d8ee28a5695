/* yaml.h -- layout files: libyaml into a tree that keeps line and column.
 *
 * yaml.c is the only file that includes yaml.h from libyaml.  Aliases are
 * resolved (the node is shared), "<<" merge keys are applied.  Every node
 * keeps its position for messages; columns count characters.
 */
#ifndef KH_YAML_H
#define KH_YAML_H

#include "diag.h"
#include "util.h"

typedef enum { KH_Y_SCALAR, KH_Y_MAP, KH_Y_SEQ } kh_ykind;

typedef struct kh_ynode {
	kh_ykind kind;
	kh_loc loc;               /* where the node starts */
	const char *str;          /* scalar text (UTF-8); "" for empty */
	int quoted;               /* scalar was quoted ('' or "") */
	int n;                    /* map pairs or sequence items */
	struct kh_ynode **keys;   /* map: scalar key nodes */
	struct kh_ynode **vals;   /* map: values; sequence: items */
} kh_ynode;

/* Parse a file: one document.  Returns the root (owned by arena), or NULL
 * after reporting a syntax error at its position (with the opener's line
 * when a bracket or quote is left open). */
kh_ynode *kh_yaml_load(const char *path, kh_arena *arena);
kh_ynode *kh_yaml_parse(const char *name, const char *data, size_t len, kh_arena *arena);

/* Map lookup (NULL if absent or not a map). */
kh_ynode *kh_ymap_get(const kh_ynode *map, const char *key);
kh_ynode *kh_ymap_key(const kh_ynode *map, const char *key); /* the key node */
const char *kh_ykind_name(kh_ykind k); /* "a string", "a mapping", "a list" */

/* Position of byte offset off inside a scalar's text: exact when the scalar
 * is written on one line without escapes (plain, or quoted without escapes),
 * else the scalar's start.  For messages about a part of a value.  n must
 * come from kh_yaml_parse or kh_yaml_load (not a copy). */
kh_loc kh_yscalar_loc(const kh_ynode *n, size_t off);

#endif
