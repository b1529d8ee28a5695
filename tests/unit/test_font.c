/* test_font.c -- font lookup, metrics, kerning, coverage and subsets. */
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "font.h"
#include "t.h"

static char errbuf[4096];

static FILE *capture(void)
{
	FILE *f = fmemopen(errbuf, sizeof errbuf, "w");
	memset(errbuf, 0, sizeof errbuf);
	kh_diag_set_output(f);
	return f;
}

static const char *captured(FILE *f)
{
	fflush(f);
	fclose(f);
	kh_diag_set_output(stderr);
	return errbuf;
}

/* advance of cp straight from hmtx via HarfBuzz, in font units */
static int hmtx_advance(const char *path, uint32_t cp)
{
	hb_blob_t *b = hb_blob_create_from_file(path);
	hb_face_t *face = hb_face_create(b, 0);
	hb_font_t *font = hb_font_create(face);
	hb_codepoint_t g = 0;
	int adv;
	hb_font_set_scale(font, (int)hb_face_get_upem(face), (int)hb_face_get_upem(face));
	hb_font_get_nominal_glyph(font, cp, &g);
	adv = hb_font_get_glyph_h_advance(font, g);
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(b);
	return adv;
}

int main(void)
{
	kh_fonts *fs = kh_fonts_new(NULL);
	kh_font *m = kh_fonts_lookup(fs, "IPAexMincho", NULL, kh_loc_make("l.yaml", 3, 9));
	kh_font *g = kh_fonts_lookup(fs, "IPAexGothic", "Regular", KH_NOLOC);
	kh_font *ls = kh_fonts_lookup(fs, "Liberation Serif", NULL, KH_NOLOC);
	FILE *cf;

	T_OK("font: IPAexMincho found", m != NULL);
	T_OK("font: IPAexGothic found", g != NULL);
	T_OK("font: Liberation Serif found", ls != NULL);
	if (!m || !g || !ls) {
		kh_fonts_drop(fs);
		T_DONE();
	}
	T_STR("font: family name", "IPAexMincho", kh_font_family(m));
	T_STR("font: postscript name", "IPAexMincho", kh_font_postscript_name(m));
	T_OK("font: same face, same pointer", kh_fonts_lookup(fs, "IPAex Mincho", NULL, KH_NOLOC) == m);
	T_OK("font: load_file returns the registry's face",
	     kh_fonts_load_file(fs, kh_font_path(m), 0, KH_NOLOC) == m);
	T_INT("font: three faces loaded", 3, kh_fonts_count(fs));
	T_NEAR("font: advance of 国 in IPAexMincho at 10pt", 10.0, kh_font_advance(m, 0x56FD, 10), 1e-9);
	T_NEAR("font: advance of 'A' matches hmtx", hmtx_advance(kh_font_path(ls), 'A') * 12.0 / kh_font_upem(ls),
	       kh_font_advance(ls, 'A', 12), 1e-9);
	T_OK("font: 'A' in Liberation Serif is narrower than an em", kh_font_advance(ls, 'A', 12) < 12);
	T_OK("font: AV kerns closer in Liberation Serif", kh_font_kern(ls, 'A', 'V', 10) < -0.1);
	T_NEAR("font: AV kerning is cached and stable", kh_font_kern(ls, 'A', 'V', 10), kh_font_kern(ls, 'A', 'V', 10), 0);
	T_NEAR("font: no kerning for 'oo'", 0, kh_font_kern(ls, 'o', 'o', 10), 0);
	T_OK("font: ascent positive", kh_font_ascent(m, 10) > 7 && kh_font_ascent(m, 10) <= 10);
	T_OK("font: descent positive", kh_font_descent(m, 10) > 0 && kh_font_descent(m, 10) < 3);
	T_OK("font: cap height of Liberation Serif", kh_font_cap_height(ls, 10) > 6 && kh_font_cap_height(ls, 10) < 7);
	T_OK("font: IPAexMincho has 国", kh_font_has(m, 0x56FD));
	T_OK("font: Liberation Serif lacks 国", !kh_font_has(ls, 0x56FD));
	T_NEAR("font: advance of a missing character is 0", 0, kh_font_advance(ls, 0x56FD, 10), 0);
	T_OK("font: no character beyond U+10FFFF", !kh_font_has(m, 0x110000));

	cf = capture();
	T_OK("font: unknown family returns NULL", kh_fonts_lookup(fs, "IPAexMintyo", NULL, kh_loc_make("l.yaml", 3, 9)) == NULL);
	T_STR("font: unknown family message", "l.yaml:3:9: error: font 'IPAexMintyo' is not installed\nhint: did you mean 'IPAexMincho'?\n", captured(cf));

	kh_fonts_drop(fs);
	T_DONE();
}
