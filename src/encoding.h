/* encoding.h -- detecting and decoding the encodings Japanese offices use.
 *
 * The only file that includes iconv.h is encoding.c.  CP932 means CP932
 * (WINDOWS-31J), never glibc's SHIFT_JIS.
 */
#ifndef KH_ENCODING_H
#define KH_ENCODING_H

#include <stddef.h>
#include "diag.h"

typedef enum {
	KH_ENC_AUTO = 0,
	KH_ENC_UTF8,
	KH_ENC_UTF16LE,
	KH_ENC_UTF16BE,
	KH_ENC_CP932,
	KH_ENC_EUCJP,
	KH_ENC_UTF16      /* declared only: UTF-16, byte order from the BOM */
} kh_encoding;

/* "utf-8", "cp932" (also "shift_jis", "sjis", "windows-31j", "ms932"),
 * "euc-jp", "utf-16le", "utf-16be", "utf-16", "auto"; case-insensitive, '-'
 * and '_' optional ("UTF8", "Shift-JIS").  -1 if unknown. */
int kh_encoding_parse(const char *name);
/* Every name kh_encoding_parse accepts, in the form the docs write it
 * ("auto", "utf-8", "cp932", "shift_jis", ...), aliases right after the name
 * they stand for; *n is set to the count. */
const char *const *kh_encoding_names(size_t *n);
const char *kh_encoding_name(kh_encoding e);  /* "UTF-8", "CP932", ... */
/* Detect from a BOM, else valid UTF-8, else CP932 or EUC-JP by byte structure.
 * Pure ASCII (and empty) is UTF-8.  Never returns KH_ENC_AUTO or KH_ENC_UTF16;
 * for data no encoding reads throughout it returns the most plausible one
 * (the one that reads the longest part). */
kh_encoding kh_encoding_detect(const unsigned char *data, size_t len);

/* Decode to UTF-8 (BOM removed).  Returns 0 and a malloc'd NUL-terminated
 * buffer, or -1 after reporting at file:line:col with the byte offset. */
int kh_encoding_decode(const char *file, const unsigned char *data, size_t len, kh_encoding enc,
                       char **out, size_t *outlen);

/* Decoded text, as kh_encoding_decode_take returns it. */
typedef struct kh_text {
	char *mem;          /* malloc'd block holding s: the caller frees it */
	char *s;            /* UTF-8, BOM removed, NUL-terminated; s[len] may be overwritten */
	size_t len;
	kh_encoding enc;    /* what it was decoded from (never AUTO or UTF16) */
	int bom;            /* the data began with a byte-order mark */
} kh_text;

/* Like kh_encoding_decode, but takes ownership of data (malloc'd, with room
 * for len + 1 bytes) and decodes without copying when it is UTF-8.  enc
 * KH_ENC_AUTO detects; a declared encoding the data contradicts (another BOM,
 * valid UTF-8 declared as CP932, ...) is an error.  Any byte that is not a
 * character of the encoding, and any NUL, is an error at file:line:col with
 * its byte offset: nothing is replaced or dropped.  On error data has been
 * freed and -1 is returned. */
int kh_encoding_decode_take(const char *file, char *data, size_t len, kh_encoding enc, kh_text *out);

#endif
