/* The picture front end (live/pictures/picture_sniff, live/pictures/picture_budget, and the
 * gate in live/pictures/picture_decode): decompression bombs of each format are
 * refused from their header before any decoder runs, with the picture's
 * name and the reason; formats that shrink on load may declare more than
 * those decoded whole; only JPEG, PNG, WebP and GIF reach a decoder (the
 * sniff, and libvips' own loaders blocked behind it); ordinary pictures
 * of the four formats still decode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/pictures/picture_budget.h"
#include "live/pictures/picture_decode.h"
#include "live/pictures/picture_sniff.h"
#include "picture_bombs.h"
#include "testutil.h"
#ifdef TICKER_HAVE_VIPS
#include <vips/vips.h>
#endif

static void refused_for_budget(const void *bytes, size_t size, const char *name)
{
    char err[768] = "";
    struct picture_pixels p;
    bool decoded = picture_decode(bytes, size, name, 740, 426, &p, err, sizeof err);
    if (decoded)
        picture_pixels_clear(&p);
    printf("%s: %s\n", name, decoded ? "decoded" : err);
    assert_false(decoded);
    assert_non_null(strstr(err, name));
    assert_non_null(strstr(err, "over the budget"));
}

/* A 43-byte GIF of one 14000x14000 frame (888 MB peak in a screenshot
 * before), a 16-bit PNG, a progressive JPEG and a lossless WebP, each
 * declaring far more than its format's budget. */
static void bombs_are_refused_from_their_header(void **state)
{
    (void)state;
    uint8_t b[64];
    size_t n = bomb_gif(b, 14000, 14000);
    assert_int_equal(n, 43);
    refused_for_budget(b, n, "https://example.vn/bomb.gif");
    n = bomb_png_header(b, 20000, 20000, 16, 6);
    refused_for_budget(b, n, "https://example.vn/bomb.png");
    n = bomb_jpeg_progressive_header(b, 14000, 14000);
    refused_for_budget(b, n, "https://example.vn/bomb.jpg");
    n = bomb_webp_lossless_header(b, 12000, 12000);
    refused_for_budget(b, n, "https://example.vn/bomb.webp");
}

/* The same pixels cost differently by how they decode: a 12000x12000
 * baseline JPEG shrinks while it loads and is allowed; as a progressive
 * JPEG, a PNG or a GIF it is refused. A GIF whose first frame reaches past
 * its small logical screen is counted by the canvas the frame needs. */
static void formats_that_cannot_shrink_get_a_lower_limit(void **state)
{
    (void)state;
    uint8_t b[64];
    char reason[400];
    struct picture_header h;
    size_t n = bomb_jpeg_progressive_header(b, 12000, 12000);
    b[3] = 0xC0; /* the same frame, baseline */
    assert_true(picture_sniff(b, n, &h, reason, sizeof reason));
    assert_false(h.progressive);
    assert_int_equal(h.width, 12000);
    assert_true(picture_budget_allows(&h, reason, sizeof reason));
    b[3] = 0xC2;
    assert_true(picture_sniff(b, n, &h, reason, sizeof reason));
    assert_true(h.progressive);
    assert_false(picture_budget_allows(&h, reason, sizeof reason));
    n = bomb_png_header(b, 12000, 12000, 8, 2);
    assert_true(picture_sniff(b, n, &h, reason, sizeof reason));
    assert_false(picture_budget_allows(&h, reason, sizeof reason));
    n = bomb_png_header(b, 3000, 2000, 16, 6); /* 6 megapixels of 16-bit RGBA: 46 MB, allowed */
    assert_true(picture_sniff(b, n, &h, reason, sizeof reason));
    assert_int_equal(h.bytes_per_sample, 2);
    assert_true(picture_budget_allows(&h, reason, sizeof reason));
    n = bomb_gif(b, 100, 100);
    bomb_le16(b + 19 + 8 + 5, 5000); /* the frame's size in its descriptor: 5000 x 5000 on a 100 x 100 screen */
    bomb_le16(b + 19 + 8 + 7, 5000);
    assert_true(picture_sniff(b, n, &h, reason, sizeof reason));
    assert_int_equal(h.width, 5000);
    assert_int_equal(h.height, 5000);
    assert_false(picture_budget_allows(&h, reason, sizeof reason));
}

/* A picture that declared no size in its document (ingest judges the
 * declared ones) is still no picture when its own header says a few
 * pixels: the classic 43-byte 1x1 GIF web bug, a 1x1 PNG, a spacer a pixel
 * high. Refused before any decoder, named as what it is; 9x9 is allowed. */
static void tracking_pixels_are_refused_from_their_header(void **state)
{
    (void)state;
    static const unsigned char web_bug[] = "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
                                           "!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01"
                                           "\x00\x00\x02\x02" "D\x01\x00;"; /* "D" apart: \x02D would be one escape */
    char err[768] = "";
    struct picture_pixels p;
    assert_int_equal(sizeof web_bug - 1, 43);
    assert_false(picture_decode(web_bug, sizeof web_bug - 1, "https://pixel.example/t.gif", 740, 426, &p, err,
                                sizeof err));
    assert_non_null(strstr(err, "https://pixel.example/t.gif"));
    assert_non_null(strstr(err, "1x1 is a tracking pixel"));
    uint8_t b[64];
    char reason[400];
    struct picture_header h;
    const long sides[][3] = {{1, 1, 0}, {0, 0, 0}, {600, 1, 0}, {1, 400, 0}, {8, 8, 0}, {9, 9, 1}, {640, 360, 1}};
    for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
        size_t n = bomb_png_header(b, (uint32_t)sides[i][0], (uint32_t)sides[i][1], 8, 6);
        bool sniffed = picture_sniff(b, n, &h, reason, sizeof reason);
        bool allowed = sniffed && picture_budget_allows(&h, reason, sizeof reason);
        printf("%ldx%ld png: %s\n", sides[i][0], sides[i][1], allowed ? "allowed" : reason);
        assert_int_equal(allowed, sides[i][2]);
        n = bomb_gif(b, (uint16_t)sides[i][0], (uint16_t)sides[i][1]);
        sniffed = picture_sniff(b, n, &h, reason, sizeof reason);
        assert_int_equal(sniffed && picture_budget_allows(&h, reason, sizeof reason), sides[i][2]);
    }
}

static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"300\">"
                          "<rect width=\"400\" height=\"300\" fill=\"red\"/></svg>";
static const char ppm[] = "P3\n2 2\n255\n255 0 0 0 255 0 0 0 255 255 255 255\n";
static const char pdf[] = "%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                          "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                          "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
                          "trailer<</Root 1 0 R>>\n%%EOF\n";

static void refused_as_not_a_format(const void *bytes, size_t size, const char *name)
{
    char err[768] = "";
    struct picture_pixels p;
    bool decoded = picture_decode(bytes, size, name, 740, 426, &p, err, sizeof err);
    if (decoded)
        picture_pixels_clear(&p);
    printf("%s: %s\n", name, decoded ? "decoded" : err);
    assert_false(decoded);
    assert_non_null(strstr(err, name));
    assert_non_null(strstr(err, "not a JPEG, PNG, WebP or GIF"));
}

/* SVG, PDF, PPM and TIFF decode with libvips' other loaders; a kiosk's
 * picture never reaches them. */
static void only_jpeg_png_webp_and_gif_reach_a_decoder(void **state)
{
    (void)state;
    refused_as_not_a_format(svg, sizeof svg - 1, "https://example.vn/logo.svg");
    refused_as_not_a_format(pdf, sizeof pdf - 1, "https://example.vn/a.pdf");
    refused_as_not_a_format(ppm, sizeof ppm - 1, "https://example.vn/a.ppm");
#ifdef TICKER_HAVE_VIPS
    VipsImage *black = NULL;
    void *tiff = NULL;
    size_t size = 0;
    assert_int_equal(vips_black(&black, 64, 64, "bands", 3, NULL), 0);
    assert_int_equal(vips_tiffsave_buffer(black, &tiff, &size, NULL), 0);
    refused_as_not_a_format(tiff, size, "https://example.vn/a.tif");
    /* Behind the sniff, libvips itself loads only the four. */
    VipsImage *loaded = vips_image_new_from_buffer(tiff, size, "", NULL);
    assert_null(loaded);
    vips_error_clear();
    loaded = vips_image_new_from_buffer(svg, sizeof svg - 1, "", NULL);
    assert_null(loaded);
    vips_error_clear();
    g_free(tiff);
    void *png = NULL;
    assert_int_equal(vips_pngsave_buffer(black, &png, &size, NULL), 0);
    loaded = vips_image_new_from_buffer(png, size, "", NULL);
    assert_non_null(loaded);
    g_object_unref(loaded);
    g_free(png);
    g_object_unref(black);
#endif
}

#ifdef TICKER_HAVE_VIPS
/* A GIF and a WebP made here (lossy and lossless) decode to the box, as
 * JPEG and PNG do (test_pictures): the gate lets the ordinary through. */
static void ordinary_gif_and_webp_still_decode(void **state)
{
    (void)state;
    VipsImage *black = NULL, *lit = NULL, *u8 = NULL;
    assert_int_equal(vips_black(&black, 1600, 900, "bands", 3, NULL), 0);
    assert_int_equal(vips_linear1(black, &lit, 1.0, 120.0, NULL), 0);
    assert_int_equal(vips_cast_uchar(lit, &u8, NULL), 0);
    const char *savers[] = {".gif", ".webp[Q=80]", ".webp[lossless]"};
    for (size_t i = 0; i < sizeof savers / sizeof *savers; i++) {
        void *bytes = NULL;
        size_t size = 0;
        assert_int_equal(vips_image_write_to_buffer(u8, savers[i], &bytes, &size, NULL), 0);
        struct picture_header h;
        char err[768];
        assert_true(picture_budget_check(bytes, size, savers[i], &h, err, sizeof err));
        assert_int_equal(h.width, 1600);
        assert_int_equal(h.height, 900);
        assert_int_equal(h.lossless, strstr(savers[i], "lossless") != NULL);
        struct picture_pixels p;
        assert_true(picture_decode(bytes, size, savers[i], 740, 426, &p, err, sizeof err));
        assert_true(p.width <= 740 && p.height <= 426 && p.width > 700);
        assert_true(p.rgba[0] > 100 && p.rgba[0] < 140);
        picture_pixels_clear(&p);
        g_free(bytes);
    }
    g_object_unref(u8);
    g_object_unref(lit);
    g_object_unref(black);
}
#endif

/* Headers cut anywhere: refused with a reason, never read past the end
 * (the suite runs under AddressSanitizer). */
static void cut_headers_are_refused(void **state)
{
    (void)state;
    size_t size;
    char path[1024];
    snprintf(path, sizeof path, "%s/assets/demo/pictures/khu-trung-bay.jpg", TICKER_SOURCE_DIR);
    char *jpeg = testutil_read_file(path, &size);
    assert_non_null(jpeg);
    struct picture_header h;
    char reason[400];
    assert_true(picture_sniff(jpeg, size, &h, reason, sizeof reason));
    assert_int_equal(h.width, 1600);
    assert_int_equal(h.height, 900);
    size_t frame = 0; /* where the frame header's size ends */
    for (size_t cut = 0; cut < 4096 && cut < size; cut++) {
        char *piece = malloc(cut ? cut : 1);
        memcpy(piece, jpeg, cut);
        if (picture_sniff(piece, cut, &h, reason, sizeof reason) && !frame)
            frame = cut;
        free(piece);
    }
    assert_true(frame > 0 && frame < 4096);
    free(jpeg);
}

/* What fuzz_picture found: a frame header whose length holds its three
 * components' fields only by counting its own length bytes. Read from a
 * buffer of exactly its size (AddressSanitizer catches a read past it). */
static void inputs_fuzzing_found_stay_fixed(void **state)
{
    (void)state;
    static const uint8_t sof_over_read[] = {0xff, 0xd8, 0xff, 0xc2, 0x00, 0x0f, 0x08, 0x36, 0xb0, 0x36,
                                            0xb0, 0x03, 0x03, 0x11, 0xff, 0x03, 0x11, 0xff, 0xd9};
    uint8_t *exact = malloc(sizeof sof_over_read);
    memcpy(exact, sof_over_read, sizeof sof_over_read);
    struct picture_header h;
    char reason[400];
    assert_false(picture_sniff(exact, sizeof sof_over_read, &h, reason, sizeof reason));
    assert_non_null(strstr(reason, "cut short"));
    free(exact);
}

int main(int argc, char **argv)
{
    (void)argc;
    char err[512];
    if (!picture_decode_init(argv[0], err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bombs_are_refused_from_their_header),
        cmocka_unit_test(tracking_pixels_are_refused_from_their_header),
        cmocka_unit_test(formats_that_cannot_shrink_get_a_lower_limit),
        cmocka_unit_test(only_jpeg_png_webp_and_gif_reach_a_decoder),
#ifdef TICKER_HAVE_VIPS
        cmocka_unit_test(ordinary_gif_and_webp_still_decode),
#endif
        cmocka_unit_test(cut_headers_are_refused),
        cmocka_unit_test(inputs_fuzzing_found_stay_fixed),
    };
    int status = cmocka_run_group_tests(tests, NULL, NULL);
    picture_decode_shutdown();
    return status;
}
