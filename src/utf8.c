/* utf8.c -- strict UTF-8 (RFC 3629). */
#include "utf8.h"

#include "util.h"

int kh_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c = s[0], min;
	int n, i;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2, c &= 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, c &= 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		return -1;
	}
	if (len < (size_t)n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return n;
}

int kh_utf8_encode(uint32_t c, char *o)
{
	unsigned char *out = (unsigned char *)o;
	if (c < 0x80) {
		out[0] = (unsigned char)c;
		return 1;
	} else if (c < 0x800) {
		out[0] = (unsigned char)(0xC0 | (c >> 6));
		out[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	} else if (c < 0x10000) {
		if (c >= 0xD800 && c <= 0xDFFF)
			return 0;
		out[0] = (unsigned char)(0xE0 | (c >> 12));
		out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	} else if (c <= 0x10FFFF) {
		out[0] = (unsigned char)(0xF0 | (c >> 18));
		out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
		out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		out[3] = (unsigned char)(0x80 | (c & 0x3F));
		return 4;
	}
	return 0;
}

size_t kh_utf8_valid_prefix(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int n = kh_utf8_decode(s + i, len - i, &cp);
		if (n < 0)
			break;
		i += (size_t)n;
	}
	return i;
}

size_t kh_utf8_length(const char *s, size_t len)
{
	size_t i = 0, count = 0;
	uint32_t cp;
	while (i < len) {
		int n = kh_utf8_decode(s + i, len - i, &cp);
		i += n > 0 ? (size_t)n : 1;
		count++;
	}
	return count;
}

size_t kh_utf8_decode_all(const char *s, size_t len, uint32_t **out)
{
	uint32_t *a = kh_xmalloc((len + 1) * sizeof(uint32_t));
	size_t i = 0, count = 0;
	while (i < len) {
		uint32_t cp;
		int n = kh_utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			cp = 0xFFFD;
			n = 1;
		}
		a[count++] = cp;
		i += (size_t)n;
	}
	*out = a;
	return count;
}

int kh_utf8_column(const char *line_start, size_t off)
{
	return (int)kh_utf8_length(line_start, off) + 1;
}
