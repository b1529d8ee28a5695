/* encoding.c -- which encoding a CSV file is in, and decoding it to UTF-8.
 *
 * Detection: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE); else valid
 * UTF-8; else CP932 or EUC-JP by their byte structure.  UTF-8 is checked and
 * used in place; the others go through iconv ("CP932" is WINDOWS-31J, not
 * glibc's SHIFT_JIS).  Every byte that is not a character of the encoding,
 * and every NUL, is reported at file:line:col with its byte offset; nothing
 * is replaced or dropped.  The only file that includes iconv.h.
 */
#include "encoding.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int kh_encoding_parse(const char *name)
{
	static const struct {
		const char *name;
		kh_encoding enc;
	} names[] = {
		{"auto", KH_ENC_AUTO},         {"utf8", KH_ENC_UTF8},       {"cp932", KH_ENC_CP932},
		{"windows31j", KH_ENC_CP932},  {"ms932", KH_ENC_CP932},     {"shiftjis", KH_ENC_CP932},
		{"sjis", KH_ENC_CP932},        {"eucjp", KH_ENC_EUCJP},     {"utf16le", KH_ENC_UTF16LE},
		{"utf16be", KH_ENC_UTF16BE},   {"utf16", KH_ENC_UTF16},
	};
	char norm[16];
	size_t n = 0;
	if (!name)
		return -1;
	for (const char *p = name; *p; p++) {
		if (*p == '-' || *p == '_')
			continue;
		if (n + 1 >= sizeof norm)
			return -1;
		norm[n++] = (char)tolower((unsigned char)*p);
	}
	norm[n] = 0;
	for (size_t i = 0; i < KH_COUNT(names); i++)
		if (!strcmp(norm, names[i].name))
			return (int)names[i].enc;
	return -1;
}

const char *const *kh_encoding_names(size_t *n)
{
	static const char *const names[] = {"auto",     "utf-8",  "cp932",    "shift_jis", "sjis", "windows-31j",
	                                    "ms932",    "euc-jp", "utf-16le", "utf-16be",  "utf-16"};
	*n = KH_COUNT(names);
	return names;
}

const char *kh_encoding_name(kh_encoding e)
{
	switch (e) {
	case KH_ENC_AUTO: return "auto";
	case KH_ENC_UTF8: return "UTF-8";
	case KH_ENC_UTF16LE: return "UTF-16LE";
	case KH_ENC_UTF16BE: return "UTF-16BE";
	case KH_ENC_CP932: return "CP932";
	case KH_ENC_EUCJP: return "EUC-JP";
	case KH_ENC_UTF16: return "UTF-16";
	}
	return "?";
}

/* The name to declare it by (for hints). */
static const char *decl_name(kh_encoding e)
{
	switch (e) {
	case KH_ENC_UTF8: return "utf-8";
	case KH_ENC_UTF16LE: return "utf-16le";
	case KH_ENC_UTF16BE: return "utf-16be";
	case KH_ENC_CP932: return "cp932";
	case KH_ENC_EUCJP: return "euc-jp";
	case KH_ENC_UTF16: return "utf-16";
	default: return "auto";
	}
}

static int is_utf16(kh_encoding e)
{
	return e == KH_ENC_UTF16LE || e == KH_ENC_UTF16BE || e == KH_ENC_UTF16;
}

/* ---- byte structure ---- */

/* The encoding a byte-order mark at the start says, and its length. */
static kh_encoding bom_of(const unsigned char *s, size_t n, size_t *bomlen)
{
	*bomlen = 0;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		*bomlen = 3;
		return KH_ENC_UTF8;
	}
	if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
		*bomlen = 2;
		return KH_ENC_UTF16LE;
	}
	if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		*bomlen = 2;
		return KH_ENC_UTF16BE;
	}
	return KH_ENC_AUTO;
}

/* Length of the UTF-8 sequence at s (n > 0 bytes left), or 0 if it is not
 * one; then *bad is the length of its longest valid beginning (at least 1). */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad, int *cut)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t need;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c == 0xE0)
		need = 2, lo = 0xA0;
	else if (c == 0xED)
		need = 2, hi = 0x9F;
	else if (c >= 0xE1 && c <= 0xEF)
		need = 2;
	else if (c == 0xF0)
		need = 3, lo = 0x90;
	else if (c >= 0xF1 && c <= 0xF3)
		need = 3;
	else if (c == 0xF4)
		need = 3, hi = 0x8F;
	else {
		*bad = 1;
		return 0;
	}
	for (size_t k = 1; k <= need; k++) {
		if (k >= n || s[k] < lo || s[k] > hi) {
			*bad = k;
			*cut = k >= n;
			return 0;
		}
		lo = 0x80, hi = 0xBF;
	}
	return need + 1;
}

static size_t cp932_seq(const unsigned char *s, size_t n, size_t *bad, int *cut)
{
	unsigned c = s[0];
	if (c < 0x80 || (c >= 0xA1 && c <= 0xDF))
		return 1;
	if ((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)) {
		if (n >= 2 && s[1] >= 0x40 && s[1] <= 0xFC && s[1] != 0x7F)
			return 2;
		*bad = n >= 2 ? 2 : 1;
		*cut = n < 2;
		return 0;
	}
	*bad = 1; /* 0x80, 0xA0, 0xFD-0xFF */
	return 0;
}

static size_t eucjp_seq(const unsigned char *s, size_t n, size_t *bad, int *cut)
{
	unsigned c = s[0];
	size_t need;
	unsigned lo = 0xA1, hi = 0xFE;
	if (c < 0x80)
		return 1;
	if (c == 0x8E)
		need = 1, hi = 0xDF; /* half-width katakana */
	else if (c == 0x8F)
		need = 2;            /* JIS X 0212 */
	else if (c >= 0xA1 && c <= 0xFE)
		need = 1;
	else {
		*bad = 1;
		return 0;
	}
	for (size_t k = 1; k <= need; k++) {
		if (k >= n || s[k] < lo || s[k] > hi) {
			*bad = k < n ? k + 1 : k;
			*cut = k >= n;
			return 0;
		}
		hi = 0xFE;
	}
	return need + 1;
}

static unsigned unit16(kh_encoding e, const unsigned char *s)
{
	return e == KH_ENC_UTF16LE ? (unsigned)(s[0] | s[1] << 8) : (unsigned)(s[0] << 8 | s[1]);
}

static size_t utf16_seq(kh_encoding e, const unsigned char *s, size_t n, size_t *bad, int *cut)
{
	unsigned u;
	if (n < 2) {
		*bad = 1;
		*cut = 1;
		return 0;
	}
	u = unit16(e, s);
	if (u < 0xD800 || u > 0xDFFF)
		return 2;
	if (u <= 0xDBFF && n < 4) {
		*bad = n;
		*cut = 1;
		return 0;
	}
	if (u <= 0xDBFF) {
		unsigned v = unit16(e, s + 2);
		if (v >= 0xDC00 && v <= 0xDFFF)
			return 4;
	}
	*bad = 2;
	return 0;
}

/* Length of the character at s (n > 0 bytes left) in e; 0 if there is
 * none: then *bad is the length of the offending bytes, and *cut says the
 * data ends inside a character. */
static size_t seq(kh_encoding e, const unsigned char *s, size_t n, size_t *bad, int *cut)
{
	int dummy;
	if (!cut)
		cut = &dummy;
	*cut = 0;
	switch (e) {
	case KH_ENC_CP932: return cp932_seq(s, n, bad, cut);
	case KH_ENC_EUCJP: return eucjp_seq(s, n, bad, cut);
	case KH_ENC_UTF16LE:
	case KH_ENC_UTF16BE: return utf16_seq(e, s, n, bad, cut);
	default: return utf8_seq(s, n, bad, cut);
	}
}

/* Skip ASCII from i, eight bytes at a time. */
static inline size_t skip_ascii(const unsigned char *s, size_t n, size_t i)
{
	while (i + 8 <= n) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
		i += 8;
	}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

static size_t prefix_utf8(const unsigned char *s, size_t n, size_t *bad)
{
	size_t i = 0, k;
	int cut;
	for (;;) {
		i = skip_ascii(s, n, i);
		if (i == n)
			return n;
		/* the bulk of Japanese text: three bytes, lead E1-EC or EE-EF */
		while (i + 2 < n && s[i] >= 0xE1 && s[i] != 0xED && (s[i + 1] & 0xC0) == 0x80 &&
		       (s[i + 2] & 0xC0) == 0x80 && s[i] <= 0xEF)
			i += 3;
		if (i < n && s[i] >= 0x80) {
			k = utf8_seq(s + i, n - i, bad, &cut);
			if (!k)
				return i;
			i += k;
		}
	}
}

typedef size_t seq_fn(const unsigned char *s, size_t n, size_t *bad, int *cut);

/* valid_prefix for CP932 and EUC-JP: ASCII runs skipped, the rest read a
 * character at a time by char_seq (inlined, so each caller calls its own
 * sequence function directly). */
static inline size_t prefix_multibyte(const unsigned char *s, size_t n, size_t *bad, seq_fn *char_seq)
{
	size_t i = 0, k;
	int cut;
	for (;;) {
		i = skip_ascii(s, n, i);
		if (i == n)
			return n;
		while (i < n && s[i] >= 0x80) {
			k = char_seq(s + i, n - i, bad, &cut);
			if (!k)
				return i;
			i += k;
		}
	}
}

/* Bytes of s that read as e from the start; *bad: length of the sequence
 * that does not (when the result is < n). */
static size_t valid_prefix(kh_encoding e, const unsigned char *s, size_t n, size_t *bad)
{
	size_t i = 0, k;
	*bad = 0;
	switch (e) {
	case KH_ENC_CP932: return prefix_multibyte(s, n, bad, cp932_seq);
	case KH_ENC_EUCJP: return prefix_multibyte(s, n, bad, eucjp_seq);
	case KH_ENC_UTF16LE:
	case KH_ENC_UTF16BE:
		while (i < n) {
			int cut;
			k = utf16_seq(e, s + i, n - i, bad, &cut);
			if (!k)
				return i;
			i += k;
		}
		return n;
	default: return prefix_utf8(s, n, bad);
	}
}

/* Offset of the first NUL character, or n. */
static size_t find_nul(kh_encoding e, const unsigned char *s, size_t n)
{
	if (is_utf16(e)) {
		for (size_t i = 0; i + 1 < n; i += 2)
			if (!s[i] && !s[i + 1])
				return i;
		return n;
	}
	const unsigned char *z = memchr(s, 0, n);
	return z ? (size_t)(z - s) : n;
}

/* UTF-16 without a byte-order mark, told by where its NUL bytes are (ASCII
 * characters have one): the byte order, or KH_ENC_AUTO if it does not look
 * like UTF-16. */
static kh_encoding utf16_guess(const unsigned char *s, size_t n)
{
	size_t even = 0, odd = 0, m = n < 65536 ? n : 65536;
	for (size_t i = 0; i + 1 < m; i += 2) {
		even += !s[i];
		odd += !s[i + 1];
	}
	/* at least one code unit in eight is ASCII, NULs on one side only */
	if (odd >= 4 && odd * 8 >= m / 2 && even * 8 < odd)
		return KH_ENC_UTF16LE;
	if (even >= 4 && even * 8 >= m / 2 && odd * 8 < even)
		return KH_ENC_UTF16BE;
	return KH_ENC_AUTO;
}

/* Detection without a BOM.  *whole: 1 the result reads all of s, 0 it does
 * not; 2 (only when quick) CP932 by elimination, its structure not checked:
 * iconv will, and on failure the full detection decides what to report. */
static kh_encoding detect_plain(const unsigned char *s, size_t n, int *whole, int quick)
{
	size_t bad, p8, ps, pe, valid = 0, invalid = 0, i;
	*whole = 1;
	p8 = valid_prefix(KH_ENC_UTF8, s, n, &bad);
	if (p8 == n)
		return KH_ENC_UTF8;
	/* UTF-8 with a few damaged characters is still UTF-8: more of its
	 * sequences are valid than not.  CP932 and EUC-JP text read as UTF-8 is
	 * mostly invalid (their lead bytes 0x81-0x9F and 0xA1-0xDF cannot start
	 * a UTF-8 sequence), which shows soon. */
	for (i = 0; i < n && !(invalid >= 64 && invalid > valid); ) {
		size_t k;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = seq(KH_ENC_UTF8, s + i, n - i, &bad, NULL);
		if (k) {
			valid++;
			i += k;
		} else {
			invalid++;
			i += bad;
		}
	}
	if (i >= n && valid > invalid) {
		*whole = 0;
		return KH_ENC_UTF8;
	}
	pe = valid_prefix(KH_ENC_EUCJP, s, n, &bad);
	if (pe == n) /* CP932 text (hiragana 0x82xx, kanji 0x88-0x9F) is never valid EUC-JP */
		return KH_ENC_EUCJP;
	if (quick) {
		*whole = 2;
		return KH_ENC_CP932;
	}
	ps = valid_prefix(KH_ENC_CP932, s, n, &bad);
	if (ps == n)
		return KH_ENC_CP932;
	*whole = 0;
	if (p8 >= ps && p8 >= pe)
		return KH_ENC_UTF8;
	return ps >= pe ? KH_ENC_CP932 : KH_ENC_EUCJP;
}

kh_encoding kh_encoding_detect(const unsigned char *data, size_t len)
{
	size_t bomlen;
	kh_encoding b = bom_of(data, len, &bomlen);
	int whole;
	return b != KH_ENC_AUTO ? b : detect_plain(data, len, &whole, 0);
}

/* ---- reporting ---- */

/* Line and column (in characters) of byte offset off of s read as e; the
 * BOM (bomlen bytes) is not a character.  Undecodable bytes count one each. */
static kh_loc locate(const char *file, kh_encoding e, const unsigned char *s, size_t n, size_t bomlen,
                     size_t off)
{
	int line = 1, col = 1, cr = 0;
	size_t i = bomlen;
	while (i < off) {
		size_t bad, k = seq(e, s + i, n - i, &bad, NULL);
		unsigned c;
		if (!k)
			k = 1;
		c = is_utf16(e) ? (k == 2 ? unit16(e, s + i) : 0xFFFF) : s[i];
		if (c == '\r') {
			line++, col = 1, cr = 1;
		} else if (c == '\n') {
			if (!cr)
				line++;
			col = 1, cr = 0;
		} else {
			col++, cr = 0;
		}
		i += k;
	}
	return kh_loc_make(file, line, col);
}

static void byte_list(char *out, size_t size, const unsigned char *s, size_t nbytes)
{
	size_t used = 0;
	out[0] = 0;
	for (size_t i = 0; i < nbytes && used + 6 < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s0x%02x", i ? " " : "", s[i]);
}

/* "the file looks like CP932: ..." when another encoding reads all of it. */
static void hint_other(kh_encoding declared, kh_encoding used, const unsigned char *s, size_t n)
{
	size_t bomlen, bad;
	int whole;
	kh_encoding other = bom_of(s, n, &bomlen);
	if (other == KH_ENC_AUTO)
		other = utf16_guess(s, n);
	if (other == KH_ENC_AUTO)
		other = detect_plain(s, n, &whole, 0);
	if (other != used && valid_prefix(other, s + bomlen, n - bomlen, &bad) == n - bomlen) {
		kh_hint("the encoding is declared as %s, but the file looks like %s: declare '%s', or leave the "
		        "encoding to detection", kh_encoding_name(declared), kh_encoding_name(other),
		        decl_name(other));
	}
}

static void report_bad(const char *file, kh_encoding e, kh_encoding declared, const unsigned char *s,
                       size_t n, size_t bomlen, size_t off, size_t badlen)
{
	char bytes[64];
	int cut = 0;
	size_t dummy;
	if (off < n)
		seq(e, s + off, n - off, &dummy, &cut);
	if (badlen == 0)
		badlen = 1;
	if (badlen > n - off)
		badlen = n - off;
	byte_list(bytes, sizeof bytes, s + off, badlen);
	kh_error(locate(file, e, s, n, bomlen, off), "%s %s %s not valid %s (byte offset %zu)",
	         badlen > 1 ? "bytes" : "byte", bytes, badlen > 1 ? "are" : "is", kh_encoding_name(e), off);
	if (cut)
		kh_hint("the file ends in the middle of a character: was it cut short?");
	else if (declared != KH_ENC_AUTO && declared != KH_ENC_UTF16)
		hint_other(declared, e, s, n);
	else if (bomlen)
		kh_hint("the file starts with a %s byte-order mark", kh_encoding_name(e));
	else if (e == KH_ENC_UTF8)
		kh_hint("the rest of the file is UTF-8: was this part pasted from a file in another encoding?");
	else
		kh_hint("the file is not UTF-8, so it was read as %s%s; if it is in another encoding, declare it",
		        kh_encoding_name(e), e == KH_ENC_CP932 ? " (Excel's Shift_JIS)" : "");
}

static void report_nul(const char *file, kh_encoding e, const unsigned char *s, size_t n, size_t bomlen,
                       size_t off)
{
	kh_encoding u16;
	kh_error(locate(file, e, s, n, bomlen, off), "NUL %s (byte offset %zu)", is_utf16(e) ? "character" : "byte",
	         off);
	if (n >= 4 && !memcmp(s, "PK\3\4", 4))
		kh_hint("this is a ZIP file (an Excel workbook?), not CSV: save it as CSV");
	else if (!is_utf16(e) && (u16 = utf16_guess(s, n)) != KH_ENC_AUTO)
		kh_hint("the file looks like %s without a byte-order mark: declare '%s'", kh_encoding_name(u16),
		        decl_name(u16));
	else
		kh_hint("a CSV file is text and cannot contain NUL characters");
}

static void report_disagree(const char *file, kh_encoding declared, kh_encoding found, const char *why)
{
	kh_error(kh_loc_make(file, 0, 0), "the encoding is declared as %s, but the file is %s%s",
	         kh_encoding_name(declared), kh_encoding_name(found), why);
	kh_hint("declare '%s', or leave the encoding to detection", decl_name(found));
}

/* ---- decoding ---- */

static int has_high(const unsigned char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			return 1;
	}
	for (; i < n; i++)
		if (s[i] & 0x80)
			return 1;
	return 0;
}

/* Decode s (after bomlen bytes) from e with iconv into out.  Returns 0, or
 * -1 with the offset of the first byte that is not a character in *fail. */
static int via_iconv(kh_encoding e, const unsigned char *s, size_t n, size_t bomlen, kh_text *out, size_t *fail)
{
	const char *from = e == KH_ENC_CP932 ? "CP932" : e == KH_ENC_EUCJP ? "EUC-JP"
	                 : e == KH_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE";
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap = (n - bomlen) / 2 * 3 + 64, inleft = n - bomlen, oleft;
	char *buf, *in = (char *)(uintptr_t)(s + bomlen), *o;
	if (cd == (iconv_t)-1)
		kh_die("iconv cannot convert from %s to UTF-8 on this system", from);
	buf = kh_xmalloc(cap + 1);
	o = buf;
	oleft = cap;
	for (;;) {
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(o - buf);
			cap += cap / 2 + 64;
			buf = kh_xrealloc(buf, cap + 1);
			o = buf + used;
			oleft = cap - used;
			continue;
		}
		/* EILSEQ: not a character here; EINVAL: the data ends inside one */
		*fail = (size_t)((const unsigned char *)in - s);
		iconv_close(cd);
		free(buf);
		return -1;
	}
	iconv_close(cd);
	*o = 0;
	out->mem = out->s = buf;
	out->len = (size_t)(o - buf);
	return 0;
}

int kh_encoding_decode_take(const char *file, char *data, size_t len, kh_encoding declared, kh_text *out)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t bomlen, bad = 0, p, nul;
	int whole = 0;
	kh_encoding bom = bom_of(s, len, &bomlen), e;
	memset(out, 0, sizeof *out);
	if (declared == KH_ENC_AUTO) {
		e = bom != KH_ENC_AUTO ? bom : detect_plain(s, len, &whole, 1);
	} else if (bom != KH_ENC_AUTO) {
		if (declared != bom && !(declared == KH_ENC_UTF16 && is_utf16(bom))) {
			char why[64];
			snprintf(why, sizeof why, " (it starts with a %s byte-order mark)", kh_encoding_name(bom));
			report_disagree(file, declared, bom, why);
			goto fail;
		}
		e = bom;
	} else if (is_utf16(declared)) {
		kh_encoding g = utf16_guess(s, len);
		if (len > 0 && !memchr(s, 0, len)) {
			report_disagree(file, declared, detect_plain(s, len, &whole, 0),
			                " (it has no NUL bytes, UTF-16 text always has)");
			goto fail;
		}
		if (declared == KH_ENC_UTF16 && g == KH_ENC_AUTO) {
			kh_error(kh_loc_make(file, 0, 0), "the encoding is declared as UTF-16, but the file has no "
			         "byte-order mark to tell its byte order");
			kh_hint("declare 'utf-16le' or 'utf-16be'");
			goto fail;
		}
		if (declared != KH_ENC_UTF16 && g != KH_ENC_AUTO && g != declared) {
			report_disagree(file, declared, g, " (by where its NUL bytes are)");
			goto fail;
		}
		e = declared == KH_ENC_UTF16 ? g : declared;
	} else {
		e = declared;
		if (e != KH_ENC_UTF8 && has_high(s, len) &&
		    valid_prefix(KH_ENC_UTF8, s, len, &bad) == len) {
			report_disagree(file, declared, KH_ENC_UTF8, "");
			goto fail;
		}
	}
	out->enc = e;
	out->bom = bomlen > 0;

	nul = find_nul(e, s + bomlen, len - bomlen) + bomlen;
	if (whole == 1 || (whole == 2 && nul == len))
		p = len; /* detection read it all, or iconv will */
	else
		p = valid_prefix(e, s + bomlen, len - bomlen, &bad) + bomlen;
	if (nul < len && nul <= p) {
		report_nul(file, e, s, len, bomlen, nul);
		goto fail;
	}
	if (p < len) {
		report_bad(file, e, declared, s, len, bomlen, p, bad);
		goto fail;
	}
	if (e == KH_ENC_UTF8) {
		data[len] = 0;
		out->mem = data;
		out->s = data + bomlen;
		out->len = len - bomlen;
		return 0;
	}
	if (via_iconv(e, s, len, bomlen, out, &p) < 0) {
		if (whole == 2) {
			/* CP932 was a guess: report in whatever reads furthest */
			kh_encoding best = detect_plain(s, len, &whole, 0);
			if (best != e) {
				e = best;
				p = valid_prefix(e, s, len, &bad);
			}
		}
		bad = 1;
		{
			size_t k = p < len ? seq(e, s + p, len - p, &bad, NULL) : 0;
			if (k)
				bad = k;
		}
		report_bad(file, e, declared, s, len, bomlen, p, bad);
		goto fail;
	}
	free(data);
	return 0;
fail:
	free(data);
	memset(out, 0, sizeof *out);
	return -1;
}

int kh_encoding_decode(const char *file, const unsigned char *data, size_t len, kh_encoding enc, char **out,
                       size_t *outlen)
{
	char *copy = kh_xmalloc(len + 1);
	kh_text t;
	memcpy(copy, data, len);
	if (kh_encoding_decode_take(file, copy, len, enc, &t) < 0)
		return -1;
	if (t.s != t.mem)
		memmove(t.mem, t.s, t.len + 1);
	*out = t.mem;
	*outlen = t.len;
	return 0;
}
