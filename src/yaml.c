/* yaml.c -- layout files: libyaml events into a kh_ynode tree with positions.
 *
 * The only file that includes libyaml.  The text is checked to be UTF-8
 * first (so every later message can count characters); libyaml's events are
 * then assembled into a tree with an explicit stack (no recursion, so deep
 * nesting cannot overflow the C stack).  Aliases share the anchored node;
 * "<<" merge keys are applied when their mapping closes; a key given twice is
 * an error at the second one.  libyaml's problems are reworded in our style,
 * with "(to close '[' at line 3)" when an opener was left open.
 */
#include "yaml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h> /* libyaml; src/ must not be on the include path of this file */

#include "schema.h"
#include "utf8.h"

#define MAX_DEPTH 200            /* nesting levels */
#define MAX_WEIGHT 2000000       /* nodes after alias expansion */

/* A node and the size of its alias-expanded subtree (to refuse "billion
 * laughs" documents that would make every later walk exponential). */
typedef struct wnode {
	kh_ynode n;
	size_t weight;
	int exact;     /* scalar: its text is its source, on one line (no escapes, no folding) */
} wnode;

static size_t weight_of(const kh_ynode *n)
{
	return ((const wnode *)(const void *)n)->weight;
}

typedef struct frame {
	kh_ynode *node;
	kh_ynode **kids;          /* sequence items, or key, value, key, value */
	size_t nkids, cap;
	int anchor;               /* index into anchors, -1 none */
} frame;

typedef struct anchor {
	char *name;
	kh_ynode *node;           /* NULL while still open */
} anchor;

typedef struct builder {
	const char *name;         /* arena copy */
	const char *data;
	size_t len;
	kh_arena *arena;
	frame *stack;
	size_t depth, cap;
	anchor *anchors;
	size_t nanchors, acap;
	int errors;
} builder;

static kh_loc mark_loc(const builder *b, yaml_mark_t m)
{
	return kh_loc_make(b->name, (int)m.line + 1, (int)m.column + 1);
}

/* Line and column of a byte offset (for problems libyaml reports by offset). */
static kh_loc offset_loc(const builder *b, size_t off)
{
	size_t i = 0, ls = 0;
	int line = 1;
	if (b->len >= 3 && memcmp(b->data, "\xEF\xBB\xBF", 3) == 0)
		i = ls = 3;
	if (off > b->len)
		off = b->len;
	for (; i < off; i++) {
		if (b->data[i] == '\n' || (b->data[i] == '\r' && (i + 1 >= b->len || b->data[i + 1] != '\n'))) {
			line++;
			ls = i + 1;
		}
	}
	return kh_loc_make(b->name, line, kh_utf8_column(b->data + ls, off - ls));
}

static kh_ynode *new_node(builder *b, kh_ykind kind, yaml_mark_t m)
{
	wnode *w = kh_arena_alloc(b->arena, sizeof *w);
	w->n.kind = kind;
	w->n.loc = mark_loc(b, m);
	w->n.str = "";
	w->weight = 1;
	return &w->n;
}

/* ---- syntax errors ---- */

/* libyaml's wording, and ours. */
static const struct {
	const char *theirs, *ours;
} rewording[] = {
	{"did not find expected ',' or ']'", "expected ',' or ']'"},
	{"did not find expected ',' or '}'", "expected ',' or '}'"},
	{"did not find expected key", "expected a key at this indentation"},
	{"did not find expected '-' indicator", "expected a '-' list item at this indentation"},
	{"did not find expected node content", "expected a value here"},
	{"did not find expected <document start>", "unexpected text after the document"},
	{"did not find expected <stream end>", "unexpected text after the document"},
	{"mapping values are not allowed in this context",
	 "unexpected ':' (a value that contains ': ' must be quoted)"},
	{"block sequence entries are not allowed in this context",
	 "unexpected '-' list item (a list must start on its own line under its key)"},
	{"mapping keys are not allowed in this context", "unexpected '?' here"},
	{"could not find expected ':'", "expected ':' after a key"},
	{"found unexpected end of stream", "the file ends inside a quoted string"},
	{"found unknown escape character", "unknown escape sequence in a double-quoted string"},
	{"did not find expected hexdecimal number", "expected hexadecimal digits in an escape sequence"},
	{"found invalid Unicode character escape code", "escape sequence is not a Unicode character"},
	{"found unexpected document indicator", "a line starting with '---' or '...' cannot be inside a quoted string"},
	{"found a tab character that violates indentation", "a tab cannot indent YAML; use spaces"},
	{"found a tab character that violate indentation", "a tab cannot indent YAML; use spaces"},
	{"found a tab character where an indentation space is expected", "a tab cannot indent YAML; use spaces"},
	{"did not find expected alphabetic or numeric character", "an anchor or alias name must be letters or digits"},
	{"did not find expected whitespace or line break", "expected a space or line break after a tag"},
	{"did not find expected comment or line break", "expected a line break after the block scalar header"},
	{"found an indentation indicator equal to 0", "a block scalar indentation indicator cannot be 0"},
	{"found undefined tag handle", "unknown tag handle"},
	{"control characters are not allowed", "control characters are not allowed in a layout file"},
	{"found incompatible YAML document", "unsupported YAML version"},
	{"found duplicate %YAML directive", "duplicate %YAML directive"},
	{"found duplicate %TAG directive", "duplicate %TAG directive"},
	{"input is too long", "the file is too long"},
};

static const char *reword(const char *problem)
{
	if (!problem)
		return "syntax error";
	for (size_t i = 0; i < KH_COUNT(rewording); i++)
		if (strcmp(problem, rewording[i].theirs) == 0)
			return rewording[i].ours;
	/* an unknown libyaml text: keep it, without "found"/"did not find" noise */
	if (strncmp(problem, "found ", 6) == 0)
		return problem + 6;
	return problem;
}

/* The byte at a character mark (libyaml marks count characters). */
static const char *char_at_mark(const builder *b, yaml_mark_t m)
{
	const char *p = b->data, *end = b->data + b->len;
	size_t line = 0, col = 0;
	if (b->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && line < m.line) {
		if (*p == '\n')
			line++;
		else if (*p == '\r' && (p + 1 >= end || p[1] != '\n'))
			line++;
		p++;
	}
	while (p < end && col < m.column && *p != '\n' && *p != '\r') {
		uint32_t cp;
		int k = kh_utf8_decode(p, (size_t)(end - p), &cp);
		p += k > 0 ? k : 1;
		col++;
	}
	return p < end ? p : NULL;
}

static void syntax_error(builder *b, const yaml_parser_t *p)
{
	kh_loc at;
	const char *msg = reword(p->problem);
	char closer[80] = "";
	if (p->error == YAML_READER_ERROR)
		at = offset_loc(b, p->problem_offset);
	else
		at = mark_loc(b, p->problem_mark);
	if (p->error == YAML_MEMORY_ERROR)
		kh_die("out of memory while reading %s", b->name);
	if (p->context && p->error != YAML_READER_ERROR &&
	    (strstr(p->context, "flow") || strstr(p->context, "quoted"))) {
		const char *c = char_at_mark(b, p->context_mark);
		if (c && (*c == '[' || *c == '{' || *c == '"' || *c == '\'')) {
			if (p->context_mark.line != p->problem_mark.line)
				snprintf(closer, sizeof closer, " (to close '%c' at line %d)", *c,
				         (int)p->context_mark.line + 1);
			else
				snprintf(closer, sizeof closer, " (to close '%c' at column %d)", *c,
				         (int)p->context_mark.column + 1);
		}
	}
	/* "cannot start any token": say which character */
	if (p->problem && strcmp(p->problem, "found character that cannot start any token") == 0) {
		const char *c = char_at_mark(b, p->problem_mark);
		if (c && *c == '\t')
			kh_error(at, "a tab cannot indent YAML; use spaces");
		else if (c && (*c == '@' || *c == '`')) {
			kh_error(at, "a value cannot start with '%c' unless quoted", *c);
			kh_hint("write \"%c...\" in quotes", *c);
		} else if (c) {
			uint32_t cp = '?';
			int k = kh_utf8_decode(c, (size_t)(b->data + b->len - c), &cp);
			kh_error(at, "unexpected '%.*s'", k > 0 ? k : 1, c);
		} else {
			kh_error(at, "unexpected character");
		}
	} else {
		kh_error(at, "%s%s", msg, closer);
	}
	b->errors++;
}

/* ---- tree building ---- */

static void push(builder *b, kh_ynode *node, int anchor_idx)
{
	frame *f;
	kh_grow(&b->stack, sizeof *b->stack, b->depth + 1, &b->cap);
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof *f);
	f->node = node;
	f->anchor = anchor_idx;
}

static int define_anchor(builder *b, const char *name, kh_ynode *node)
{
	kh_grow(&b->anchors, sizeof *b->anchors, b->nanchors + 1, &b->acap);
	b->anchors[b->nanchors].name = kh_xstrdup(name);
	b->anchors[b->nanchors].node = node;
	return (int)b->nanchors++;
}

static void add_weight(size_t *w, size_t more)
{
	*w = *w + more < *w || *w + more > MAX_WEIGHT * 2 ? MAX_WEIGHT * 2 : *w + more;
}

/* Add a finished child to the open collection, or make it the root. */
static void add_child(builder *b, kh_ynode *child, kh_ynode **root)
{
	frame *f;
	if (b->depth == 0) {
		*root = child;
		return;
	}
	f = &b->stack[b->depth - 1];
	kh_grow(&f->kids, sizeof *f->kids, f->nkids + 1, &f->cap);
	f->kids[f->nkids++] = child;
	add_weight(&((wnode *)(void *)f->node)->weight, weight_of(child));
}

/* Hash set of key strings, for duplicate detection in big maps. */
typedef struct keyset {
	const char **slot;
	size_t cap;
} keyset;

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Returns 1 if s was already present, else adds it. */
static int keyset_add(keyset *ks, const char *s)
{
	size_t i = str_hash(s) & (ks->cap - 1);
	while (ks->slot[i]) {
		if (strcmp(ks->slot[i], s) == 0)
			return 1;
		i = (i + 1) & (ks->cap - 1);
	}
	ks->slot[i] = s;
	return 0;
}

static const char *kind_short(kh_ykind k)
{
	return k == KH_Y_MAP ? "a mapping" : k == KH_Y_SEQ ? "a list" : "a string";
}

/* Pairs a "<<" value would add at most. */
static size_t merge_size(const kh_ynode *v)
{
	size_t n = 0;
	if (v->kind == KH_Y_MAP)
		return (size_t)v->n;
	if (v->kind == KH_Y_SEQ)
		for (int i = 0; i < v->n; i++)
			if (v->vals[i]->kind == KH_Y_MAP)
				n += (size_t)v->vals[i]->n;
	return n;
}

/* Close a mapping: check keys, apply "<<" merges. */
static void finish_map(builder *b, frame *f)
{
	kh_ynode *m = f->node;
	size_t npairs = f->nkids / 2, n = 0, room = npairs;
	keyset ks;

	for (size_t i = 0; i < npairs; i++) {
		const kh_ynode *k = f->kids[2 * i];
		if (k->kind == KH_Y_SCALAR && !k->quoted && strcmp(k->str, "<<") == 0)
			room += merge_size(f->kids[2 * i + 1]);
	}
	ks.cap = 16;
	while (ks.cap < room * 2 + 16)
		ks.cap *= 2;
	ks.slot = kh_xcalloc(ks.cap, sizeof *ks.slot);
	m->keys = kh_arena_alloc(b->arena, (room + 1) * sizeof *m->keys);
	m->vals = kh_arena_alloc(b->arena, (room + 1) * sizeof *m->vals);

	/* explicit pairs first: they win over merged ones */
	for (size_t i = 0; i < npairs; i++) {
		kh_ynode *k = f->kids[2 * i], *v = f->kids[2 * i + 1];
		if (k->kind != KH_Y_SCALAR) {
			kh_error(k->loc, "a key must be a plain name, not %s", kind_short(k->kind));
			b->errors++;
			continue;
		}
		if (!k->quoted && strcmp(k->str, "<<") == 0)
			continue;
		if (keyset_add(&ks, k->str)) {
			int first = 0;
			for (size_t j = 0; j < n && !first; j++)
				if (strcmp(m->keys[j]->str, k->str) == 0)
					first = m->keys[j]->loc.line;
			kh_error(k->loc, "duplicate key '%s' (first given at line %d)", k->str, first);
			b->errors++;
			continue;
		}
		m->keys[n] = k;
		m->vals[n] = v;
		n++;
	}

	/* merged pairs: only keys not given explicitly; earlier sources win */
	for (size_t i = 0; i < npairs; i++) {
		const kh_ynode *k = f->kids[2 * i], *src = f->kids[2 * i + 1];
		kh_ynode *const *srcs;
		int nsrc = 1;
		if (k->kind != KH_Y_SCALAR || k->quoted || strcmp(k->str, "<<") != 0)
			continue;
		srcs = (kh_ynode *const *)&f->kids[2 * i + 1];
		if (src->kind == KH_Y_SEQ) {
			srcs = src->vals;
			nsrc = src->n;
		}
		for (int si = 0; si < nsrc; si++) {
			const kh_ynode *s = srcs[si];
			if (s->kind != KH_Y_MAP) {
				kh_error(s->loc, "'<<' merges a mapping or a list of mappings, not %s",
				         kind_short(s->kind));
				b->errors++;
				continue;
			}
			for (int j = 0; j < s->n && n < room; j++) {
				if (keyset_add(&ks, s->keys[j]->str))
					continue;
				m->keys[n] = s->keys[j];
				m->vals[n] = s->vals[j];
				n++;
			}
		}
	}
	m->n = (int)n;
	free(ks.slot);
}

static void finish_seq(builder *b, frame *f)
{
	kh_ynode *s = f->node;
	s->n = (int)f->nkids;
	s->vals = kh_arena_alloc(b->arena, (f->nkids + 1) * sizeof *s->vals);
	if (f->nkids)
		memcpy(s->vals, f->kids, f->nkids * sizeof *s->vals);
}

static int find_anchor(const builder *b, const char *name)
{
	for (size_t i = b->nanchors; i-- > 0;)
		if (strcmp(b->anchors[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void unknown_alias(builder *b, const char *name, kh_loc at)
{
	const char **cands = kh_xmalloc((b->nanchors + 1) * sizeof *cands);
	const char *best;
	for (size_t i = 0; i < b->nanchors; i++)
		cands[i] = b->anchors[i].name;
	best = kh_closest(name, cands, b->nanchors);
	kh_error(at, "unknown anchor '*%s'", name);
	if (best) {
		kh_hint("did you mean '*%s'?", best);
	} else if (b->nanchors == 0) {
		kh_hint("define it first with '&%s' before the value it names", name);
	} else {
		kh_buf names = KH_BUF_INIT;
		for (size_t i = 0; i < b->nanchors; i++)
			kh_buf_printf(&names, "%s&%s", i ? ", " : "", cands[i]);
		kh_hint("the anchors defined so far are %s", kh_buf_cstr(&names));
		kh_buf_free(&names);
	}
	free(cands);
	b->errors++;
}

static int check_utf8(builder *b)
{
	size_t ok;
	if (b->len >= 2 && (((unsigned char)b->data[0] == 0xFF && (unsigned char)b->data[1] == 0xFE) ||
	                    ((unsigned char)b->data[0] == 0xFE && (unsigned char)b->data[1] == 0xFF))) {
		kh_error(kh_loc_make(b->name, 0, 0), "the file is UTF-16; layout files must be UTF-8");
		kh_hint("save it as UTF-8");
		return -1;
	}
	ok = kh_utf8_valid_prefix(b->data, b->len);
	if (ok < b->len) {
		kh_error(offset_loc(b, ok), "invalid UTF-8 (byte 0x%02X); layout files must be UTF-8",
		         (unsigned char)b->data[ok]);
		kh_hint("save it as UTF-8");
		return -1;
	}
	if (memchr(b->data, 0, b->len)) {
		kh_error(offset_loc(b, (size_t)((const char *)memchr(b->data, 0, b->len) - b->data)),
		         "a NUL byte in a layout file");
		return -1;
	}
	return 0;
}

static kh_ynode *build(builder *b)
{
	yaml_parser_t p;
	yaml_event_t ev;
	kh_ynode *root = NULL;
	int ndocs = 0, done = 0;

	if (check_utf8(b) < 0)
		return NULL;
	if (!yaml_parser_initialize(&p))
		kh_die("out of memory (libyaml)");
	yaml_parser_set_input_string(&p, (const unsigned char *)b->data, b->len);

	while (!done) {
		kh_ynode *node = NULL;
		if (!yaml_parser_parse(&p, &ev)) {
			syntax_error(b, &p);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++ndocs > 1) {
				kh_error(mark_loc(b, ev.start_mark), "a second YAML document; a file holds one");
				kh_hint("remove the '---' line or split the file");
				b->errors++;
				done = 1;
			}
			break;
		case YAML_SCALAR_EVENT: {
			size_t len = ev.data.scalar.length;
			const char *v = (const char *)ev.data.scalar.value;
			node = new_node(b, KH_Y_SCALAR, ev.start_mark);
			if (memchr(v, 0, len)) {
				kh_error(node->loc, "a string cannot hold a NUL character");
				b->errors++;
			}
			node->str = kh_arena_strndup(b->arena, v, len);
			node->quoted = ev.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
			               ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
			               ev.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
			               ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
			{
				/* the text is the source when it spans exactly its characters */
				size_t chars = kh_utf8_length(v, len) + (node->quoted ? 2 : 0);
				int block = ev.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
				            ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
				((wnode *)(void *)node)->exact = !block && ev.start_mark.line == ev.end_mark.line &&
				                                 ev.end_mark.column - ev.start_mark.column == chars;
			}
			if (ev.data.scalar.anchor)
				define_anchor(b, (const char *)ev.data.scalar.anchor, node);
			break;
		}
		case YAML_ALIAS_EVENT: {
			const char *name = (const char *)ev.data.alias.anchor;
			int i = find_anchor(b, name);
			kh_loc at = mark_loc(b, ev.start_mark);
			if (i < 0) {
				unknown_alias(b, name, at);
				node = new_node(b, KH_Y_SCALAR, ev.start_mark);
			} else if (!b->anchors[i].node) {
				kh_error(at, "alias '*%s' is inside the value it names", name);
				b->errors++;
				node = new_node(b, KH_Y_SCALAR, ev.start_mark);
			} else {
				node = b->anchors[i].node;
			}
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			int is_map = ev.type == YAML_MAPPING_START_EVENT;
			const yaml_char_t *an = is_map ? ev.data.mapping_start.anchor : ev.data.sequence_start.anchor;
			kh_ynode *c = new_node(b, is_map ? KH_Y_MAP : KH_Y_SEQ, ev.start_mark);
			if (b->depth >= MAX_DEPTH) {
				/* stop here: libyaml's cost per event grows with the depth */
				kh_error(c->loc, "nesting deeper than %d levels", MAX_DEPTH);
				kh_hint("a layout needs a few dozen levels at most; look for a list or mapping that "
				        "opens again and again");
				b->errors++;
				done = 1;
				break;
			}
			push(b, c, an ? define_anchor(b, (const char *)an, NULL) : -1);
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			frame *f = &b->stack[--b->depth];
			if (ev.type == YAML_MAPPING_END_EVENT)
				finish_map(b, f);
			else
				finish_seq(b, f);
			free(f->kids);
			if (f->anchor >= 0)
				b->anchors[f->anchor].node = f->node;
			node = f->node;
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (node) {
			add_child(b, node, &root);
			if (weight_of(b->depth ? b->stack[0].node : node) > MAX_WEIGHT) {
				kh_error(node->loc, "aliases expand to more than %d values", MAX_WEIGHT);
				b->errors++;
				done = 1;
			}
		}
	}
	yaml_parser_delete(&p);
	while (b->depth > 0)
		free(b->stack[--b->depth].kids);
	if (!b->errors && !root) {
		kh_error(kh_loc_make(b->name, 0, 0), "the file is empty");
		kh_hint("a layout is a YAML mapping with at least a 'pages' section");
		b->errors++;
	}
	return b->errors ? NULL : root;
}

kh_ynode *kh_yaml_parse(const char *name, const char *data, size_t len, kh_arena *arena)
{
	builder b;
	kh_ynode *root;
	memset(&b, 0, sizeof b);
	b.name = kh_arena_strdup(arena, name ? name : "<input>");
	b.data = data ? data : "";
	b.len = data ? len : 0;
	b.arena = arena;
	root = build(&b);
	for (size_t i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	free(b.stack);
	return root;
}

kh_ynode *kh_yaml_load(const char *path, kh_arena *arena)
{
	char *data;
	size_t len;
	kh_ynode *root;
	int rc;
	if ((rc = kh_file_read(path, &data, &len)) < 0) {
		kh_error(KH_NOLOC, "cannot %s '%s': %s", kh_file_verb(rc), path, strerror(errno));
		return NULL;
	}
	root = kh_yaml_parse(path, data, len, arena);
	free(data);
	return root;
}

kh_loc kh_yscalar_loc(const kh_ynode *n, size_t off)
{
	kh_loc at = n->loc;
	size_t len = strlen(n->str);
	if (n->kind != KH_Y_SCALAR || !((const wnode *)(const void *)n)->exact || at.col <= 0)
		return at;
	if (off > len)
		off = len;
	at.col += (int)kh_utf8_length(n->str, off) + (n->quoted ? 1 : 0);
	return at;
}

kh_ynode *kh_ymap_key(const kh_ynode *map, const char *key)
{
	if (!map || map->kind != KH_Y_MAP || !key)
		return NULL;
	for (int i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->str, key) == 0)
			return map->keys[i];
	return NULL;
}

kh_ynode *kh_ymap_get(const kh_ynode *map, const char *key)
{
	if (!map || map->kind != KH_Y_MAP || !key)
		return NULL;
	for (int i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->str, key) == 0)
			return map->vals[i];
	return NULL;
}

const char *kh_ykind_name(kh_ykind k)
{
	return kind_short(k);
}
