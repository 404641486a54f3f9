/* Crawl thumbnails ([display] crawl_thumbnails): a small picture before
 * each headline that has one, inside the crawl band, left of the badge and
 * the headline and clear of both; a headline without a picture keeps its
 * width (no gap); off by default; the thumbnails are wished for by their
 * own key and decoded to the thumbnail box by the picture worker. Checked
 * on the ops and on the pixels: the thumbnail is a solid colour nothing
 * else on screen uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "base/picture_mailbox.h"
#include "base/synth.h"
#include "live/pictures/picture_decode.h"
#include "live/pictures/picture_worker.h"
#include "screen/render/render.h"
#include "screen/scene/scene.h"
#include "screen/frame/stage.h"

#define W 1280
#define H 720
#define PICTURE "/pictures/magenta.jpg"

static const uint8_t magenta[4] = {0xE0, 0x10, 0xC0, 0xFF};

struct rig {
    struct config *config;
    SDL_Surface *target;
    SDL_Renderer *renderer;
    struct stage *stage;
};

/* A 1280x720 stage; with thumbnails, PICTURE's thumbnail is there already
 * (a solid magenta as big as the box allows for a 4:3 picture). Items with
 * an even index have PICTURE, the others none. */
static void rig_open(struct rig *r, bool thumbnails, bool thumbnail_decoded)
{
    r->config = config_create();
    assert_non_null(r->config);
    r->config->display.crawl_thumbnails = thumbnails;
    r->target = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    r->renderer = SDL_CreateSoftwareRenderer(r->target);
    char err[512];
    r->stage = stage_create(r->renderer, r->config, W, H, 60, err, sizeof err);
    assert_non_null(r->stage);
    int tw, th;
    scene_thumbnail_box(r->stage->scene, &tw, &th);
    if (thumbnails && thumbnail_decoded) {
        int pw = th * 4 / 3, ph = th;
        assert_true(pw <= tw);
        uint8_t *rgba = malloc((size_t)pw * ph * 4);
        for (int i = 0; i < pw * ph; i++)
            memcpy(rgba + 4 * i, magenta, 4);
        char *key = picture_thumbnail_key(PICTURE);
        assert_true(render_add_picture(r->stage->render, key, pw, ph, rgba, (size_t)pw * 4));
        free(key);
        free(rgba);
    }
    struct item_list *items = synth_items(8);
    for (size_t i = 0; i < items->count; i += 2)
        assert_true(item_add_picture(&items->items[i], PICTURE, "", 0, 0));
    scene_adopt(r->stage->scene, items);
}

static void rig_close(struct rig *r)
{
    stage_destroy(r->stage);
    SDL_DestroyRenderer(r->renderer);
    SDL_FreeSurface(r->target);
    config_destroy(r->config);
}

static const struct tm clock_at = {.tm_year = 126, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5};

static int text_width(struct rig *r, const struct scene_op *op)
{
    const struct scene_measure *m = render_measure(r->stage->render);
    return m->text_width(m->context, op->font, op->text);
}

static void thumbnails_are_drawn_left_of_their_headlines_inside_the_band(void **state)
{
    (void)state;
    struct rig r;
    rig_open(&r, true, true);
    int tw, th;
    scene_thumbnail_box(r.stage->scene, &tw, &th);
    assert_true(th > 0 && tw >= th);
    size_t seen = 0;
    for (double t = 0; t < 40; t += 1.7) {
        assert_true(stage_draw(r.stage, t, &clock_at));
        const struct scene_frame *f = &r.stage->frame;
        /* The band: the full-width rectangle at the screen's foot. */
        int band_top = -1;
        for (size_t i = f->live_from; i < f->count && band_top < 0; i++)
            if (f->ops[i].kind == SCENE_OP_RECT && f->ops[i].rect.w == W && f->ops[i].rect.y + f->ops[i].rect.h == H)
                band_top = f->ops[i].rect.y;
        assert_true(band_top > H / 2);
        for (size_t i = f->live_from; i < f->count; i++) {
            const struct scene_op *p = &f->ops[i];
            if (p->kind != SCENE_OP_PICTURE)
                continue;
            seen++;
            assert_true(strncmp(p->text, PICTURE_THUMBNAIL_PREFIX, strlen(PICTURE_THUMBNAIL_PREFIX)) == 0);
            assert_int_equal(p->rect.h, th); /* 1:1, the decoded size */
            assert_int_equal(p->rect.w, th * 4 / 3);
            assert_true(p->rect.y >= band_top && p->rect.y + p->rect.h <= H);
            /* The next ops draw its entry: badge, headline; both to its right. */
            bool headline = false;
            for (size_t j = i + 1; j < f->count && !headline; j++) {
                const struct scene_op *o = &f->ops[j];
                if (o->kind == SCENE_OP_PICTURE)
                    break;
                if (o->kind == SCENE_OP_TEXT && o->font == SCENE_FONT_CRAWL)
                    headline = true;
                if (o->kind == SCENE_OP_TEXT || (o->kind == SCENE_OP_RECT && o->rect.y >= band_top && o->rect.w < W))
                    assert_true(o->rect.x >= p->rect.x + p->rect.w);
            }
            assert_true(headline);
            /* No text of the band over it. */
            for (size_t j = f->live_from; j < f->count; j++) {
                const struct scene_op *o = &f->ops[j];
                if (o->kind == SCENE_OP_TEXT && o->rect.y > band_top && strcmp(o->text, "BẢN TIN") != 0)
                    assert_true(o->rect.x + text_width(&r, o) <= p->rect.x || o->rect.x >= p->rect.x + p->rect.w);
            }
        }
        /* On the pixels: magenta exactly where the visible thumbnails are. */
        int rw, rh;
        uint8_t *px = render_read_rgb(r.renderer, &rw, &rh);
        size_t expected = 0, found = 0;
        int label_right = 0;
        for (size_t i = f->live_from; i < f->count; i++)
            if (f->ops[i].kind == SCENE_OP_RECT && f->ops[i].rect.x == 0 && f->ops[i].rect.y == band_top &&
                f->ops[i].rect.w < W)
                label_right = f->ops[i].rect.w; /* the fixed label covers what leaves at the left */
        for (size_t i = f->live_from; i < f->count; i++) {
            const struct scene_op *p = &f->ops[i];
            if (p->kind != SCENE_OP_PICTURE)
                continue;
            int x0 = p->rect.x > label_right ? p->rect.x : label_right, x1 = p->rect.x + p->rect.w;
            x1 = x1 < W ? x1 : W;
            if (x1 > x0)
                expected += (size_t)(x1 - x0) * p->rect.h;
        }
        for (int y = 0; y < rh; y++)
            for (int x = 0; x < rw; x++) {
                const uint8_t *q = px + ((size_t)y * rw + x) * 3;
                if (q[0] == magenta[0] && q[1] == magenta[1] && q[2] == magenta[2]) {
                    found++;
                    assert_true(y >= band_top);
                }
            }
        free(px);
        assert_int_equal(found, expected);
    }
    assert_true(seen > 0);
    rig_close(&r);
}

/* A headline without a picture keeps the width it has without thumbnails;
 * one with a thumbnail is wider by exactly the thumbnail and one gap. */
static void a_headline_without_a_picture_gets_no_gap(void **state)
{
    (void)state;
    struct rig on, off;
    rig_open(&on, true, true);
    rig_open(&off, false, false);
    assert_true(stage_draw(on.stage, 0, &clock_at));
    assert_true(stage_draw(off.stage, 0, &clock_at));
    size_t n = scene_crawl_entry_count(on.stage->scene);
    assert_true(n >= 2 && n == scene_crawl_entry_count(off.stage->scene));
    int tw, th;
    scene_thumbnail_box(on.stage->scene, &tw, &th);
    int grown = -1;
    for (size_t i = 0; i < n; i++) {
        const char *id_on, *id_off;
        int x_on, x_off, w_on, w_off;
        assert_true(scene_crawl_entry(on.stage->scene, i, &id_on, &x_on, &w_on));
        assert_true(scene_crawl_entry(off.stage->scene, i, &id_off, &x_off, &w_off));
        assert_string_equal(id_on, id_off);
        if (i % 2) {
            assert_int_equal(w_on, w_off); /* synth items alternate: odd ones have no picture */
        } else {
            assert_true(w_on > w_off + th * 4 / 3);
            if (grown < 0)
                grown = w_on - w_off;
            assert_int_equal(w_on - w_off, grown); /* the thumbnail and one gap, the same each time */
        }
    }
    rig_close(&on);
    rig_close(&off);
}

/* Off by default; when on, the thumbnails not yet decoded are wished for by
 * their own key, and an entry placed before its thumbnail came keeps its
 * width (nothing moves when it arrives). */
static void thumbnails_are_off_by_default_and_wished_for_by_key(void **state)
{
    (void)state;
    struct config *config = config_create();
    assert_false(config->display.crawl_thumbnails);
    config_destroy(config);

    struct rig off, on;
    rig_open(&off, false, false);
    const char *keys[16];
    size_t n = scene_wanted_pictures(off.stage->scene, keys, 16);
    for (size_t i = 0; i < n; i++)
        assert_null(strstr(keys[i], PICTURE_THUMBNAIL_PREFIX));
    int tw, th;
    scene_thumbnail_box(off.stage->scene, &tw, &th);
    assert_int_equal(th, 0);
    rig_close(&off);

    rig_open(&on, true, false);
    assert_true(stage_draw(on.stage, 0, &clock_at));
    for (size_t i = 0; i < on.stage->frame.count; i++)
        assert_int_not_equal(on.stage->frame.ops[i].kind, SCENE_OP_PICTURE);
    n = scene_wanted_pictures(on.stage->scene, keys, 16);
    size_t thumbnails = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], PICTURE_THUMBNAIL_PREFIX PICTURE) == 0)
            thumbnails++;
    assert_true(thumbnails >= 1);
    const char *id;
    int x, w_before, w_after;
    assert_true(scene_crawl_entry(on.stage->scene, 0, &id, &x, &w_before));
    uint8_t rgba[4 * 4 * 4];
    for (int i = 0; i < 16; i++)
        memcpy(rgba + 4 * i, magenta, 4);
    assert_true(render_add_picture(on.stage->render, PICTURE_THUMBNAIL_PREFIX PICTURE, 4, 4, rgba, 16));
    assert_true(stage_draw(on.stage, 0.5, &clock_at));
    assert_true(scene_crawl_entry(on.stage->scene, 0, &id, &x, &w_after));
    assert_int_equal(w_before, w_after);
    rig_close(&on);
}

/* The worker decodes a thumbnail key to the thumbnail box, the plain url
 * to the panel's box, and answers each by the key it was asked by. */
static void the_worker_decodes_a_thumbnail_key_to_the_thumbnail_box(void **state)
{
    (void)state;
    struct config *config = config_create();
    char cache[] = "/tmp/ticker-thumbs-XXXXXX";
    assert_non_null(mkdtemp(cache));
    char db[256], photo[1024];
    snprintf(db, sizeof db, "%s/cache.db", cache);
    free(config->cache.path);
    config->cache.path = strdup(db);
    snprintf(photo, sizeof photo, "%s/assets/demo/pictures/khu-trung-bay.jpg", TICKER_SOURCE_DIR);
    char *key = picture_thumbnail_key(photo);
    struct picture_mailbox *m = picture_mailbox_create();
    struct picture_worker *w = picture_worker_start(config, m, NULL);
    assert_non_null(w);
    const char *keys[] = {photo, key};
    picture_mailbox_wish(m, keys, 2, 740, 426, 90, 60);
    int got = 0;
    /* A minute at most: under qemu-user on a loaded machine a decode takes
     * seconds (the arm64 run waited out a 10 s budget once). */
    for (int tries = 0; tries < 6000 && got < 2; tries++) {
        struct picture_result r;
        if (!picture_mailbox_take(m, &r)) {
            usleep(10000);
            continue;
        }
        got++;
        assert_non_null(r.rgba);
        if (strcmp(r.url, key) == 0) {
            /* The whole photo in the box, touching two of its sides (to a pixel of rounding). */
            if (!(r.width <= 90 && r.height <= 60 && (r.width >= 89 || r.height >= 59)))
                fail_msg("thumbnail %dx%d for a 90x60 box", r.width, r.height);
        } else {
            assert_string_equal(r.url, photo);
            assert_true(r.width <= 740 && r.height <= 426 && r.height > 60);
        }
        picture_result_clear(&r);
    }
    assert_int_equal(got, 2);
    picture_worker_stop(w);
    picture_mailbox_destroy(m);
    free(key);
    config_destroy(config);
    char command[300];
    snprintf(command, sizeof command, "rm -rf %s", cache);
    assert_int_equal(system(command), 0);
}

/* A picture that fails, wished for as the panel's and as a thumbnail, gets
 * a result for each key but one line in the log. */
static void a_failure_wished_for_twice_is_logged_once(void **state)
{
    (void)state;
    char broken[] = "/tmp/ticker-thumb-broken-XXXXXX.png", log[] = "/tmp/ticker-thumb-log-XXXXXX";
    int fd = mkstemps(broken, 4);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\x89PNG\r\n\x1a\nnot really", 18), 18);
    close(fd);
    int log_fd = mkstemp(log);
    assert_true(log_fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(log_fd, 2);
    struct config *config = config_create();
    char dir[] = "/tmp/ticker-thumb-cache-XXXXXX", db[128];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/cache.db", dir);
    free(config->cache.path);
    config->cache.path = strdup(db);
    assert_true(config_add_source(config, broken, 0)); /* its folder is a local source's */
    char *key = picture_thumbnail_key(broken);
    struct picture_mailbox *m = picture_mailbox_create();
    struct picture_worker *w = picture_worker_start(config, m, NULL);
    assert_non_null(w);
    const char *keys[] = {broken, key};
    picture_mailbox_wish(m, keys, 2, 740, 426, 90, 60);
    int got = 0;
    for (int tries = 0; tries < 6000 && got < 2; tries++) {
        struct picture_result r;
        if (!picture_mailbox_take(m, &r)) {
            usleep(10000);
            continue;
        }
        assert_null(r.rgba);
        got++;
        picture_result_clear(&r);
    }
    picture_worker_stop(w);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(got, 2);
    size_t size;
    FILE *f = fopen(log, "rb");
    assert_non_null(f);
    char text[8192];
    size = fread(text, 1, sizeof text - 1, f);
    text[size] = '\0';
    fclose(f);
    int lines = 0;
    for (const char *p = text; (p = strstr(p, broken)); p++)
        lines++;
    assert_int_equal(lines, 1);
    picture_mailbox_destroy(m);
    free(key);
    config_destroy(config);
    close(log_fd);
    unlink(log);
    unlink(broken);
    char command[160];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
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
        cmocka_unit_test(thumbnails_are_drawn_left_of_their_headlines_inside_the_band),
        cmocka_unit_test(a_headline_without_a_picture_gets_no_gap),
        cmocka_unit_test(thumbnails_are_off_by_default_and_wished_for_by_key),
        cmocka_unit_test(the_worker_decodes_a_thumbnail_key_to_the_thumbnail_box),
        cmocka_unit_test(a_failure_wished_for_twice_is_logged_once),
    };
    int status = cmocka_run_group_tests(tests, NULL, NULL);
    picture_decode_shutdown();
    return status;
}
