/* util.h -- allocation that never fails, arenas, growable strings.
 *
 * Out of memory is not a user error: kh_x* abort with a message.  Anything
 * allocated from an arena has no free function; the arena is dropped whole.
 */
#ifndef KH_UTIL_H
#define KH_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define KH_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define KH_NORETURN __attribute__((noreturn))
#else
#define KH_PRINTF(f, a)
#define KH_NORETURN
#endif

#define KH_COUNT(a) (sizeof(a) / sizeof((a)[0]))

void *kh_xmalloc(size_t n);
void *kh_xcalloc(size_t count, size_t size);
void *kh_xrealloc(void *p, size_t n);
char *kh_xstrdup(const char *s);
char *kh_xstrndup(const char *s, size_t n);
KH_NORETURN void kh_die(const char *fmt, ...) KH_PRINTF(1, 2);

/* Grow *items (of elemsize bytes) so that at least need fit; *cap tracks capacity. */
void kh_grow(void *items_ptr, size_t elemsize, size_t need, size_t *cap);

/* Arena: 64 KiB blocks (larger requests get their own block), one drop. */
typedef struct kh_arena kh_arena;
kh_arena *kh_arena_new(void);
void kh_arena_drop(kh_arena *a);
void *kh_arena_alloc(kh_arena *a, size_t n);   /* zeroed, 16-byte aligned */
char *kh_arena_strdup(kh_arena *a, const char *s);
char *kh_arena_strndup(kh_arena *a, const char *s, size_t n);
char *kh_arena_printf(kh_arena *a, const char *fmt, ...) KH_PRINTF(2, 3);
size_t kh_arena_used(const kh_arena *a);

/* Growable NUL-terminated byte string. */
typedef struct kh_buf {
	char *s;
	size_t len, cap;
} kh_buf;
#define KH_BUF_INIT {NULL, 0, 0}
void kh_buf_add(kh_buf *b, const void *p, size_t n);
void kh_buf_puts(kh_buf *b, const char *s);
void kh_buf_putc(kh_buf *b, int c);
void kh_buf_printf(kh_buf *b, const char *fmt, ...) KH_PRINTF(2, 3);
void kh_buf_vprintf(kh_buf *b, const char *fmt, va_list ap);
const char *kh_buf_cstr(kh_buf *b); /* never NULL */
char *kh_buf_detach(kh_buf *b);      /* caller frees; b is reset */
void kh_buf_reset(kh_buf *b);        /* keep memory, length 0 */
void kh_buf_free(kh_buf *b);

/* Files.  kh_file_read returns 0 and a malloc'd buffer (NUL-terminated, *len
 * excludes the NUL); or -1 when the file cannot be opened, -2 when it cannot
 * be read (a directory, an I/O error), with errno set.  Say which with
 * kh_file_verb: "cannot %s '%s': %s", kh_file_verb(rc), path, strerror(errno). */
int kh_file_read(const char *path, char **data, size_t *len);
static inline const char *kh_file_verb(int rc)
{
	return rc == -1 ? "open" : "read";
}
/* Write atomically: a temporary file beside path (PATH.tmp-HOST-PID-XXXXXX),
 * fsync, rename.  On failure nothing is left at path or beside it; returns -1
 * with errno set.  Temporary files of path that an earlier writer on this host
 * left behind (killed before it could rename) are removed first, when their
 * process is gone. */
int kh_file_write_atomic(const char *path, const void *data, size_t len);
/* Directory part of path ("." when none); malloc'd. */
char *kh_path_dir(const char *path);
/* Join dir and rel unless rel is absolute, normalised lexically ("a/../b" is
 * "b"); malloc'd. */
char *kh_path_join(const char *dir, const char *rel);

/* Edit distance (Levenshtein, in characters) for "did you mean" hints. */
int kh_edit_distance(const char *a, const char *b);
/* Closest of n candidates to word, or NULL if none is plausibly a typo. */
const char *kh_closest(const char *word, const char *const *cands, size_t n);

#endif
