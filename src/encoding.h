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
	KH_ENC_EUCJP
} kh_encoding;

/* "utf-8", "cp932" (also "shift_jis", "sjis", "windows-31j"), "euc-jp",
 * "utf-16le", "utf-16be", "utf-16", "auto"; case-insensitive.  -1 if unknown. */
int kh_encoding_parse(const char *name);
const char *kh_encoding_name(kh_encoding e);  /* "UTF-8", "CP932", ... */
/* Detect from a BOM, else valid UTF-8, else CP932 or EUC-JP by byte structure. */
kh_encoding kh_encoding_detect(const unsigned char *data, size_t len);

/* Decode to UTF-8 (BOM removed).  Returns 0 and a malloc'd NUL-terminated
 * buffer, or -1 after reporting at file:line:col with the byte offset. */
int kh_encoding_decode(const char *file, const unsigned char *data, size_t len, kh_encoding enc,
                       char **out, size_t *outlen);

#endif
