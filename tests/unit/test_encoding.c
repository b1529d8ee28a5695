/* test_encoding.c -- encoding names, detection, and decoding to UTF-8: the
 * characters glibc's SHIFT_JIS gets wrong, EUC-JP, UTF-16 with surrogates,
 * BOMs, and the exact messages for bytes that are not characters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "encoding.h"
#include "t.h"

static const char *diag_text = "";

/* Decode s (n bytes) declared as enc; returns the UTF-8 (malloc'd) or NULL,
 * the messages in diag_text until the next decode. */
static char *decode(const char *s, size_t n, kh_encoding enc)
{
	char *out = NULL;
	size_t outlen;
	t_capture_begin();
	if (kh_encoding_decode("t.csv", (const unsigned char *)s, n, enc, &out, &outlen) < 0)
		out = NULL;
	else if (strlen(out) != outlen)
		printf("not ok decode: length %zu but strlen %zu\n", outlen, strlen(out));
	diag_text = t_capture_end();
	return out;
}

#define DECODES(name, lit, enc, expect)                                                                  \
	do {                                                                                             \
		char *o_ = decode(lit, sizeof(lit) - 1, enc);                                            \
		T_STR(name, expect, o_);                                                                 \
		free(o_);                                                                                \
	} while (0)

#define FAILS(name, lit, enc, msg)                                                                       \
	do {                                                                                             \
		char *o_ = decode(lit, sizeof(lit) - 1, enc);                                            \
		T_OK(name " (refused)", o_ == NULL);                                                     \
		T_STR(name, msg, diag_text);                                                             \
		free(o_);                                                                                \
	} while (0)

#define DETECTS(name, lit, enc) T_INT(name, enc, kh_encoding_detect((const unsigned char *)lit, sizeof(lit) - 1))

int main(void)
{
	/* names */
	T_INT("parse utf-8", KH_ENC_UTF8, kh_encoding_parse("utf-8"));
	T_INT("parse UTF8", KH_ENC_UTF8, kh_encoding_parse("UTF8"));
	T_INT("parse cp932", KH_ENC_CP932, kh_encoding_parse("cp932"));
	T_INT("parse Shift_JIS is CP932", KH_ENC_CP932, kh_encoding_parse("Shift_JIS"));
	T_INT("parse sjis", KH_ENC_CP932, kh_encoding_parse("sjis"));
	T_INT("parse Windows-31J", KH_ENC_CP932, kh_encoding_parse("Windows-31J"));
	T_INT("parse MS932", KH_ENC_CP932, kh_encoding_parse("MS932"));
	T_INT("parse EUC-JP", KH_ENC_EUCJP, kh_encoding_parse("EUC-JP"));
	T_INT("parse euc_jp", KH_ENC_EUCJP, kh_encoding_parse("euc_jp"));
	T_INT("parse utf-16le", KH_ENC_UTF16LE, kh_encoding_parse("utf-16le"));
	T_INT("parse UTF-16BE", KH_ENC_UTF16BE, kh_encoding_parse("UTF-16BE"));
	T_INT("parse utf-16", KH_ENC_UTF16, kh_encoding_parse("utf-16"));
	T_INT("parse auto", KH_ENC_AUTO, kh_encoding_parse("Auto"));
	T_INT("parse latin9 unknown", -1, kh_encoding_parse("latin9"));
	T_INT("parse empty unknown", -1, kh_encoding_parse(""));
	T_INT("parse NULL unknown", -1, kh_encoding_parse(NULL));
	T_INT("parse long unknown", -1, kh_encoding_parse("utf-8-utf-8-utf-8-utf-8-utf-8"));
	T_STR("name CP932", "CP932", kh_encoding_name(KH_ENC_CP932));
	T_STR("name EUC-JP", "EUC-JP", kh_encoding_name(KH_ENC_EUCJP));
	T_STR("name UTF-16LE", "UTF-16LE", kh_encoding_name(KH_ENC_UTF16LE));
	T_STR("name UTF-16BE", "UTF-16BE", kh_encoding_name(KH_ENC_UTF16BE));
	T_STR("name UTF-8", "UTF-8", kh_encoding_name(KH_ENC_UTF8));

	/* detection */
	DETECTS("detect empty", "", KH_ENC_UTF8);
	DETECTS("detect ASCII", "a,b\n1,2\n", KH_ENC_UTF8);
	DETECTS("detect UTF-8 BOM", "\xEF\xBB\xBF" "a", KH_ENC_UTF8);
	DETECTS("detect UTF-16LE BOM", "\xFF\xFE" "a\0", KH_ENC_UTF16LE);
	DETECTS("detect UTF-16BE BOM", "\xFE\xFF" "\0a", KH_ENC_UTF16BE);
	DETECTS("detect UTF-8", "番号,名前\n", KH_ENC_UTF8);
	DETECTS("detect CP932", "\x94\xD4\x8D\x86,\x96\xBC\x91\x4F\n", KH_ENC_CP932);
	DETECTS("detect CP932 half-width kana", "a,\xB1\xB2\xB3\n", KH_ENC_CP932);
	DETECTS("detect EUC-JP", "\xC8\xD6\xB9\xE6,\xCC\xBE\xC1\xB0\n", KH_ENC_EUCJP);
	DETECTS("detect damaged UTF-8 is still UTF-8", "番号,名前,住所\n\xFF,x\n", KH_ENC_UTF8);
	DETECTS("detect CP932 with a byte invalid in it", "\x94\xD4\x8D\x86,\x96\xBC\x91\x4F\n\x80", KH_ENC_CP932);

	/* CP932 is not glibc's SHIFT_JIS */
	DECODES("cp932 backslash stays a backslash", "C:\x5C" "data", KH_ENC_CP932, "C:\\data");
	DECODES("cp932 tilde stays a tilde", "\x7E", KH_ENC_CP932, "~");
	DECODES("cp932 0x8160 is U+FF5E", "\x81\x60", KH_ENC_CP932, "\xEF\xBD\x9E");
	DECODES("cp932 NEC specials", "\x87\x40\x87\x82\x87\x8A", KH_ENC_CP932, "①№㈱");
	DECODES("cp932 IBM extension 0xFBFC", "\xFB\xFC", KH_ENC_CP932, "髙");
	DECODES("cp932 NEC-selected IBM extension 0xEEE0", "\xEE\xE0", KH_ENC_CP932, "髙");
	DECODES("cp932 half-width katakana", "\xB1\xDF", KH_ENC_CP932, "ｱﾟ");
	DECODES("cp932 detected", "\x94\xD4\x8D\x86,\x87\x40", KH_ENC_AUTO, "番号,①");
	DECODES("cp932 user-defined area is kept (private use)", "\xF0\x40", KH_ENC_CP932, "\xEE\x80\x80");

	DECODES("euc-jp", "\xC8\xD6\xB9\xE6", KH_ENC_EUCJP, "番号");
	DECODES("euc-jp half-width kana (SS2)", "\x8E\xB1", KH_ENC_EUCJP, "ｱ");
	DECODES("euc-jp JIS X 0212 (SS3)", "\x8F\xB0\xA1", KH_ENC_EUCJP, "丂");

	DECODES("utf-16le BOM and surrogate pair", "\xFF\xFE" "a\0\x42\xD8\xB7\xDF", KH_ENC_AUTO, "a𠮷");
	DECODES("utf-16be BOM", "\xFE\xFF" "\x75\x6A\0,", KH_ENC_AUTO, "番,");
	DECODES("utf-16le declared without BOM", "a\0,\0b\0", KH_ENC_UTF16LE, "a,b");
	DECODES("utf-16 declared, order from the BOM", "\xFE\xFF\0a", KH_ENC_UTF16, "a");
	DECODES("utf-8 BOM removed", "\xEF\xBB\xBF" "a,\xEF\xBB\xBF" "b", KH_ENC_AUTO, "a,\xEF\xBB\xBF" "b");
	DECODES("utf-8 declared with its BOM", "\xEF\xBB\xBF" "x", KH_ENC_UTF8, "x");
	DECODES("ASCII declared CP932", "a,b", KH_ENC_CP932, "a,b");
	DECODES("empty", "", KH_ENC_AUTO, "");

	/* in place: UTF-8 is not copied */
	{
		char *data = malloc(8);
		kh_text tx;
		memcpy(data, "\xEF\xBB\xBF" "a,b", 6);
		T_INT("decode_take utf-8", 0, kh_encoding_decode_take("t.csv", data, 6, KH_ENC_AUTO, &tx));
		T_OK("decode_take utf-8 in place", tx.mem == data && tx.s == data + 3 && tx.len == 3 && tx.bom);
		T_STR("decode_take utf-8 text", "a,b", tx.s);
		free(tx.mem);
	}

	/* bytes that are not characters */
	FAILS("utf-8 invalid byte", "a,b\n\xE5\x90\x8D,\xC3\x28\n", KH_ENC_UTF8,
	      "t.csv:2:3: error: byte 0xc3 is not valid UTF-8 (byte offset 8)\n");
	FAILS("utf-8 overlong", "ab\xC0\xAF", KH_ENC_UTF8,
	      "t.csv:1:3: error: byte 0xc0 is not valid UTF-8 (byte offset 2)\n"
	      "hint: the encoding is declared as UTF-8, but the file looks like EUC-JP: declare 'euc-jp', or leave the "
	      "encoding to detection\n");
	FAILS("utf-8 cut at the end", "a\xE3\x81", KH_ENC_UTF8,
	      "t.csv:1:2: error: bytes 0xe3 0x81 are not valid UTF-8 (byte offset 1)\n"
	      "hint: the file ends in the middle of a character: was it cut short?\n");
	FAILS("utf-8 after a BOM counts columns without it", "\xEF\xBB\xBF" "ab\xFF", KH_ENC_AUTO,
	      "t.csv:1:3: error: byte 0xff is not valid UTF-8 (byte offset 5)\n"
	      "hint: the file starts with a UTF-8 byte-order mark\n");
	FAILS("cp932 unmapped pair", "\x94\xD4\r\n\x85\x40", KH_ENC_CP932,
	      "t.csv:2:1: error: bytes 0x85 0x40 are not valid CP932 (byte offset 4)\n");
	FAILS("cp932 columns count characters, lines count CRLF once", "\x94\xD4\r\n\x94\xD4\x94\xD4\r\r\n\x94\xD4" "a\xFF",
	      KH_ENC_CP932, "t.csv:4:3: error: byte 0xff is not valid CP932 (byte offset 14)\n");
	FAILS("cp932 lead byte at the end", "a\x94", KH_ENC_CP932,
	      "t.csv:1:2: error: byte 0x94 is not valid CP932 (byte offset 1)\n"
	      "hint: the file ends in the middle of a character: was it cut short?\n");
	FAILS("euc-jp bad second byte", "\xC8\xD6\xC8\x41", KH_ENC_EUCJP,
	      "t.csv:1:2: error: bytes 0xc8 0x41 are not valid EUC-JP (byte offset 2)\n"
	      "hint: the encoding is declared as EUC-JP, but the file looks like CP932: declare 'cp932', or leave the "
	      "encoding to detection\n");
	FAILS("utf-16be lone low surrogate", "\xFE\xFF\0a\xDC\x00", KH_ENC_AUTO,
	      "t.csv:1:2: error: bytes 0xdc 0x00 are not valid UTF-16BE (byte offset 4)\n"
	      "hint: the file starts with a UTF-16BE byte-order mark\n");
	FAILS("utf-16le high surrogate cut at the end", "\xFF\xFE" "a\0\x42\xD8", KH_ENC_AUTO,
	      "t.csv:1:2: error: bytes 0x42 0xd8 are not valid UTF-16LE (byte offset 4)\n"
	      "hint: the file ends in the middle of a character: was it cut short?\n");
	FAILS("NUL in CP932", "\x94\xD4,\0", KH_ENC_AUTO,
	      "t.csv:1:3: error: NUL byte (byte offset 3)\n"
	      "hint: a CSV file is text and cannot contain NUL characters\n");
	FAILS("utf-16 declared without a BOM or NULs to tell the order", "\x30\x42\x30\x44", KH_ENC_UTF16,
	      "t.csv: error: the encoding is declared as UTF-16, but the file is UTF-8 (it has no NUL bytes, UTF-16 text "
	      "always has)\nhint: declare 'utf-8', or leave the encoding to detection\n");
	FAILS("utf-16 declared, NULs on both sides", "\0\0a\0\0b", KH_ENC_UTF16,
	      "t.csv: error: the encoding is declared as UTF-16, but the file has no byte-order mark to tell its "
	      "byte order\nhint: declare 'utf-16le' or 'utf-16be'\n");
	FAILS("euc-jp declared, UTF-8 given", "番号", KH_ENC_EUCJP,
	      "t.csv: error: the encoding is declared as EUC-JP, but the file is UTF-8\n"
	      "hint: declare 'utf-8', or leave the encoding to detection\n");
	FAILS("utf-8 declared, UTF-16LE BOM given", "\xFF\xFE" "a\0", KH_ENC_UTF8,
	      "t.csv: error: the encoding is declared as UTF-8, but the file is UTF-16LE (it starts with a UTF-16LE "
	      "byte-order mark)\nhint: declare 'utf-16le', or leave the encoding to detection\n");

	T_DONE();
}
