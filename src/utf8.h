/* utf8.h -- decoding and encoding UTF-8; all text inside kumihan is UTF-8. */
#ifndef KH_UTF8_H
#define KH_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one character from s (at most len bytes).  Returns the bytes used
 * (1-4) and sets *cp, or returns -1 for an invalid or truncated sequence
 * (overlong forms and surrogates are invalid).  len must be > 0. */
int kh_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns bytes written (0 if invalid). */
int kh_utf8_encode(uint32_t cp, char *out);
/* Length of the longest valid prefix of s, in bytes. */
size_t kh_utf8_valid_prefix(const char *s, size_t len);
/* Characters in s (invalid bytes count as one each). */
size_t kh_utf8_length(const char *s, size_t len);
/* Decode all of s into a malloc'd array (invalid bytes become U+FFFD);
 * returns the count. */
size_t kh_utf8_decode_all(const char *s, size_t len, uint32_t **out);
/* 1-based character column of byte offset off within its line (s starts a line). */
int kh_utf8_column(const char *line_start, size_t off);

#endif
