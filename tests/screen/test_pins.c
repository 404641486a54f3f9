/* scene: pins (the operator's messages) and the proof of play's plays, as
 * a pure function of the item list and the time — the scene's time and
 * the wall clock of scene_set_clock — without SDL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen/scene/scene.h"

#define WALL 1800000000 /* the wall clock at scene time 0 */
static struct scene_font_spec specs[SCENE_FONT_COUNT];

static int fake_width(void *context, enum scene_font font, const char *text)
{
    (void)context;
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    return chars * specs[font].size_px / 2;
}

static void add(struct item_list *list, const char *id, const char *title)
{
    struct item item;
    item_init(&item);
    assert_true(item_set(&item.id, id) && item_set(&item.title, title));
    assert_true(item_list_push(list, &item));
    item_clear(&item);
}

/* Six headlines and a pin from WALL+600 to WALL+1200. */
static struct item_list *make_list(bool featured)
{
    struct item_list *list = item_list_create();
    char id[16], title[96];
    for (int i = 0; i < 6; i++) {
        snprintf(id, sizeof id, "n-%d", i);
        snprintf(title, sizeof title, "Tin số %d về hợp tác quốc phòng", i);
        add(list, id, title);
    }
    add(list, "pin:opening", "Lễ khai mạc lúc 14:00 tại sảnh A");
    struct item *pin = &list->items[list->count - 1];
    pin->pinned = true;
    pin->pinned_featured = featured;
    pin->starts = WALL + 600;
    pin->expires = WALL + 1200;
    return list;
}

static struct scene *make_scene(struct item_list *list)
{
    struct scene_settings settings = {.screen_width = 1920, .screen_height = 1080, .refresh_hz = 60,
                                      .speed_px_per_second = 240, .featured_seconds = 8, .title = "T", .pin_every = 3};
    scene_font_specs(1920, 1080, specs);
    struct scene_measure m = {.text_width = fake_width};
    for (int i = 0; i < SCENE_FONT_COUNT; i++) {
        m.fonts[i].ascent = specs[i].size_px;
        m.fonts[i].descent = specs[i].size_px / 4;
        m.fonts[i].line_height = specs[i].size_px * 5 / 4 + 2;
    }
    struct scene *s = scene_create(&settings, &m);
    assert_non_null(s);
    scene_adopt(s, list);
    return s;
}

/* The scene at scene time t, the wall clock WALL + t. */
static void at(struct scene *s, double t)
{
    time_t wall = (time_t)(WALL + (int64_t)t);
    struct tm local;
    gmtime_r(&wall, &local); /* tm_gmtoff 0: the wall clock is UTC */
    scene_set_clock(s, &local);
    scene_advance(s, t);
}

/* How many placed crawl entries are the pin, and whether one is on screen. */
static size_t pins_placed(const struct scene *s, bool *visible)
{
    size_t n = 0;
    *visible = false;
    for (size_t i = 0; i < scene_crawl_entry_count(s); i++) {
        const char *id;
        int x, w;
        assert_true(scene_crawl_entry(s, i, &id, &x, &w));
        if (!strcmp(id, "pin:opening")) {
            n++;
            *visible |= x < 1920;
        }
    }
    return n;
}

static void a_pin_appears_in_the_crawl_at_its_start_and_leaves_at_its_end(void **state)
{
    (void)state;
    struct scene *s = make_scene(make_list(false));
    bool visible;
    for (double t = 0; t < 599; t += 0.5) {
        at(s, t);
        assert_int_equal(pins_placed(s, &visible), 0); /* before its start: never placed */
    }
    assert_int_equal(scene_pin_count(s), 0);
    at(s, 600);
    assert_int_equal(scene_pin_count(s), 1);
    assert_int_equal(pins_placed(s, &visible), 1); /* placed at once, first */
    struct scene_play before[SCENE_PLAYS_MAX];
    for (size_t i = 0, n = scene_take_plays(s, before, SCENE_PLAYS_MAX); i < n; i++)
        scene_play_clear(&before[i]); /* the passes before its start */
    /* With priority: on screen within a screen's width of scrolling, and
     * again after every 3 headlines while current. */
    bool seen = false;
    size_t passes = 0, headlines = 0;
    for (double t = 600; t < 1199; t += 0.25) {
        at(s, t);
        pins_placed(s, &visible);
        seen |= visible && t < 600 + 1920.0 / 240 + 1;
        struct scene_play plays[64];
        size_t n = scene_take_plays(s, plays, 64);
        for (size_t i = 0; i < n; i++) {
            if (plays[i].kind == SCENE_PLAY_CRAWL) {
                bool pin = !strcmp(plays[i].id, "pin:opening");
                passes += pin;
                headlines += !pin;
                if (pin)
                    assert_string_equal(plays[i].title, "Lễ khai mạc lúc 14:00 tại sảnh A");
            }
            scene_play_clear(&plays[i]);
        }
    }
    assert_true(seen);
    assert_true(passes > 10);
    if (headlines < 3 * (passes - 1) || headlines > 3 * passes + 3)
        fail_msg("%zu pin passes, %zu headline passes: a pin every 3 headlines", passes, headlines);
    /* Its end: not placed again, and what was placed but unseen leaves. */
    at(s, 1200);
    assert_int_equal(scene_pin_count(s), 0);
    for (size_t i = 0; i < scene_crawl_entry_count(s); i++) {
        const char *id;
        int x, w;
        scene_crawl_entry(s, i, &id, &x, &w);
        assert_false(!strcmp(id, "pin:opening") && x >= 1920);
    }
    for (double t = 1200 + 30; t < 1400; t += 0.5) {
        at(s, t);
        assert_int_equal(pins_placed(s, &visible), 0);
    }
    scene_destroy(s);
}

static void a_pin_that_asks_takes_the_featured_panel_in_its_hours_only(void **state)
{
    (void)state;
    struct scene *s = make_scene(make_list(true));
    size_t shown = 0;
    for (double t = 0; t < 1600; t += 1) {
        at(s, t);
        bool pin = !strcmp(scene_featured_id(s), "pin:opening");
        if (pin)
            assert_true(t >= 600 && t < 1200);
        shown += pin && ((int)t % 8 == 0);
    }
    assert_true(shown > 10); /* every 4th of 75 turns */
    /* A pin is not an alert: nothing takes the screen over. */
    assert_string_equal(scene_alert_id(s), "");
    scene_destroy(s);
}

static void the_plays_say_what_was_featured_and_when(void **state)
{
    (void)state;
    struct scene *s = make_scene(make_list(false));
    size_t featured = 0;
    for (double t = 0; t <= 40; t += 0.5) {
        at(s, t);
        struct scene_play plays[64];
        size_t n = scene_take_plays(s, plays, 64);
        for (size_t i = 0; i < n; i++) {
            if (plays[i].kind == SCENE_PLAY_FEATURED) {
                char want[16];
                snprintf(want, sizeof want, "n-%zu", featured);
                assert_string_equal(plays[i].id, want);
                assert_true(plays[i].from == 8.0 * (double)featured);
                assert_true(plays[i].to == 8.0 * (double)(featured + 1));
                featured++;
            }
            scene_play_clear(&plays[i]);
        }
    }
    assert_int_equal(featured, 5);
    scene_destroy(s);
}

/* No headline left (a rule hid them all): the panel empties at once, the
 * header stays (the scene still builds its ops). */
static void a_list_emptied_by_the_rules_empties_the_panel(void **state)
{
    (void)state;
    struct item_list *list = item_list_create();
    add(list, "bad", "Tin bị ẩn");
    struct scene *s = make_scene(list);
    at(s, 1);
    assert_string_equal(scene_featured_id(s), "bad");
    scene_adopt(s, item_list_create());
    at(s, 2);
    assert_string_equal(scene_featured_id(s), "");
    struct scene_frame frame = {0};
    assert_true(scene_build(s, &frame));
    assert_true(frame.count > 2);
    scene_frame_clear(&frame);
    scene_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_pin_appears_in_the_crawl_at_its_start_and_leaves_at_its_end),
        cmocka_unit_test(a_pin_that_asks_takes_the_featured_panel_in_its_hours_only),
        cmocka_unit_test(the_plays_say_what_was_featured_and_when),
        cmocka_unit_test(a_list_emptied_by_the_rules_empties_the_panel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
