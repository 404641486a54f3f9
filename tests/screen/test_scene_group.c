/* scene's group mode and walls (screen/scene/scene_group.c), without SDL: the
 * crawl and the featured panel as a function of the program's segments and
 * the group time alone, so a screen that joins late shows what one that
 * ran all along shows; a new segment that starts at its coordinate and
 * moves nothing placed; a wall's screens cutting one layout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/program.h"
#include "screen/scene/scene.h"

static struct scene_font_spec specs[SCENE_FONT_COUNT];

static int fake_width(void *context, enum scene_font font, const char *text)
{
    (void)context;
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    return chars * specs[font].size_px / 2;
}

static struct item_list *make_list(const char *prefix, int count)
{
    struct item_list *list = item_list_create();
    for (int i = 0; i < count; i++) {
        struct item item;
        item_init(&item);
        char id[32], title[160];
        snprintf(id, sizeof id, "%s-%d", prefix, i);
        snprintf(title, sizeof title, "%s %d: tin %.*s", prefix, i, 10 + (i * 7) % 40,
                 "Hội đàm cấp cao Việt Nam – Singapore về hợp tác quốc phòng và an ninh khu vực");
        assert_true(item_set(&item.id, id));
        assert_true(item_set(&item.title, title));
        item.kind = (enum item_kind)(i % ITEM_KIND_COUNT);
        assert_true(item_list_push(list, &item));
        item_clear(&item);
    }
    return list;
}

static struct scene *group_scene(int columns, int column, int bezel)
{
    struct scene_settings settings = {.screen_width = 640, .screen_height = 360, .refresh_hz = 60,
                                      .speed_px_per_second = 120, .featured_seconds = 8, .title = "Triển lãm",
                                      .wall = {columns, 1, column, 0, bezel}, .group = true};
    int w, h, ox, oy;
    scene_wall_layout(&settings.wall, 640, 360, &w, &h, &ox, &oy);
    scene_font_specs(w, h, specs);
    struct scene_measure m = {.text_width = fake_width};
    for (int i = 0; i < SCENE_FONT_COUNT; i++)
        m.fonts[i] = (struct scene_font_metrics){specs[i].size_px, specs[i].size_px / 4, specs[i].size_px * 5 / 4};
    struct scene *s = scene_create(&settings, &m);
    assert_non_null(s);
    return s;
}

#define T0 1796600000.0 /* group seconds: a December 2026 afternoon */

static void assert_same_crawl(const struct scene *a, const struct scene *b)
{
    assert_int_equal(scene_crawl_offset(a), scene_crawl_offset(b));
    assert_string_equal(scene_featured_id(a), scene_featured_id(b));
    /* b may have placed fewer behind the left edge; what both hold agrees. */
    size_t na = scene_crawl_entry_count(a), nb = scene_crawl_entry_count(b);
    assert_true(na > 0 && nb > 0);
    const char *id_a, *id_b;
    int xa, xb, wa, wb;
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        assert_true(scene_crawl_entry(a, i, &id_a, &xa, &wa));
        assert_true(scene_crawl_entry(b, j, &id_b, &xb, &wb));
        if (xa + wa <= 0) { i++; continue; }
        if (xb + wb <= 0) { j++; continue; }
        assert_string_equal(id_a, id_b);
        assert_int_equal(xa, xb);
        i++, j++;
    }
}

/* The offset in group mode is program_crawl_offset's, the leader's formula. */
static void offset_is_the_group_formula(void **state)
{
    (void)state;
    struct scene *s = group_scene(1, 0, 0);
    scene_group_adopt(s, make_list("a", 8), program_crawl_offset(120, 60, T0), T0, false);
    for (double t = T0; t < T0 + 3; t += 0.0173) {
        scene_advance(s, t);
        assert_int_equal(scene_crawl_offset(s), program_crawl_offset(120, 60, t));
    }
    scene_destroy(s);
}

/* A screen running from the first segment, frame by frame through a second
 * and a third, and a screen that joins late with the same three segments
 * and goes to the same time at once, show the same crawl and featured item. */
static void late_joiner_shows_the_same(void **state)
{
    (void)state;
    double epochs[3] = {T0, T0 + 50, T0 + 100};
    /* Starts 1000 px ahead: past the placement horizon (offset + ~900 on a
     * 640 px screen), but not past every headline placed before it, which
     * the running screen then takes back. */
    int64_t starts[3] = {program_crawl_offset(120, 60, T0), program_crawl_offset(120, 60, T0 + 50) + 1000,
                         program_crawl_offset(120, 60, T0 + 100) + 1000};
    const char *names[3] = {"a", "b", "c"};
    struct scene *run = group_scene(1, 0, 0);
    size_t adopted = 0;
    for (double t = T0; t < T0 + 140; t += 1.0 / 60) {
        while (adopted < 3 && epochs[adopted] <= t) {
            scene_group_adopt(run, make_list(names[adopted], 7 + (int)adopted), starts[adopted], epochs[adopted], false);
            adopted++;
        }
        scene_advance(run, t);
    }
    for (double at = T0 + 101.5; at < T0 + 141; at += 13.25) {
        struct scene *late = group_scene(1, 0, 0);
        for (int k = 0; k < 3; k++)
            scene_group_adopt(late, make_list(names[k], 7 + k), starts[k], epochs[k], false);
        scene_advance(late, at);
        struct scene *ran = group_scene(1, 0, 0);
        adopted = 0;
        for (double t = T0; t <= at; t += 1.0 / 60) {
            while (adopted < 3 && epochs[adopted] <= t) {
                scene_group_adopt(ran, make_list(names[adopted], 7 + (int)adopted), starts[adopted], epochs[adopted], false);
                adopted++;
            }
            scene_advance(ran, t);
        }
        scene_advance(ran, at);
        assert_same_crawl(ran, late);
        scene_destroy(late);
        scene_destroy(ran);
    }
    scene_destroy(run);
}

/* A segment to come: entries placed before it stay where they are; its
 * first headline begins at the first headline boundary at or past its
 * coordinate, right after the old list's last one (no gap). */
static void new_segment_starts_at_its_coordinate(void **state)
{
    (void)state;
    const char *id;
    int x0, w0;
    struct scene *fresh = group_scene(1, 0, 0); /* the crawl's left edge: where the very first headline goes */
    scene_group_adopt(fresh, make_list("x", 3), program_crawl_offset(120, 60, T0), T0, false);
    scene_advance(fresh, T0);
    assert_true(scene_crawl_entry(fresh, 0, &id, &x0, &w0));
    int crawl_left = x0;
    scene_destroy(fresh);

    struct scene *s = group_scene(1, 0, 0);
    scene_group_adopt(s, make_list("old", 6), program_crawl_offset(120, 60, T0), T0, false);
    scene_advance(s, T0 + 10);
    assert_true(scene_crawl_entry(s, 0, &id, &x0, &w0));
    char first[32];
    snprintf(first, sizeof first, "%s", id);
    int64_t start = program_crawl_offset(120, 60, T0 + 12) + 1280;
    scene_group_adopt(s, make_list("new", 5), start, T0 + 12, false);
    assert_true(scene_crawl_entry(s, 0, &id, &x0, &w0));
    assert_string_equal(id, first); /* nothing placed moved or went */
    bool seen_new = false;
    for (double t = T0 + 12; t < T0 + 40 && !seen_new; t += 1.0 / 60) {
        scene_advance(s, t);
        int64_t offset = scene_crawl_offset(s);
        for (size_t i = 1; i < scene_crawl_entry_count(s); i++) {
            int x, w, px, pw;
            const char *prev;
            assert_true(scene_crawl_entry(s, i, &id, &x, &w));
            if (strcmp(id, "new-0"))
                continue;
            assert_true(scene_crawl_entry(s, i - 1, &prev, &px, &pw));
            assert_int_equal(strncmp(prev, "old", 3), 0);
            assert_int_equal(px + pw, x); /* straight after the old list's last headline */
            int64_t begin = offset + x - crawl_left;
            assert_true(begin >= start && begin < start + pw); /* the first boundary at or past the start */
            seen_new = true;
            break;
        }
    }
    assert_true(seen_new);
    scene_destroy(s);
}

/* Two screens that showed different items (a follower back from its own)
 * take an exact segment: from its start on they show the same crawl. */
static void exact_segment_aligns_screens_that_differed(void **state)
{
    (void)state;
    struct scene *a = group_scene(1, 0, 0), *b = group_scene(1, 0, 0);
    scene_group_adopt(a, make_list("leader", 6), program_crawl_offset(120, 60, T0), T0, true);
    scene_group_adopt(b, make_list("own", 9), program_crawl_offset(120, 60, T0 + 0.4), T0 + 0.4, false);
    double epoch = T0 + 12;
    int64_t start = program_crawl_offset(120, 60, epoch) + 1280;
    for (double t = T0 + 1; t < T0 + 40; t += 1.0 / 60) {
        if (t >= epoch && t - 1.0 / 60 < epoch) {
            scene_group_adopt(a, make_list("rejoin", 5), start, epoch, true);
            scene_group_adopt(b, make_list("rejoin", 5), start, epoch, true);
        }
        scene_advance(a, t);
        scene_advance(b, t);
    }
    assert_same_crawl(a, b);
    const char *id;
    int x, w;
    assert_true(scene_crawl_entry(a, 0, &id, &x, &w));
    assert_int_equal(strncmp(id, "rejoin-", 7), 0);
    scene_destroy(a);
    scene_destroy(b);
}

/* The wall's screens have the same crawl offset and entries, each moved by
 * its own origin: a headline at wall x is at x - column * (640 + bezel). */
static void wall_screens_cut_one_layout(void **state)
{
    (void)state;
    struct scene *screens[3];
    for (int c = 0; c < 3; c++) {
        screens[c] = group_scene(3, c, 24);
        scene_group_adopt(screens[c], make_list("w", 9), program_crawl_offset(120, 60, T0), T0, false);
        scene_advance(screens[c], T0 + 21.3);
    }
    struct scene_frame frames[3] = {0};
    for (int c = 0; c < 3; c++)
        assert_true(scene_build(screens[c], &frames[c]));
    for (int c = 1; c < 3; c++) {
        assert_int_equal(scene_crawl_offset(screens[c]), scene_crawl_offset(screens[0]));
        assert_int_equal(frames[c].count, frames[0].count);
        for (size_t i = 0; i < frames[0].count; i++) {
            assert_int_equal(frames[c].ops[i].kind, frames[0].ops[i].kind);
            assert_int_equal(frames[c].ops[i].rect.x, frames[0].ops[i].rect.x - c * (640 + 24));
            assert_int_equal(frames[c].ops[i].rect.y, frames[0].ops[i].rect.y);
        }
    }
    for (int c = 0; c < 3; c++) {
        scene_frame_clear(&frames[c]);
        scene_destroy(screens[c]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(offset_is_the_group_formula),
        cmocka_unit_test(late_joiner_shows_the_same),
        cmocka_unit_test(new_segment_starts_at_its_coordinate),
        cmocka_unit_test(exact_segment_aligns_screens_that_differed),
        cmocka_unit_test(wall_screens_cut_one_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
