/* pdf.c -- the PDF writer: display list to PDF through libharu 2.3.0.
 *
 * Fonts: each font the display list uses is cut to the characters used with
 * hb-subset (font.c) and handed to libharu from memory, then its PDF font
 * dictionaries are corrected through libharu's internal headers: a valid
 * ToUnicode CMap (libharu writes a copy of the encoding CMap, which readers
 * reject), exact widths (W, in 1/1000 em as reals rather than rounded
 * integers) and a CIDToGIDMap that stops at the highest code used (libharu
 * writes 65,535 entries, U+FFFF left out, whatever the font holds).  With the UTF-8 encoder and Identity-H, the 2-byte code
 * written for a character is its Unicode code point (BMP only), so CID =
 * Unicode and the ToUnicode CMap maps each code to itself.
 *
 * Text is written glyph run by glyph run: consecutive glyphs whose positions
 * follow the widths (plus one constant character spacing) share one Tj;
 * elsewhere the text matrix is set again.  Glyphs with rotate = 90 are turned
 * clockwise about the centre of their em box.  The PDF is rendered into
 * memory and written atomically: never a partial file.
 *
 * Images: each file once, however often it is drawn.  A PNG is decoded by
 * png.c (libpng, every error caught) and given to libharu as raw 8-bit grey
 * or RGB samples plus a grey soft mask for alpha, both deflated after PNG
 * row prediction (Predictor 15); a JPEG is
 * checked marker by marker by image.c and embedded unchanged (DCTDecode).
 * The header says PDF-1.4 (soft masks).
 */
#include "pdf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "image.h"
#include "utf8.h"
#include "version.h"

typedef struct wfont {
	kh_font *kf;
	HPDF_Font hf;
	const char *name; /* libharu's name for the font def */
} wfont;

typedef struct wimage {
	const char *path;
	HPDF_Image img; /* NULL: failed (reported once) */
} wimage;

typedef struct writer {
	HPDF_Doc pdf;
	HPDF_STATUS err, detail; /* the first libharu error since the last check */
	const kh_pdf_opts *opts;
	wfont *fonts;
	int nfonts;
	size_t fcap;
	wimage *images;
	int nimages;
	size_t icap;
	int failed;
	double page_h;
} writer;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	writer *w = user;
	if (!w->err) {
		w->err = error_no;
		w->detail = detail_no;
	}
}

/* What a libharu error means, in words (never its number). */
static const char *error_text(HPDF_STATUS e, HPDF_STATUS detail)
{
	switch (e) {
	case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
	case HPDF_FILE_OPEN_ERROR:
	case HPDF_FILE_IO_ERROR: return detail ? strerror((int)detail) : "cannot read the file";
	case HPDF_INVALID_JPEG_DATA: return "not a valid JPEG file";
	case HPDF_UNSUPPORTED_JPEG_FORMAT: return "a kind of JPEG libharu cannot embed (use baseline RGB, grey or CMYK)";
	case HPDF_INVALID_IMAGE:
	case HPDF_INVALID_COLOR_SPACE:
	case HPDF_INVALID_BIT_PER_COMPONENT:
	case HPDF_CANNOT_GET_PALLET: return "an image format libharu cannot embed";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's licence (OS/2 fsType) forbids embedding or subsetting it";
	case HPDF_TTF_INVALID_CMAP: return "the font has no Unicode character map libharu can read";
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_INVALID_FONTDEF_DATA:
	case HPDF_INVALID_TTC_FILE: return "the font file is not a TrueType font libharu can read";
	case HPDF_INVALID_TTC_INDEX: return "there is no such face in the font collection";
	case HPDF_PAGE_INVALID_SIZE: return "page size out of range (3 to 14400 pt)";
	case HPDF_ZLIB_ERROR: return "compression failed";
	case HPDF_STRING_OUT_OF_RANGE: return "a text run is too long";
	default: return "internal error in the PDF library";
	}
}

/* Report a pending libharu error (if any) about `what`; returns 1 if there was one. */
static int check(writer *w, const char *what)
{
	if (!w->err && HPDF_GetError(w->pdf)) {
		/* internal calls set the error without calling the handler */
		w->err = HPDF_GetError(w->pdf);
		w->detail = HPDF_GetErrorDetail(w->pdf);
	}
	if (!w->err)
		return 0;
	kh_error(KH_NOLOC, "cannot write PDF: %s: %s", what, error_text(w->err, w->detail));
	HPDF_ResetError(w->pdf);
	w->err = w->detail = 0;
	w->failed = 1;
	return 1;
}

/* ---- numbers and raw content ---- */

/* A real as PDF text, at most 4 decimals, no exponent, locale-independent. */
static void fmt_real(char *out, size_t n, double v)
{
	long long q = llround(v * 10000.0);
	const char *sign = q < 0 ? "-" : "";
	long long a = q < 0 ? -q : q;
	long long ip = a / 10000, fp = a % 10000;
	if (fp == 0) {
		snprintf(out, n, "%s%lld", q == 0 ? "" : sign, ip);
	} else {
		char frac[8];
		int len = 4;
		snprintf(frac, sizeof frac, "%04lld", fp);
		while (len > 0 && frac[len - 1] == '0')
			frac[--len] = 0;
		snprintf(out, n, "%s%lld.%s", sign, ip, frac);
	}
}

static void raw(HPDF_Page page, const char *s)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)((HPDF_Dict)page)->attr;
	HPDF_Stream_WriteStr(attr->stream, s);
}

/* ---- fonts ---- */

static wfont *font_find(writer *w, const kh_font *kf)
{
	for (int i = 0; i < w->nfonts; i++)
		if (w->fonts[i].kf == kf)
			return &w->fonts[i];
	return NULL;
}

/* A subset tag from the subset's bytes: six capitals, stable run to run. */
static void subset_tag(const unsigned char *data, size_t len, int salt, char tag[7])
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)salt;
	for (size_t i = 0; i < len; i++)
		h = (h ^ data[i]) * 1099511628211ull;
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = 0;
}

/* Load a TrueType font from memory as libharu's LoadTTFontFromFile does
 * from a file (2.3.0 has no public call for memory). */
static const char *load_tt_memory(writer *w, const unsigned char *data, size_t len, int salt)
{
	HPDF_Doc pdf = w->pdf;
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)(len < 65536 ? 65536 : len));
	HPDF_FontDef def, dup;
	char tag[7];
	if (!s)
		return NULL;
	if (HPDF_Stream_Write(s, data, (HPDF_UINT)len) != HPDF_OK) {
		HPDF_Stream_Free(s);
		return NULL;
	}
	def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE); /* owns s from here */
	if (!def)
		return NULL;
	subset_tag(data, len, salt, tag);
	HPDF_TTFontDef_SetTagName(def, tag);
	dup = HPDF_Doc_FindFontDef(pdf, def->base_font);
	if (dup) {
		HPDF_FontDef_Free(def);
		return dup->base_font;
	}
	if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	return def->base_font;
}

static int ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	if (m > n)
		return 0;
	for (size_t i = 0; i < m; i++) {
		char a = s[n - m + i], b = suffix[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

/* The ToUnicode CMap for the codes written: code = Unicode code point, so
 * each code maps to itself.  bfchar entries only, at most 100 a block:
 * Ghostscript 10.0 misreads bfrange entries whose destination's high byte
 * is not zero (「 came out as '<'), and bfchar costs about 2 KB at most. */
static void tounicode_cmap(kh_buf *b, const uint32_t *cps, int n)
{
	kh_buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
	               "12 dict begin\n"
	               "begincmap\n"
	               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	               "/CMapName /Adobe-Identity-UCS def\n"
	               "/CMapType 2 def\n"
	               "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int i = 0; i < n; i += 100) {
		int m = n - i < 100 ? n - i : 100;
		kh_buf_printf(b, "%d beginbfchar\n", m);
		for (int k = i; k < i + m; k++)
			kh_buf_printf(b, "<%04X> <%04X>\n", (unsigned)cps[k], (unsigned)cps[k]);
		kh_buf_puts(b, "endbfchar\n");
	}
	kh_buf_puts(b, "endcmap\n"
	               "CMapName currentdict /CMap defineresource pop\n"
	               "end\n"
	               "end\n");
}

/* Correct libharu's dictionaries of one Type0 font for the codes used. */
static void fix_font(writer *w, wfont *wf, int fix_map)
{
	HPDF_Dict font = (HPDF_Dict)wf->hf;
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	const uint32_t *cps;
	int n = kh_font_used(wf->kf, &cps);
	kh_buf b = KH_BUF_INIT;
	HPDF_Array warr, cur = NULL;
	uint32_t prev = 0;

	/* ToUnicode: same stream object, new content, no CMap-file keys */
	if (fa->cmap_stream) {
		HPDF_Dict cm = fa->cmap_stream;
		static const char *const keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
		for (size_t i = 0; i < KH_COUNT(keys); i++)
			HPDF_Dict_RemoveElement(cm, keys[i]); /* absent: no error set */
		HPDF_MemStream_FreeData(cm->stream);
		tounicode_cmap(&b, cps, n);
		HPDF_Stream_Write(cm->stream, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
		kh_buf_free(&b);
	}

	/* W: exact widths of the codes used, 1/1000 em */
	warr = HPDF_Array_New(font->mmgr);
	for (int i = 0; i < n; i++) {
		if (!cur || cps[i] != prev + 1) {
			HPDF_Array_AddNumber(warr, (HPDF_INT32)cps[i]);
			cur = HPDF_Array_New(font->mmgr);
			HPDF_Array_Add(warr, cur);
		}
		HPDF_Array_AddReal(cur, (HPDF_REAL)kh_font_advance(wf->kf, cps[i], 1000.0));
		prev = cps[i];
	}
	HPDF_Dict_Add(fa->descendant_font, "W", warr);

	/* CIDToGIDMap: up to and including the highest code used, nothing more */
	if (fix_map && fa->map_stream && n > 0) {
		uint32_t max = cps[n - 1];
		unsigned char *map = kh_xcalloc((size_t)max + 1, 2);
		for (int i = 0; i < n; i++) {
			HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(fa->fontdef, (HPDF_UINT16)cps[i]);
			map[cps[i] * 2] = (unsigned char)(gid >> 8);
			map[cps[i] * 2 + 1] = (unsigned char)gid;
		}
		HPDF_MemStream_FreeData(fa->map_stream->stream);
		HPDF_Stream_Write(fa->map_stream->stream, map, (HPDF_UINT)((size_t)max + 1) * 2);
		free(map);
	}
	(void)w;
}

/* The font descriptor with our own FontFile2: the bare glyph program (no
 * cmap, name, post or OS/2: a CIDFontType2 with a CIDToGIDMap needs none,
 * ISO 32000-1 9.9), same glyph numbers as the subset libharu parsed.  libharu
 * builds a descriptor only when the font def has none, so it neither
 * re-reads nor rewrites the font when saving. */
static int embed_program(writer *w, wfont *wf)
{
	HPDF_Dict font = (HPDF_Dict)wf->hf;
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_TTFontDefAttr da = (HPDF_TTFontDefAttr)def->attr;
	HPDF_Dict desc, ff;
	unsigned char *data;
	size_t len;
	HPDF_STATUS ret = HPDF_OK;

	if (def->descriptor)
		return 0; /* the same font def seen before */
	if (kh_font_subset_program(wf->kf, &data, &len) < 0) {
		w->failed = 1;
		return -1;
	}
	desc = HPDF_Dict_New(font->mmgr);
	ff = HPDF_DictStream_New(font->mmgr, fa->xref);
	if (!desc || !ff) {
		free(data);
		return -1;
	}
	ret += HPDF_Xref_Add(fa->xref, desc);
	ret += HPDF_Stream_Write(ff->stream, data, (HPDF_UINT)len);
	ret += HPDF_Dict_AddNumber(ff, "Length1", (HPDF_UINT32)len);
	if (w->opts->compress)
		ff->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	free(data);
	ret += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	ret += HPDF_Dict_AddName(desc, "FontName", da->base_font);
	ret += HPDF_Dict_AddNumber(desc, "Flags", def->flags);
	ret += HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(font->mmgr, def->font_bbox));
	ret += HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
	ret += HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
	ret += HPDF_Dict_AddNumber(desc, "Descent", def->descent);
	ret += HPDF_Dict_AddNumber(desc, "CapHeight", (HPDF_INT32)lround(kh_font_cap_height(wf->kf, 1000)));
	ret += HPDF_Dict_AddNumber(desc, "XHeight", (HPDF_INT32)lround(kh_font_x_height(wf->kf, 1000)));
	ret += HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
	ret += HPDF_Dict_Add(desc, "FontFile2", ff);
	def->descriptor = desc;
	return ret == HPDF_OK ? 0 : -1;
}

static int load_font(writer *w, kh_font *kf)
{
	wfont wf = {kf, NULL, NULL};
	const char *path = kh_font_path(kf);
	char what[600];
	snprintf(what, sizeof what, "font '%s' (%s)", kh_font_family(kf), path);

	if (w->opts->full_fonts) {
		if (kh_font_index(kf) > 0 || ends_with_ci(path, ".ttc"))
			wf.name = HPDF_LoadTTFontFromFile2(w->pdf, path, (HPDF_UINT)kh_font_index(kf), HPDF_TRUE);
		else
			wf.name = HPDF_LoadTTFontFromFile(w->pdf, path, HPDF_TRUE);
	} else {
		unsigned char *data;
		size_t len;
		if (kh_font_subset(kf, &data, &len) < 0) {
			w->failed = 1;
			return -1;
		}
		wf.name = load_tt_memory(w, data, len, w->nfonts);
		free(data);
	}
	if (!wf.name || check(w, what)) {
		if (!w->failed) {
			kh_error(KH_NOLOC, "cannot write PDF: %s: libharu cannot load it", what);
			w->failed = 1;
		}
		return -1;
	}
	wf.hf = HPDF_GetFont(w->pdf, wf.name, "UTF-8");
	if (!wf.hf || check(w, what)) {
		if (!w->failed) {
			kh_error(KH_NOLOC, "cannot write PDF: %s: libharu cannot use it", what);
			w->failed = 1;
		}
		return -1;
	}
	if (!w->opts->full_fonts && embed_program(w, &wf) < 0)
		return -1;
	fix_font(w, &wf, !w->opts->full_fonts);
	if (check(w, what))
		return -1;
	kh_grow(&w->fonts, sizeof *w->fonts, (size_t)w->nfonts + 1, &w->fcap);
	w->fonts[w->nfonts++] = wf;
	return 0;
}

/* ---- images ---- */

/* Written into an image dictionary whose stream holds data deflated here:
 * libharu writes a Filter entry only for data it deflates itself. */
static HPDF_STATUS write_flate_filter(HPDF_Dict d, HPDF_Stream s)
{
	(void)d;
	return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

/* 8-bit samples as an image XObject: libharu's raw image, its stream then
 * replaced, when it is to be compressed, by PNG-predicted rows deflated by
 * png.c (Predictor 15: half the bytes of libharu's plain deflate for a
 * photo, and faster; bench/25-images.sh). */
static HPDF_Image raw_image(writer *w, const unsigned char *s, int wd, int ht, int gray)
{
	HPDF_Image img = HPDF_LoadRawImageFromMem(w->pdf, s, (HPDF_UINT)wd, (HPDF_UINT)ht,
	                                          gray ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
	HPDF_Dict d = (HPDF_Dict)img;
	if (img && (d->filter & HPDF_STREAM_FILTER_FLATE_DECODE) && !w->opts->plain_images) {
		size_t len;
		unsigned char *z = kh_png_deflate(s, wd, ht, gray ? 1 : 3, &len);
		HPDF_Dict parms = HPDF_Dict_New(d->mmgr);
		HPDF_STATUS ret = HPDF_OK;
		if (!parms) {
			free(z);
			return NULL;
		}
		ret += HPDF_Dict_AddNumber(parms, "Predictor", 15);
		ret += HPDF_Dict_AddNumber(parms, "Colors", gray ? 1 : 3);
		ret += HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8);
		ret += HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)wd);
		ret += HPDF_Dict_Add(d, "DecodeParms", parms);
		HPDF_MemStream_FreeData(d->stream);
		ret += HPDF_Stream_Write(d->stream, z, (HPDF_UINT)len);
		free(z);
		d->filter = HPDF_STREAM_FILTER_NONE;
		d->write_fn = write_flate_filter;
		if (ret != HPDF_OK)
			return NULL;
	}
	return img;
}

/* A PNG is decoded here (png.c: libpng with its errors caught) and handed
 * to libharu as raw 8-bit samples, its alpha as a grey soft mask: libharu
 * 2.3.0's own PNG reader lets libpng call abort() on damaged compressed
 * data.  A soft mask needs PDF 1.4 (the header is 1.4 from the start). */
static HPDF_Image load_png(writer *w, const unsigned char *data, size_t len, const char **why)
{
	kh_pixels px;
	HPDF_Image img;
	*why = kh_png_decode(data, len, &px);
	if (*why)
		return NULL;
	img = raw_image(w, px.color, px.width, px.height, px.gray);
	free(px.color); /* libharu holds its own copy: keep the peak down */
	px.color = NULL;
	if (img && px.alpha) {
		HPDF_Image mask = raw_image(w, px.alpha, px.width, px.height, 1);
		if (mask)
			HPDF_Image_AddSMask(img, mask);
		if (w->pdf->pdf_version < HPDF_VER_14)
			w->pdf->pdf_version = HPDF_VER_14;
	}
	kh_pixels_free(&px);
	return img;
}

/* A JPEG is embedded as it is (DCTDecode) once image.c has walked every
 * marker: libharu reads only the frame header and would embed a file cut
 * short, a lossless or a 12-bit JPEG without a word.  libharu marks every
 * 4-component JPEG as inverted (Decode [1 0 1 0 1 0 1 0]); that is right only
 * for Adobe's (APP14), so the others lose the Decode array. */
static HPDF_Image load_jpeg(writer *w, const unsigned char *data, size_t len, const char **why)
{
	kh_jpeg_info info;
	kh_buf clean = KH_BUF_INIT;
	HPDF_Image img;
	*why = kh_jpeg_check(data, len, &info, &clean);
	if (*why) {
		kh_buf_free(&clean);
		return NULL;
	}
	img = HPDF_LoadJpegImageFromMem(w->pdf, (const HPDF_BYTE *)clean.s, (HPDF_UINT)clean.len);
	kh_buf_free(&clean);
	if (img && info.components == 4 && !info.adobe)
		HPDF_Dict_RemoveElement((HPDF_Dict)img, "Decode");
	return img;
}

/* The image of path, loaded once; NULL after reporting (once) why not. */
static HPDF_Image load_image(writer *w, const char *path)
{
	wimage *wi;
	char *d;
	size_t n;
	const unsigned char *u;
	const char *why = NULL;
	HPDF_Image img = NULL;

	for (int i = 0; i < w->nimages; i++)
		if (strcmp(w->images[i].path, path) == 0)
			return w->images[i].img;
	kh_grow(&w->images, sizeof *w->images, (size_t)w->nimages + 1, &w->icap);
	wi = &w->images[w->nimages++];
	wi->path = path;
	wi->img = NULL;

	if (kh_file_read(path, &d, &n) < 0) {
		kh_error(kh_loc_make(path, 0, 0), "cannot read image: %s", strerror(errno));
		w->failed = 1;
		return NULL;
	}
	u = (const unsigned char *)d;
	if (n > 0x7FFFFFFFu)
		why = "the file is too large (at most 2 GB)";
	else if (n >= 8 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0)
		img = load_png(w, u, n, &why);
	else if (n >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF)
		img = load_jpeg(w, u, n, &why);
	else
		why = "not a PNG or JPEG file";
	free(d);
	if (!w->err && HPDF_GetError(w->pdf)) {
		w->err = HPDF_GetError(w->pdf);
		w->detail = HPDF_GetErrorDetail(w->pdf);
	}
	if (why || w->err || !img) {
		kh_error(kh_loc_make(path, 0, 0), "cannot read image: %s",
		         why ? why : w->err ? error_text(w->err, w->detail) : "libharu cannot load it");
		HPDF_ResetError(w->pdf);
		w->err = w->detail = 0;
		w->failed = 1;
		return NULL;
	}
	wi->img = img;
	return img;
}

/* ---- drawing ---- */

static void set_fill(HPDF_Page page, const kh_color *c)
{
	switch (c->space) {
	case KH_COLOR_RGB: HPDF_Page_SetRGBFill(page, (HPDF_REAL)c->v[0], (HPDF_REAL)c->v[1], (HPDF_REAL)c->v[2]); break;
	case KH_COLOR_CMYK:
		HPDF_Page_SetCMYKFill(page, (HPDF_REAL)c->v[0], (HPDF_REAL)c->v[1], (HPDF_REAL)c->v[2], (HPDF_REAL)c->v[3]);
		break;
	case KH_COLOR_GRAY: HPDF_Page_SetGrayFill(page, (HPDF_REAL)c->v[0]); break;
	default: HPDF_Page_SetGrayFill(page, 0); break;
	}
}

static void set_stroke(HPDF_Page page, const kh_color *c)
{
	switch (c->space) {
	case KH_COLOR_RGB: HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c->v[0], (HPDF_REAL)c->v[1], (HPDF_REAL)c->v[2]); break;
	case KH_COLOR_CMYK:
		HPDF_Page_SetCMYKStroke(page, (HPDF_REAL)c->v[0], (HPDF_REAL)c->v[1], (HPDF_REAL)c->v[2], (HPDF_REAL)c->v[3]);
		break;
	case KH_COLOR_GRAY: HPDF_Page_SetGrayStroke(page, (HPDF_REAL)c->v[0]); break;
	default: HPDF_Page_SetGrayStroke(page, 0); break;
	}
}

static void draw_path(writer *w, HPDF_Page page, const kh_dl_path *p)
{
	int fill = p->fill.space != KH_COLOR_NONE, stroke = p->stroke.space != KH_COLOR_NONE;
	int dashed = stroke && p->ndash > 0;
	double H = w->page_h;
	if ((!fill && !stroke) || p->nseg == 0)
		return;
	HPDF_Page_GSave(page);
	if (fill)
		set_fill(page, &p->fill);
	if (stroke) {
		set_stroke(page, &p->stroke);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(p->line_width > 0 ? p->line_width : 0));
	}
	if (dashed) {
		/* libharu 2.3.0 takes integer dashes only: write the operator */
		kh_buf b = KH_BUF_INIT;
		char num[40];
		int nd = p->ndash < 4 ? p->ndash : 4;
		kh_buf_putc(&b, '[');
		for (int i = 0; i < nd; i++) {
			fmt_real(num, sizeof num, p->dash[i] > 0 ? p->dash[i] : 0);
			kh_buf_printf(&b, "%s%s", i ? " " : "", num);
		}
		kh_buf_puts(&b, "] 0 d\012");
		raw(page, b.s);
		kh_buf_free(&b);
	}
	for (int i = 0; i < p->nseg; i++) {
		const kh_path_seg *s = &p->segs[i];
		switch (s->op) {
		case KH_PATH_MOVE: HPDF_Page_MoveTo(page, (HPDF_REAL)s->x[0], (HPDF_REAL)(H - s->y[0])); break;
		case KH_PATH_LINE: HPDF_Page_LineTo(page, (HPDF_REAL)s->x[0], (HPDF_REAL)(H - s->y[0])); break;
		case KH_PATH_CURVE:
			HPDF_Page_CurveTo(page, (HPDF_REAL)s->x[0], (HPDF_REAL)(H - s->y[0]), (HPDF_REAL)s->x[1],
			                  (HPDF_REAL)(H - s->y[1]), (HPDF_REAL)s->x[2], (HPDF_REAL)(H - s->y[2]));
			break;
		case KH_PATH_CLOSE: HPDF_Page_ClosePath(page); break;
		}
	}
	if (fill && stroke)
		HPDF_Page_FillStroke(page);
	else if (fill)
		HPDF_Page_Fill(page);
	else
		HPDF_Page_Stroke(page);
	HPDF_Page_GRestore(page);
}

static void draw_image(writer *w, HPDF_Page page, const kh_dl_image *im)
{
	HPDF_Image img = load_image(w, im->path);
	double H = w->page_h;
	if (!img || im->w <= 0 || im->h <= 0 || (im->clipped && (im->clip_w <= 0 || im->clip_h <= 0)))
		return; /* nothing visible */
	HPDF_Page_GSave(page);
	if (im->clipped) {
		HPDF_Page_Rectangle(page, (HPDF_REAL)im->clip_x, (HPDF_REAL)(H - im->clip_y - im->clip_h),
		                    (HPDF_REAL)im->clip_w, (HPDF_REAL)im->clip_h);
		HPDF_Page_Clip(page);
		HPDF_Page_EndPath(page);
	}
	HPDF_Page_DrawImage(page, img, (HPDF_REAL)im->x, (HPDF_REAL)(H - im->y - im->h), (HPDF_REAL)im->w,
	                    (HPDF_REAL)im->h);
	HPDF_Page_GRestore(page);
}

/* Width of cp in text space units at size, as the viewer will compute it
 * from the W array (a float of 1/1000 em). */
static double pdf_advance(kh_font *f, uint32_t cp, double size)
{
	return (double)(HPDF_REAL)kh_font_advance(f, cp, 1000.0) * size / 1000.0;
}

#define POS_EPS 0.002 /* pt: how far a glyph may sit from where the widths put it */
#define MAX_GROUP 2000

/* Marked content around a run: /Span with /ActualText, the run's characters
 * as UTF-16BE.  Squeezed punctuation (追い込み, 「 set half an em left) puts
 * a glyph's box over its neighbour's; text extractors (poppler's among them)
 * then break the line there.  With the actual text they read the run as the
 * characters it is, in order.  libharu 2.3.0 has no marked-content call: the
 * operators go straight into the page's content stream. */
static void actual_text_begin(HPDF_Page page, const kh_dl_text *t)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	kh_buf b = KH_BUF_INIT;
	kh_buf_puts(&b, "/Span <</ActualText <FEFF");
	for (int i = 0; i < t->n; i++)
		if (t->glyphs[i].cp <= 0xFFFF)
			kh_buf_printf(&b, "%04X", (unsigned)t->glyphs[i].cp);
	kh_buf_puts(&b, ">>> BDC\n");
	HPDF_Stream_WriteStr(attr->stream, kh_buf_cstr(&b));
	kh_buf_free(&b);
}

static void actual_text_end(HPDF_Page page)
{
	HPDF_Stream_WriteStr(((HPDF_PageAttr)page->attr)->stream, "EMC\n");
}

static void draw_text(writer *w, HPDF_Page page, const kh_dl_text *t)
{
	wfont *wf = font_find(w, t->font);
	double H = w->page_h;
	double tc_cur = 0;
	kh_buf s = KH_BUF_INIT;
	int i, j;
	if (!wf || t->n <= 0)
		return;
	actual_text_begin(page, t);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, wf->hf, (HPDF_REAL)t->size);
	set_fill(page, &t->color);
	for (i = 0; i < t->n; i = j) {
		const kh_glyph *g = &t->glyphs[i];
		double gx = t->x + g->x, gy = H - (t->y + g->y);
		double tc = 0, pos;
		char u[4];
		kh_buf_reset(&s);
		kh_buf_add(&s, u, kh_utf8_encode(g->cp, u));
		j = i + 1;
		if (g->rotate) {
			double adv = pdf_advance(t->font, g->cp, t->size);
			double asc = kh_font_ascent(t->font, t->size), desc = kh_font_descent(t->font, t->size);
			double cx = gx + adv / 2, cy = gy + (asc - desc) / 2;
			/* clockwise quarter turn about the em box centre (y up) */
			HPDF_Page_SetTextMatrix(page, 0, -1, 1, 0, (HPDF_REAL)(cx + (gy - cy)), (HPDF_REAL)(cy - (gx - cx)));
			if (tc_cur != 0) {
				HPDF_Page_SetCharSpace(page, 0);
				tc_cur = 0;
			}
			HPDF_Page_ShowText(page, s.s);
			continue;
		}
		/* extend while positions follow the widths plus a constant spacing */
		pos = g->x + pdf_advance(t->font, g->cp, t->size);
		if (j < t->n && !t->glyphs[j].rotate && fabs(t->glyphs[j].y - g->y) < 1e-6) {
			tc = round((t->glyphs[j].x - pos) * 10000.0) / 10000.0;
			if (fabs(tc) < POS_EPS || tc < HPDF_MIN_CHARSPACE || tc > HPDF_MAX_CHARSPACE)
				tc = fabs(tc) < POS_EPS ? 0 : NAN;
		}
		if (!isnan(tc)) {
			pos += tc;
			while (j < t->n && j - i < MAX_GROUP) {
				const kh_glyph *h = &t->glyphs[j];
				if (h->rotate || fabs(h->y - g->y) > 1e-6 || fabs(h->x - pos) > POS_EPS)
					break;
				kh_buf_add(&s, u, kh_utf8_encode(h->cp, u));
				pos += pdf_advance(t->font, h->cp, t->size) + tc;
				j++;
			}
		}
		if (j == i + 1)
			tc = tc_cur; /* one glyph: spacing does not matter */
		if (tc != tc_cur) {
			HPDF_Page_SetCharSpace(page, (HPDF_REAL)tc);
			tc_cur = tc;
		}
		HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, (HPDF_REAL)gx, (HPDF_REAL)gy);
		HPDF_Page_ShowText(page, s.s);
	}
	if (tc_cur != 0)
		HPDF_Page_SetCharSpace(page, 0);
	HPDF_Page_EndText(page);
	actual_text_end(page);
	kh_buf_free(&s);
}

/* TrimBox and BleedBox as exact reals (2.3.0 has no call for them). */
static void set_box(HPDF_Page page, const char *key, double x0, double y0, double x1, double y1)
{
	HPDF_Dict d = (HPDF_Dict)page;
	HPDF_Array a = HPDF_Array_New(d->mmgr);
	HPDF_Array_AddReal(a, (HPDF_REAL)x0);
	HPDF_Array_AddReal(a, (HPDF_REAL)y0);
	HPDF_Array_AddReal(a, (HPDF_REAL)x1);
	HPDF_Array_AddReal(a, (HPDF_REAL)y1);
	HPDF_Dict_Add(d, key, a);
}

/* ---- the document ---- */

/* Every number of an item is finite (a NaN would be written as text libharu
 * cannot format). */
static int item_finite(const kh_dl_item *it)
{
	int ok = 1;
	switch (it->kind) {
	case KH_DL_TEXT:
		ok = isfinite(it->u.text.x) && isfinite(it->u.text.y) && isfinite(it->u.text.size);
		for (int i = 0; ok && i < it->u.text.n; i++)
			ok = isfinite(it->u.text.glyphs[i].x) && isfinite(it->u.text.glyphs[i].y);
		break;
	case KH_DL_PATH:
		ok = isfinite(it->u.path.line_width);
		for (int i = 0; ok && i < it->u.path.ndash && i < 4; i++)
			ok = isfinite(it->u.path.dash[i]);
		for (int i = 0; ok && i < it->u.path.nseg; i++)
			for (int k = 0; ok && k < 3; k++)
				ok = isfinite(it->u.path.segs[i].x[k]) && isfinite(it->u.path.segs[i].y[k]);
		break;
	case KH_DL_IMAGE: {
		const kh_dl_image *im = &it->u.image;
		ok = isfinite(im->x) && isfinite(im->y) && isfinite(im->w) && isfinite(im->h) &&
		     (!im->clipped || (isfinite(im->clip_x) && isfinite(im->clip_y) && isfinite(im->clip_w) &&
		                       isfinite(im->clip_h)));
		break;
	}
	}
	return ok;
}

/* Check the display list before anything is written: every glyph must be
 * one libharu can write.  Records every character as used. */
static int validate(const kh_dl *dl, writer *w)
{
	int pageno = 0;
	for (const kh_dl_page *pg = dl->first; pg; pg = pg->next) {
		pageno++;
		if (!(pg->width >= HPDF_MIN_PAGE_SIZE && pg->width <= HPDF_MAX_PAGE_SIZE &&
		      pg->height >= HPDF_MIN_PAGE_SIZE && pg->height <= HPDF_MAX_PAGE_SIZE)) {
			kh_error(KH_NOLOC, "page %d: size %g x %g pt is outside what PDF allows (3 to 14400 pt)",
			         pageno, pg->width, pg->height);
			w->failed = 1;
		}
		if (pg->bleed < 0 || pg->bleed * 2 >= pg->width || pg->bleed * 2 >= pg->height) {
			kh_error(KH_NOLOC, "page %d: bleed %g pt does not fit the page", pageno, pg->bleed);
			w->failed = 1;
		}
		for (const kh_dl_item *it = pg->first; it; it = it->next) {
			const kh_dl_text *t;
			if (!item_finite(it)) {
				kh_error(KH_NOLOC, "page %d: an item has a position or size that is not a number", pageno);
				w->failed = 1;
				continue;
			}
			if (it->kind != KH_DL_TEXT)
				continue;
			t = &it->u.text;
			if (t->n > 0 && !t->font) {
				kh_error(KH_NOLOC, "page %d: a text run has no font", pageno);
				w->failed = 1;
				continue;
			}
			if (t->n > 0 && !(t->size > 0 && t->size <= HPDF_MAX_FONTSIZE)) {
				kh_error(KH_NOLOC, "page %d: text size %g pt is outside what PDF allows (above 0, at most %d pt)",
				         pageno, t->size, HPDF_MAX_FONTSIZE);
				w->failed = 1;
				continue;
			}
			for (int i = 0; i < t->n; i++) {
				uint32_t cp = t->glyphs[i].cp;
				if (cp == 0 || cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
					char u[8] = {0};
					if (cp > 0xFFFF && cp < 0x110000)
						kh_utf8_encode(cp, u);
					kh_error(KH_NOLOC,
					         "page %d: '%s' (U+%04X) cannot be written: libharu writes only characters up to U+FFFF",
					         pageno, u, (unsigned)cp);
					w->failed = 1;
					continue;
				}
				kh_font_use(t->font, cp);
			}
			if (!font_find(w, t->font) && t->font) {
				kh_grow(&w->fonts, sizeof *w->fonts, (size_t)w->nfonts + 1, &w->fcap);
				w->fonts[w->nfonts].kf = t->font;
				w->fonts[w->nfonts].hf = NULL;
				w->fonts[w->nfonts].name = NULL;
				w->nfonts++;
			}
		}
	}
	return w->failed ? -1 : 0;
}

int kh_pdf_render(const kh_dl *dl, kh_fonts *fonts, const kh_pdf_opts *opts, unsigned char **data, size_t *len)
{
	static const kh_pdf_opts defaults = {0, 1, 0};
	kh_pdf_opts full;
	writer w;
	kh_font **used;
	int nused;
	HPDF_UINT32 size;

	(void)fonts;
	*data = NULL;
	*len = 0;
	memset(&w, 0, sizeof w);
	w.opts = opts ? opts : &defaults;
	if (getenv("KH_PDF_FULL_FONTS") && *getenv("KH_PDF_FULL_FONTS") == '1') {
		/* make bench: the same document with libharu's whole-font embedding */
		full = *w.opts;
		full.full_fonts = 1;
		w.opts = &full;
	}

	if (!dl->first) {
		kh_error(KH_NOLOC, "cannot write PDF: the document has no pages");
		return -1;
	}
	if (validate(dl, &w) < 0) {
		free(w.fonts);
		return -1;
	}
	/* fonts to load: those the display list uses, in first-use order */
	nused = w.nfonts;
	used = kh_xmalloc(((size_t)nused + 1) * sizeof *used);
	for (int i = 0; i < nused; i++)
		used[i] = w.fonts[i].kf;
	w.nfonts = 0;

	w.pdf = HPDF_New(on_error, &w);
	if (!w.pdf)
		kh_die("out of memory");
	HPDF_SetCompressionMode(w.pdf, w.opts->compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
	HPDF_UseUTFEncodings(w.pdf);
	HPDF_SetCurrentEncoder(w.pdf, "UTF-8");
	w.pdf->pdf_version = HPDF_VER_14; /* image soft masks */
	check(&w, "setting up");

	for (int i = 0; i < nused && !w.failed; i++)
		load_font(&w, used[i]);
	free(used);
	/* every image once, all problems reported before giving up */
	for (const kh_dl_page *pg = w.failed ? NULL : dl->first; pg; pg = pg->next)
		for (const kh_dl_item *it = pg->first; it && !kh_diag_too_many(); it = it->next)
			if (it->kind == KH_DL_IMAGE)
				load_image(&w, it->u.image.path);

	if (!w.failed) {
		const kh_dl_page *pg;
		int pageno = 0;
		char what[64];
		for (pg = dl->first; pg && !w.failed; pg = pg->next) {
			HPDF_Page page = HPDF_AddPage(w.pdf);
			pageno++;
			snprintf(what, sizeof what, "page %d", pageno);
			if (!page || check(&w, what))
				break;
			HPDF_Page_SetWidth(page, (HPDF_REAL)pg->width);
			HPDF_Page_SetHeight(page, (HPDF_REAL)pg->height);
			if (pg->bleed > 0) {
				double b = pg->bleed;
				set_box(page, "BleedBox", 0, 0, pg->width, pg->height);
				set_box(page, "TrimBox", b, b, pg->width - b, pg->height - b);
			}
			w.page_h = pg->height;
			for (const kh_dl_item *it = pg->first; it && !w.failed; it = it->next) {
				switch (it->kind) {
				case KH_DL_TEXT: draw_text(&w, page, &it->u.text); break;
				case KH_DL_PATH: draw_path(&w, page, &it->u.path); break;
				case KH_DL_IMAGE: draw_image(&w, page, &it->u.image); break;
				}
				check(&w, what);
			}
		}
	}
	if (!w.failed) {
		HPDF_SetInfoAttr(w.pdf, HPDF_INFO_CREATOR, "kumihan " KH_VERSION);
		if (dl->title && *dl->title)
			HPDF_SetInfoAttr(w.pdf, HPDF_INFO_TITLE, dl->title);
		if (dl->author && *dl->author)
			HPDF_SetInfoAttr(w.pdf, HPDF_INFO_AUTHOR, dl->author);
		if (dl->subject && *dl->subject)
			HPDF_SetInfoAttr(w.pdf, HPDF_INFO_SUBJECT, dl->subject);
		if (dl->keywords && *dl->keywords)
			HPDF_SetInfoAttr(w.pdf, HPDF_INFO_KEYWORDS, dl->keywords);
		if (dl->lang && *dl->lang) {
			HPDF_Dict cat = (HPDF_Dict)w.pdf->catalog;
			HPDF_Dict_Add(cat, "Lang", HPDF_String_New(w.pdf->mmgr, dl->lang, NULL));
		}
		check(&w, "document information");
	}
	if (!w.failed) {
		HPDF_SaveToStream(w.pdf);
		if (!check(&w, "saving")) {
			size = HPDF_GetStreamSize(w.pdf);
			*data = kh_xmalloc(size ? size : 1);
			{
				HPDF_UINT32 got = size;
				HPDF_ReadFromStream(w.pdf, *data, &got);
				if (w.err == HPDF_STREAM_EOF) {
					HPDF_ResetError(w.pdf);
					w.err = w.detail = 0;
				}
				if (check(&w, "saving") || got != size) {
					if (!w.failed)
						kh_error(KH_NOLOC, "cannot write PDF: saving: short read from libharu");
					w.failed = 1;
				}
				*len = got;
			}
		}
	}
	HPDF_Free(w.pdf);
	free(w.fonts);
	free(w.images);
	if (w.failed) {
		free(*data);
		*data = NULL;
		*len = 0;
		return -1;
	}
	return 0;
}

int kh_pdf_write(const kh_dl *dl, kh_fonts *fonts, const char *path, const kh_pdf_opts *opts)
{
	unsigned char *data;
	size_t len;
	if (kh_pdf_render(dl, fonts, opts, &data, &len) < 0)
		return -1;
	if (kh_file_write_atomic(path, data, len) < 0) {
		kh_error(KH_NOLOC, "cannot write '%s': %s", path, strerror(errno));
		free(data);
		return -1;
	}
	free(data);
	return 0;
}
