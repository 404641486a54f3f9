/* Golden-image tests of the text and render path, on SDL's software renderer
 * (no window, no GPU): NFC and NFD draw the same pixels; every precomposed
 * Vietnamese letter in every tone draws inside its line with a real glyph;
 * a 20,000-pixel headline cut into 512-pixel tiles draws exactly as one
 * texture; a rotated screen is the upright one turned; textures stay few
 * with 10,000 items. Fonts are the shipped ones (TICKER_FONTS_DIR). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/config.h"
#include "screen/render/render.h"
#include "screen/scene/scene.h"
#include "screen/frame/stage.h"
#include "base/synth.h"
#include "screen/text/typeset.h"

static const char *const headlines[] = {
    "Đối thoại Chính sách Quốc phòng Việt Nam – Singapore lần thứ 8",
    "Hội đàm cấp cao: ỔN ĐỊNH, HỢP TÁC, PHÁT TRIỂN — Ẫ Ở Ữ Ỡ Ỗ Ẳ Ẵ",
    "Người dân Thủ đô xếp hàng tham quan khu trưng bày khí tài ngoài trời",
    "Giá vé 50.000₫; trẻ em dưới 1,2 m được miễn phí",
};

static struct config *test_config(void)
{
    struct config *config = config_create();
    assert_non_null(config);
    return config;
}

static struct typeset *scene_typeset(struct config *config, int width, int height)
{
    struct scene_font_spec specs[SCENE_FONT_COUNT];
    scene_font_specs(width, height, specs);
    struct typeset_style styles[SCENE_FONT_COUNT];
    for (int i = 0; i < SCENE_FONT_COUNT; i++)
        styles[i] = (struct typeset_style){specs[i].size_px, specs[i].bold};
    char err[512] = "";
    struct typeset *t = typeset_create(config, styles, SCENE_FONT_COUNT, err, sizeof err);
    if (!t)
        fail_msg("typeset: %s", err);
    return t;
}

static void assert_same_surface(SDL_Surface *a, SDL_Surface *b)
{
    assert_int_equal(a->w, b->w);
    assert_int_equal(a->h, b->h);
    for (int y = 0; y < a->h; y++)
        assert_memory_equal((uint8_t *)a->pixels + y * a->pitch, (uint8_t *)b->pixels + y * b->pitch, (size_t)a->w * 4);
}

static void nfc_and_nfd_render_identical_pixels(void **state)
{
    (void)state;
    struct config *config = test_config();
    struct typeset *t = scene_typeset(config, 1920, 1080);
    for (size_t i = 0; i < sizeof headlines / sizeof *headlines; i++) {
        char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)headlines[i]);
        assert_non_null(nfd);
        assert_true(strlen(nfd) > strlen(headlines[i])); /* really decomposed: the test has teeth */
        for (int font = 0; font < SCENE_FONT_COUNT; font++) {
            int base_nfc = -1, base_nfd = -2;
            SDL_Surface *a = typeset_render(t, (size_t)font, headlines[i], &base_nfc);
            SDL_Surface *b = typeset_render(t, (size_t)font, nfd, &base_nfd);
            assert_non_null(a);
            assert_non_null(b);
            assert_int_equal(base_nfc, base_nfd);
            assert_same_surface(a, b);
            assert_int_equal(typeset_width(t, (size_t)font, headlines[i]), typeset_width(t, (size_t)font, nfd));
            SDL_FreeSurface(a);
            SDL_FreeSurface(b);
        }
        free(nfd);
    }
    assert_int_equal(typeset_missing_count(t), 0);
    typeset_destroy(t);
    config_destroy(config);
}

/* The 134 precomposed letters of Vietnamese: the 12 vowels a ă â e ê i o ô
 * ơ u ư y in 6 tones (level, huyền, sắc, hỏi, ngã, nặng) are 72, less the
 * 6 plain ASCII ones (a e i o u y) = 66, plus đ = 67; and their capitals. */
static size_t vietnamese_letters(uint32_t out[200])
{
    static const uint32_t vowels[] = {'a', 0x103, 0xE2, 'e', 0xEA, 'i', 'o', 0xF4, 0x1A1, 'u', 0x1B0, 'y'};
    static const uint32_t tones[] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
    size_t n = 0;
    for (size_t v = 0; v < 12; v++) {
        for (size_t t = 0; t < 6; t++) {
            utf8proc_uint8_t decomposed[16] = {0};
            utf8proc_ssize_t at = utf8proc_encode_char((utf8proc_int32_t)vowels[v], decomposed);
            if (tones[t])
                utf8proc_encode_char((utf8proc_int32_t)tones[t], decomposed + at);
            utf8proc_uint8_t *composed = utf8proc_NFC(decomposed);
            assert_non_null(composed);
            utf8proc_int32_t cp;
            utf8proc_ssize_t len = utf8proc_iterate(composed, -1, &cp);
            assert_int_equal(composed[len], 0); /* every one is a single precomposed code point */
            free(composed);
            if (cp >= 0x80)
                out[n++] = (uint32_t)cp;
        }
    }
    out[n++] = 0x111; /* đ */
    size_t lower = n;
    for (size_t i = 0; i < lower; i++)
        out[n++] = (uint32_t)utf8proc_toupper((utf8proc_int32_t)out[i]);
    return n;
}

static bool row_has_ink(SDL_Surface *s, int y)
{
    const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch);
    for (int x = 0; x < s->w; x++)
        if (row[x] >> 24)
            return true;
    return false;
}

static int ink_row(SDL_Surface *s, bool from_top)
{
    for (int i = 0; i < s->h; i++) {
        int y = from_top ? i : s->h - 1 - i;
        if (row_has_ink(s, y))
            return y;
    }
    return -1;
}

static void every_vietnamese_letter_renders_inside_its_line(void **state)
{
    (void)state;
    uint32_t letters[200];
    size_t count = vietnamese_letters(letters);
    assert_int_equal(count, 134);
    for (size_t i = 0; i < count; i++)
        for (size_t j = i + 1; j < count; j++)
            assert_int_not_equal(letters[i], letters[j]);

    struct config *config = test_config();
    struct typeset *t = scene_typeset(config, 1920, 1080);
    for (int font = 0; font < SCENE_FONT_COUNT; font++) {
        struct typeset_metrics m;
        typeset_metrics(t, (size_t)font, &m);
        for (size_t i = 0; i < count; i++) {
            /* The main font draws every letter itself: no fallback, no tofu. */
            assert_int_equal(typeset_font_for(t, (size_t)font, letters[i]), 0);
            char text[8] = {0};
            utf8proc_encode_char((utf8proc_int32_t)letters[i], (utf8proc_uint8_t *)text);
            int baseline;
            SDL_Surface *s = typeset_render(t, (size_t)font, text, &baseline);
            assert_non_null(s);
            /* Laid out by the ascent: the line did not grow and the baseline
             * did not move. */
            assert_int_equal(s->h, m.height);
            assert_int_equal(baseline, m.ascent);
            /* Nothing clipped: the glyph's box (stacked marks included) lies
             * inside the line, and its ink starts and ends where the box
             * says. The tallest capitals (Ỗ Ẫ) reach exactly the ascent at
             * some sizes, so ink in the top row alone is not a fault; ink
             * starting above where the glyph begins would be. */
            int above, below;
            assert_true(typeset_glyph_extent(t, (size_t)font, letters[i], &above, &below));
            if (above > m.ascent || below > m.descent)
                fail_msg("U+%04X in font %d reaches %d above / %d below the baseline, outside its line (%d / %d)",
                         (unsigned)letters[i], font, above, below, m.ascent, m.descent);
            int first = ink_row(s, true), last = ink_row(s, false);
            if (abs(first - (m.ascent - above)) > 1 || abs(last + 1 - (m.ascent + below)) > 1)
                fail_msg("U+%04X in font %d: ink rows %d..%d, glyph box %d..%d: clipped", (unsigned)letters[i], font,
                         first, last, m.ascent - above, m.ascent + below - 1);
            SDL_FreeSurface(s);
        }
    }
    /* All 134 in one line, as a headline would have them. */
    char all[134 * 4 + 1] = "";
    size_t len = 0;
    for (size_t i = 0; i < count; i++)
        len += (size_t)utf8proc_encode_char((utf8proc_int32_t)letters[i], (utf8proc_uint8_t *)all + len);
    all[len] = '\0';
    int baseline;
    SDL_Surface *s = typeset_render(t, SCENE_FONT_FEATURED_TITLE, all, &baseline);
    assert_non_null(s);
    struct typeset_metrics m;
    typeset_metrics(t, SCENE_FONT_FEATURED_TITLE, &m);
    assert_int_equal(s->h, m.height);
    assert_int_equal(baseline, m.ascent);
    SDL_FreeSurface(s);
    assert_int_equal(typeset_missing_count(t), 0);
    typeset_destroy(t);
    config_destroy(config);
}

/* A megabyte of headline on one line (a cache written before the caps, a
 * page that slipped through): rendered, cut with an ellipsis, within bounds.
 * The old typeset asked SDL_ttf for a surface tens of millions of pixels
 * wide, which failed, every frame, and the crawl went blank. */
static void a_megabyte_line_renders_cut_with_an_ellipsis(void **state)
{
    (void)state;
    struct config *config = test_config();
    struct typeset *t = scene_typeset(config, 1920, 1080);
    const char *word = "Tiêu đề rất dài ";
    size_t word_length = strlen(word), count = 1024 * 1024 / word_length;
    char *huge = malloc(count * word_length + 1);
    for (size_t i = 0; i < count; i++)
        memcpy(huge + i * word_length, word, word_length);
    huge[count * word_length] = '\0';
    int baseline = 0;
    SDL_Surface *s = typeset_render(t, SCENE_FONT_CRAWL, huge, &baseline);
    if (!s)
        fail_msg("a 1 MB line did not render: %s", SDL_GetError()); /* SDL_ttf reports through SDL */
    int width = typeset_width(t, SCENE_FONT_CRAWL, huge);
    print_message("1 MB line: %d x %d px, measured %d px\n", s->w, s->h, width);
    assert_true(s->w > 1920 && s->w < 400000);
    assert_int_equal(width, s->w); /* measured as drawn: the layout stays true */
    SDL_FreeSurface(s);
    free(huge);
    typeset_destroy(t);
    config_destroy(config);
}

static void characters_no_font_has_are_left_out_and_others_fall_back(void **state)
{
    (void)state;
    struct config *config = test_config();
    struct typeset *t = scene_typeset(config, 1920, 1080);
    /* ★ (U+2605) is not in Noto Sans: a fallback font draws it on the same baseline. */
    assert_int_equal(typeset_font_for(t, SCENE_FONT_CRAWL, 0x2605) > 0, 1);
    int with_star, plain;
    SDL_Surface *a = typeset_render(t, SCENE_FONT_CRAWL, "Tin nóng ★ Hà Nội", &with_star);
    SDL_Surface *b = typeset_render(t, SCENE_FONT_CRAWL, "Tin nóng  Hà Nội", &plain);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a->w > b->w);
    struct typeset_metrics m;
    typeset_metrics(t, SCENE_FONT_CRAWL, &m);
    assert_int_equal(with_star, m.ascent);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    /* U+E000 (private use) is in no font: dropped, reported once. */
    assert_int_equal(typeset_font_for(t, SCENE_FONT_CRAWL, 0xE000), -1);
    int w1 = typeset_width(t, SCENE_FONT_CRAWL, "Hà\xEE\x80\x80Nội");
    int w2 = typeset_width(t, SCENE_FONT_CRAWL, "HàNội");
    assert_int_equal(w1, w2);
    typeset_width(t, SCENE_FONT_CRAWL, "\xEE\x80\x80 again");
    assert_int_equal(typeset_missing_count(t), 1);
    typeset_destroy(t);
    config_destroy(config);
}

/* A 1920-pixel screen with one renderer, drawing one text at a given x. */
struct text_screen {
    SDL_Surface *target;
    SDL_Renderer *renderer;
    struct render *render;
};

static void text_screen_open(struct text_screen *ts, struct config *config)
{
    ts->target = SDL_CreateRGBSurfaceWithFormat(0, 1920, 120, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(ts->target);
    ts->renderer = SDL_CreateSoftwareRenderer(ts->target);
    assert_non_null(ts->renderer);
    char err[512];
    ts->render = render_create(ts->renderer, config, 1920, 1080, 0, err, sizeof err);
    assert_non_null(ts->render);
}

static void text_screen_close(struct text_screen *ts)
{
    render_destroy(ts->render);
    SDL_DestroyRenderer(ts->renderer);
    SDL_FreeSurface(ts->target);
}

static uint8_t *text_screen_draw(struct text_screen *ts, const char *text, int x)
{
    const struct scene_measure *m = render_measure(ts->render);
    struct scene_op op = {.kind = SCENE_OP_TEXT, .rect = {x, m->fonts[SCENE_FONT_CRAWL].ascent, 0, 0},
                          .color = {10, 26, 51, 255}, .font = SCENE_FONT_CRAWL, .text = text};
    struct scene_frame frame = {.ops = &op, .count = 1, .capacity = 1};
    SDL_SetRenderDrawColor(ts->renderer, 244, 246, 250, 255);
    SDL_RenderClear(ts->renderer);
    assert_true(render_draw(ts->render, &frame));
    int w, h;
    uint8_t *pixels = render_read_rgb(ts->renderer, &w, &h);
    assert_non_null(pixels);
    return pixels;
}

static void long_headline_in_small_tiles_matches_one_texture(void **state)
{
    (void)state;
    struct config *config = test_config();
    char text[8192] = "";
    for (int i = 0; i < 9; i++)
        strcat(text, "Hội đàm cấp cao Việt Nam – Singapore về hợp tác quốc phòng, ỔN ĐỊNH và PHÁT TRIỂN; ");
    struct text_screen single, tiled;
    text_screen_open(&single, config);
    config->display.max_texture_width = 512;
    text_screen_open(&tiled, config);
    assert_int_equal(render_max_tile_width(tiled.render), 512);
    assert_int_equal(render_max_tile_width(single.render), 0); /* the software renderer has no limit */
    const struct scene_measure *m = render_measure(single.render);
    int width = m->text_width(m->context, SCENE_FONT_CRAWL, text);
    assert_true(width >= 20000);
    /* The headline crosses the screen as the crawl moves it: at each step
     * (odd, so seams land everywhere on screen) every pixel is the same,
     * including those at the 40-odd seams between 512-pixel tiles. */
    int frames = 0;
    for (int x = 0; x > -width; x -= 1777, frames++) {
        uint8_t *a = text_screen_draw(&single, text, x);
        uint8_t *b = text_screen_draw(&tiled, text, x);
        if (memcmp(a, b, 1920 * 120 * 3) != 0)
            fail_msg("at x = %d the tiled headline differs from the single texture", x);
        bool ink = false;
        for (size_t i = 0; i < 1920 * 120 * 3 && !ink; i += 3)
            ink = a[i] < 128;
        assert_true(ink); /* really drawn, up to its end */
        free(a);
        free(b);
    }
    assert_true(frames >= 11);
    text_screen_close(&single);
    text_screen_close(&tiled);
    config_destroy(config);
}

static uint8_t *draw_stage(struct config *config, int width, int height, int rotate, struct item_list *items, double t)
{
    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(target);
    assert_non_null(renderer);
    config->display.rotate = rotate;
    char err[512];
    struct stage *stage = stage_create(renderer, config, width, height, 60, err, sizeof err);
    assert_non_null(stage);
    scene_adopt(stage->scene, items);
    struct tm clock = {.tm_year = 126, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5, .tm_wday = 0};
    scene_set_status(stage->scene, "Ngoại tuyến");
    assert_true(stage_draw(stage, t, &clock));
    int w, h;
    uint8_t *pixels = render_read_rgb(renderer, &w, &h);
    assert_non_null(pixels);
    stage_destroy(stage);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(target);
    return pixels;
}

static void rotated_screen_is_the_upright_one_turned(void **state)
{
    (void)state;
    struct config *config = test_config();
    int lw = 540, lh = 960; /* a small portrait scene keeps the test quick */
    uint8_t *upright = draw_stage(config, lw, lh, 0, synth_items(12), 9.3);
    for (int rotate = 90; rotate < 360; rotate += 90) {
        int pw = rotate == 180 ? lw : lh, ph = rotate == 180 ? lh : lw;
        uint8_t *turned = draw_stage(config, pw, ph, rotate, synth_items(12), 9.3);
        size_t differing = 0;
        for (int y = 0; y < lh; y++) {
            for (int x = 0; x < lw; x++) {
                int px, py;
                if (rotate == 90) {
                    px = lh - 1 - y;
                    py = x;
                } else if (rotate == 180) {
                    px = lw - 1 - x;
                    py = lh - 1 - y;
                } else {
                    px = y;
                    py = lw - 1 - x;
                }
                if (memcmp(upright + ((size_t)y * lw + x) * 3, turned + ((size_t)py * pw + px) * 3, 3) != 0)
                    differing++;
            }
        }
        if (differing)
            fail_msg("rotation %d: %zu of %d pixels differ from the upright scene turned", rotate, differing, lw * lh);
        free(turned);
    }
    free(upright);
    config_destroy(config);
}

/* The software renderer keeps its pixels, so frames whose still part did
 * not change draw only the moving part: after hundreds of such frames (and
 * featured changes between them) the picture must be exactly what drawing
 * everything at once gives. */
static void frame_by_frame_equals_drawing_everything(void **state)
{
    (void)state;
    struct config *config = test_config();
    config->display.rotate = 0;
    config->display.featured_seconds = 3;
    const int w = 640, h = 360;
    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(target);
    assert_non_null(renderer);
    char err[512];
    struct stage *stage = stage_create(renderer, config, w, h, 60, err, sizeof err);
    assert_non_null(stage);
    scene_adopt(stage->scene, synth_items(12));
    scene_set_status(stage->scene, "Ngoại tuyến");
    struct tm clock = {.tm_year = 126, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5, .tm_wday = 0};
    /* Inside wipes (they run 0.6 s from each change, every 3 s) and after them. */
    double checkpoints[] = {1.0, 3.1, 3.3, 3.55, 6.25, 7.5, 9.4, 10.0};
    int frame = 0;
    for (size_t c = 0; c < sizeof checkpoints / sizeof *checkpoints; c++) {
        for (; frame / 60.0 <= checkpoints[c] + 1e-9; frame++)
            assert_true(stage_draw(stage, frame / 60.0, &clock));
        double t = (frame - 1) / 60.0;
        int rw, rh;
        uint8_t *stepped = render_read_rgb(renderer, &rw, &rh);
        assert_non_null(stepped);
        uint8_t *fresh = draw_stage(config, w, h, 0, synth_items(12), t);
        if (memcmp(stepped, fresh, (size_t)w * h * 3) != 0)
            fail_msg("at t = %.3f the frame drawn step by step differs from one drawn at once", t);
        free(stepped);
        free(fresh);
    }
    stage_destroy(stage);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(target);
    config_destroy(config);
}

static size_t peak_textures(struct config *config, size_t items)
{
    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, 960, 540, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(target);
    char err[512];
    config->display.rotate = 0;
    config->display.crawl_speed = 600; /* many stories pass in the test's time */
    struct stage *stage = stage_create(renderer, config, 960, 540, 60, err, sizeof err);
    assert_non_null(stage);
    scene_adopt(stage->scene, synth_items(items));
    struct tm clock = {.tm_year = 126, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5};
    size_t peak = 0;
    for (int frame = 0; frame < 60 * 40; frame += 3) {
        assert_true(stage_draw(stage, frame / 60.0, &clock));
        size_t n = render_texture_count(stage->render);
        if (n > peak)
            peak = n;
    }
    stage_destroy(stage);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(target);
    return peak;
}

static void textures_stay_few_with_ten_thousand_items(void **state)
{
    (void)state;
    struct config *config = test_config();
    size_t few = peak_textures(config, 10);
    size_t many = peak_textures(config, 10000);
    /* Only what is on screen or about to be: the same handful either way. */
    assert_true(many <= 40);
    assert_true(many <= few + 4);
    config_destroy(config);
}

/* A picture is drawn 1:1 where the layout puts it (not stretched, not cut
 * off), inside the panel, clear of the text column and of the QR code; in
 * portrait above the text. Checked on the pixels: the picture is a solid
 * colour no other element uses. */
static void pictures_are_drawn_whole_beside_or_above_the_text(void **state)
{
    (void)state;
    const int rotations[] = {0, 90};
    for (size_t k = 0; k < 2; k++) {
        struct config *config = test_config();
        config->display.rotate = rotations[k];
        const int w = 1280, h = 720;
        SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(target);
        char err[512];
        struct stage *stage = stage_create(renderer, config, w, h, 60, err, sizeof err);
        assert_non_null(stage);
        int bw, bh;
        scene_picture_box(stage->scene, &bw, &bh);
        int pw = bw * 3 / 4, ph = bh * 3 / 4;
        uint8_t *rgba = malloc((size_t)pw * ph * 4);
        for (int i = 0; i < pw * ph; i++)
            memcpy(rgba + 4 * i, "\x10\xE0\x30\xFF", 4);
        assert_true(render_add_picture(stage->render, "/pictures/green.jpg", pw, ph, rgba, (size_t)pw * 4));
        free(rgba);
        struct item_list *items = synth_items(4);
        for (size_t i = 0; i < items->count; i++)
            assert_true(item_add_picture(&items->items[i], "/pictures/green.jpg", "Chú thích ảnh.", 0, 0));
        scene_adopt(stage->scene, items);
        struct tm clock = {.tm_year = 126, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5};
        assert_true(stage_draw(stage, 3.0, &clock));
        const struct scene_op *picture = NULL, *qr = NULL;
        for (size_t i = 0; i < stage->frame.count; i++) {
            if (stage->frame.ops[i].kind == SCENE_OP_PICTURE)
                picture = &stage->frame.ops[i];
            if (stage->frame.ops[i].kind == SCENE_OP_QR)
                qr = &stage->frame.ops[i];
        }
        assert_non_null(picture);
        assert_non_null(qr);
        assert_int_equal(picture->rect.w, pw); /* 1:1 */
        assert_int_equal(picture->rect.h, ph);
        int lw, lh;
        scene_logical_screen(stage->scene, &lw, &lh);
        assert_true(picture->rect.x >= 0 && picture->rect.x + pw <= lw && picture->rect.y >= 0 &&
                    picture->rect.y + ph <= lh);
        /* The picture's own colour fills exactly its rectangle. */
        int rw, rh;
        uint8_t *frame = render_read_rgb(renderer, &rw, &rh);
        struct scene_rect p = scene_rotate_rect(picture->rect, lw, lh, rotations[k]);
        size_t inside = 0, total = 0;
        for (int y = 0; y < rh; y++)
            for (int x = 0; x < rw; x++) {
                const uint8_t *px = frame + ((size_t)y * rw + x) * 3;
                bool green = px[0] == 0x10 && px[1] == 0xE0 && px[2] == 0x30;
                bool in = x >= p.x && x < p.x + p.w && y >= p.y && y < p.y + p.h;
                total += green;
                inside += green && in;
                if (in && !green)
                    fail_msg("rotate %d: (%d,%d) inside the picture is not the picture", rotations[k], x, y);
            }
        assert_int_equal(inside, (size_t)pw * ph);
        assert_int_equal(total, inside);
        free(frame);
        /* No text over it, and it clear of the QR code. */
        for (size_t i = 0; i < stage->frame.count; i++) {
            const struct scene_op *op = &stage->frame.ops[i];
            if (op->kind != SCENE_OP_TEXT || op->rect.y < picture->rect.y || op->rect.y > lh - 60)
                continue;
            bool below = op->rect.y - 5 >= picture->rect.y + ph;
            bool left = op->rect.x + render_measure(stage->render)->text_width(render_measure(stage->render)->context,
                                                                             op->font, op->text) <= picture->rect.x;
            if (!below && !left && op->rect.x < picture->rect.x + pw)
                fail_msg("rotate %d: text '%s' at (%d,%d) over the picture", rotations[k], op->text, op->rect.x,
                         op->rect.y);
        }
        assert_false(qr->rect.x < picture->rect.x + pw && qr->rect.y < picture->rect.y + ph &&
                     qr->rect.x + qr->rect.w > picture->rect.x && qr->rect.y + qr->rect.h > picture->rect.y);
        if (rotations[k] == 90)
            assert_true(picture->rect.y < lh / 3); /* portrait: above the text */
        else
            assert_true(picture->rect.x > lw / 2); /* landscape: beside it */
        stage_destroy(stage);
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(target);
        config_destroy(config);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nfc_and_nfd_render_identical_pixels),
        cmocka_unit_test(every_vietnamese_letter_renders_inside_its_line),
        cmocka_unit_test(characters_no_font_has_are_left_out_and_others_fall_back),
        cmocka_unit_test(a_megabyte_line_renders_cut_with_an_ellipsis),
        cmocka_unit_test(long_headline_in_small_tiles_matches_one_texture),
        cmocka_unit_test(rotated_screen_is_the_upright_one_turned),
        cmocka_unit_test(textures_stay_few_with_ten_thousand_items),
        cmocka_unit_test(frame_by_frame_equals_drawing_everything),
        cmocka_unit_test(pictures_are_drawn_whole_beside_or_above_the_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
