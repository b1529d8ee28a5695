/* test_font.c -- font lookup, metrics, kerning, coverage and subsets. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb.h>

#include "font.h"
#include "utf8.h"
#include "t.h"

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

	/* families and styles refused, each with its exact message */
	{
		static const struct {
			const char *family, *style;
			int line, col;
			const char *refused, *message, *expect;
			const char *needs; /* a file the case needs (scripts/deps.sh installs it), or NULL */
		} refusals[] = {
			{"IPAexMintyo", NULL, 3, 9, "font: unknown family returns NULL", "font: unknown family message",
			 "l.yaml:3:9: error: font 'IPAexMintyo' is not installed\nhint: did you mean 'IPAexMincho'?\n", NULL},
			{"Nimbus Roman", NULL, 4, 11, "font: CFF font refused", "font: CFF font message",
			 "l.yaml:4:11: error: font 'Nimbus Roman' has CFF outlines (NimbusRoman-Regular.otf), which libharu "
			 "cannot embed\nhint: use a TrueType font (.ttf or .ttc), such as IPAexGothic or IPAexMincho\n",
			 "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf"},
			{"Liberation Serif", "Black", 5, 3, "font: unknown style refused", "font: unknown style message",
			 "l.yaml:5:3: error: font 'Liberation Serif' has no face 'Black'\n"
			 "hint: its faces are 'Regular', 'Italic', 'Bold', 'Bold Italic'\n", NULL},
			{"Arial", NULL, 6, 3, "font: Arial is not installed", "font: fontconfig's stand-in named",
			 "l.yaml:6:3: error: font 'Arial' is not installed\n"
			 "hint: 'Liberation Sans' is installed and stands in for it elsewhere (fontconfig); name it to use it\n", NULL},
			{"MS Mincho", NULL, 7, 3, "font: MS Mincho is not installed", "font: a Japanese stand-in named",
			 "l.yaml:7:3: error: font 'MS Mincho' is not installed\n"
			 "hint: 'IPAexMincho' is installed; name it to use it\n", NULL},
		};
		for (size_t i = 0; i < KH_COUNT(refusals); i++) {
			if (refusals[i].needs && access(refusals[i].needs, R_OK) != 0) {
				printf("skip %s: %s is absent (Debian fonts-urw-base35; make test installs it)\n",
				       refusals[i].message, refusals[i].needs);
				continue;
			}
			kh_loc at = kh_loc_make("l.yaml", refusals[i].line, refusals[i].col);
			t_capture_begin();
			T_OK(refusals[i].refused, kh_fonts_lookup(fs, refusals[i].family, refusals[i].style, at) == NULL);
			T_STR(refusals[i].message, refusals[i].expect, t_capture_end());
		}
	}
	t_capture_begin();
	T_OK("font: nonsense family", kh_fonts_lookup(fs, "Qqqqqqqqqqqqqq", NULL, KH_NOLOC) == NULL);
	T_OK("font: nonsense family: three nearest named",
	     strstr(t_capture_end(), "hint: the closest installed families are '") != NULL);

	{
		kh_font *b = kh_fonts_lookup(fs, "Liberation Serif", "Bold", KH_NOLOC);
		kh_font *it = kh_fonts_lookup(fs, "liberation serif", "italic", KH_NOLOC);
		T_OK("font: Bold is another face", b && b != ls && strstr(kh_font_path(b), "LiberationSerif-Bold.ttf"));
		T_OK("font: style matched without regard to case", it && strstr(kh_font_path(it), "LiberationSerif-Italic.ttf"));
		T_OK("font: Bold is wider", b && kh_font_advance(b, 'm', 10) >= kh_font_advance(ls, 'm', 10));
		T_OK("font: the regular face is regular", kh_font_is_regular(ls) && kh_font_is_regular(m));
		T_OK("font: Bold is not regular", b && !kh_font_is_regular(b));
	}
	T_OK("font: names equal without case and spaces", kh_font_name_eq("IPAex Gothic", "ipaexgothic") &&
	     kh_font_name_eq(" Liberation  Sans", "LiberationSans") && !kh_font_name_eq("IPAexGothic", "IPAexMincho") &&
	     !kh_font_name_eq("Liberation Sans", "Liberation Sans Bold") && !kh_font_name_eq(NULL, "x"));
	{
		/* the face written into the family name: both keys named */
		static const struct {
			const char *family, *expect;
		} faces[] = {
			{"Liberation Sans Bold", "l.yaml:2:3: error: font 'Liberation Sans Bold' is not installed\n"
			 "hint: 'Bold' is a face of 'Liberation Sans': write 'font: Liberation Sans' and 'face: Bold'\n"},
			{"liberation serif bold italic", "l.yaml:2:3: error: font 'liberation serif bold italic' is not installed\n"
			 "hint: 'Bold Italic' is a face of 'Liberation Serif': write 'font: Liberation Serif' and 'face: Bold Italic'\n"},
			{"IPAexGothic Bold", "l.yaml:2:3: error: font 'IPAexGothic Bold' is not installed\n"
			 "hint: did you mean 'IPAexGothic'?\n"},
		};
		for (size_t i = 0; i < KH_COUNT(faces); i++) {
			t_capture_begin();
			T_OK("font: a face in the family name is not a family",
			     kh_fonts_lookup(fs, faces[i].family, NULL, kh_loc_make("l.yaml", 2, 3)) == NULL);
			T_STR("font: ... its hint", faces[i].expect, t_capture_end());
		}
	}

	/* loading files directly */
	t_capture_begin();
	T_OK("font: missing file", kh_fonts_load_file(fs, "/nonexistent/x.ttf", 0, kh_loc_make("l.yaml", 8, 1)) == NULL);
	T_STR("font: missing file message", "l.yaml:8:1: error: cannot open the font file '/nonexistent/x.ttf': No such file or directory\n",
	      t_capture_end());
	t_capture_begin();
	T_OK("font: not a font", kh_fonts_load_file(fs, "/etc/hostname", 0, kh_loc_make("l.yaml", 9, 1)) == NULL);
	T_STR("font: not a font message", "l.yaml:9:1: error: '/etc/hostname' is not a TrueType or OpenType font file\n",
	      t_capture_end());
	t_capture_begin();
	T_OK("font: index out of range", kh_fonts_load_file(fs, kh_font_path(m), 2, kh_loc_make("l.yaml", 10, 1)) == NULL);
	{
		char exp[512];
		snprintf(exp, sizeof exp, "l.yaml:10:1: error: font file '%s' has 1 face; index 2 is out of range\n",
		         kh_font_path(m));
		T_STR("font: index out of range message", exp, t_capture_end());
	}

	/* used set and subset */
	{
		const char *text = "国際協力 AVA";
		const uint32_t *cps;
		unsigned char *data;
		size_t len;
		uint32_t *dec;
		size_t n = kh_utf8_decode_all(text, strlen(text), &dec);
		hb_blob_t *blob;
		hb_face_t *face;
		hb_font_t *font;
		hb_codepoint_t gid;
		int covered = 1;
		for (size_t i = 0; i < n; i++)
			kh_font_use(g, dec[i]);
		free(dec);
		T_INT("font: used set has each character once", 7, kh_font_used(g, &cps));
		T_OK("font: used set sorted", cps[0] == ' ' && cps[1] == 'A' && cps[2] == 'V' && cps[3] == 0x529B && cps[6] == 0x969B);
		T_INT("font: subset made", 0, kh_font_subset(g, &data, &len));
		blob = hb_blob_create((const char *)data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
		face = hb_face_create(blob, 0);
		font = hb_font_create(face);
		T_INT("font: subset holds exactly the used glyphs and .notdef", 8, hb_face_get_glyph_count(face));
		for (int i = 0; i < 7; i++)
			covered &= hb_font_get_nominal_glyph(font, cps[i], &gid) && gid != 0;
		T_OK("font: subset maps every used character", covered);
		T_OK("font: subset drops the rest", !hb_font_get_nominal_glyph(font, 0x6587, &gid));
		{
			hb_blob_t *fpgm = hb_face_reference_table(face, HB_TAG('f', 'p', 'g', 'm'));
			T_INT("font: subset has no hinting program", 0, hb_blob_get_length(fpgm));
			hb_blob_destroy(fpgm);
		}
		T_OK("font: subset is small", len < 20000);
		{
			unsigned char *prog;
			size_t plen;
			hb_blob_t *pb;
			hb_face_t *pf;
			hb_blob_t *t;
			int same = 1;
			uint16_t *map;
			unsigned og, sg;
			T_INT("font: glyph program made", 0, kh_font_subset_program(g, &prog, &plen, &map));
			/* the map says where each used glyph went: as the subset's own cmap has it */
			kh_font_glyph(g, 0x56FD, 0, &og);
			T_OK("font: 国's glyph ID is HarfBuzz's nominal glyph", og > 0 && hb_font_get_nominal_glyph(font, 0x56FD, &gid));
			sg = (unsigned)gid;
			T_INT("font: glyph map: 国 in the font -> 国 in the subset", (int)sg, map[og]);
			T_INT("font: glyph map: .notdef stays 0", 0, map[0]);
			T_INT("font: glyph map: an unused glyph maps to nothing", 0, map[og + 1 == kh_font_glyph_count(g) ? og - 1 : og + 1]);
			free(map);
			pb = hb_blob_create((const char *)prog, (unsigned)plen, HB_MEMORY_MODE_READONLY, NULL, NULL);
			pf = hb_face_create(pb, 0);
			T_INT("font: glyph program: same glyph count", 8, hb_face_get_glyph_count(pf));
			t = hb_face_reference_table(pf, HB_TAG('c', 'm', 'a', 'p'));
			T_INT("font: glyph program has no cmap", 0, hb_blob_get_length(t));
			hb_blob_destroy(t);
			/* same numbering: the glyph data of each glyph id is identical */
			{
				hb_blob_t *g1 = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
				hb_blob_t *g2 = hb_face_reference_table(pf, HB_TAG('g', 'l', 'y', 'f'));
				unsigned l1, l2;
				const char *d1 = hb_blob_get_data(g1, &l1), *d2 = hb_blob_get_data(g2, &l2);
				same = l1 == l2 && l1 > 0 && memcmp(d1, d2, l1) == 0;
				hb_blob_destroy(g1);
				hb_blob_destroy(g2);
			}
			T_OK("font: glyph program numbers glyphs as the subset does", same);
			hb_face_destroy(pf);
			hb_blob_destroy(pb);
			free(prog);
		}
		hb_font_destroy(font);
		hb_face_destroy(face);
		hb_blob_destroy(blob);

		/* the project's fonts/ folder comes first: a copy of the subset there */
		{
			char dir[] = "/tmp/kh-test-fonts.XXXXXX";
			if (mkdtemp(dir)) {
				char path[300];
				FILE *out;
				kh_fonts *fs2;
				kh_font *local;
				snprintf(path, sizeof path, "%s/house.ttf", dir);
				out = fopen(path, "wb");
				fwrite(data, 1, len, out);
				fclose(out);
				fs2 = kh_fonts_new(dir);
				local = kh_fonts_lookup(fs2, "IPAexGothic", NULL, KH_NOLOC);
				T_OK("font: the fonts/ folder is searched first",
				     local && strncmp(kh_font_path(local), dir, strlen(dir)) == 0);
				T_OK("font: the folder's font measures", local && kh_font_advance(local, 0x5354, 10) == 10.0);
				kh_fonts_drop(fs2);
				unlink(path);
				rmdir(dir);
			}
		}
		free(data);
	}

	/* kumihan fonts */
	{
		char *buf = NULL;
		size_t blen = 0;
		FILE *mf = open_memstream(&buf, &blen);
		kh_fonts_list_installed(mf);
		fclose(mf);
		T_OK("font: list has IPAexMincho with its file",
		     strstr(buf, "IPAexMincho\tRegular\t/usr/share/fonts/") != NULL);
		T_OK("font: list has Liberation Serif Bold", strstr(buf, "Liberation Serif\tBold\t") != NULL);
		T_OK("font: list leaves out CFF and Type 1 fonts", !strstr(buf, ".otf") && !strstr(buf, ".pfb") && !strstr(buf, ".t1"));
		free(buf);
	}

	kh_fonts_drop(fs);
	T_DONE();
}
