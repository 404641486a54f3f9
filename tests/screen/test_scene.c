/* scene: timeline, layout and rotation, without SDL. Text widths come from a
 * fake measure (half the font size per character) so positions are exact. */
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
#include "screen/scene/vnclock.h"

static struct scene_font_spec specs[SCENE_FONT_COUNT];
static size_t measured_calls, measured_bytes; /* what the scene asked the fake measure */

static int fake_width(void *context, enum scene_font font, const char *text)
{
    (void)context;
    measured_calls++;
    measured_bytes += strlen(text);
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    return chars * specs[font].size_px / 2;
}

static struct scene_measure fake_measure(int width, int height)
{
    scene_font_specs(width, height, specs);
    struct scene_measure m = {.text_width = fake_width};
    for (int i = 0; i < SCENE_FONT_COUNT; i++) {
        m.fonts[i].ascent = specs[i].size_px;
        m.fonts[i].descent = specs[i].size_px / 4;
        m.fonts[i].line_height = specs[i].size_px * 5 / 4 + 2;
    }
    return m;
}

static struct item_list *make_list(const char *prefix, int count)
{
    struct item_list *list = item_list_create();
    assert_non_null(list);
    for (int i = 0; i < count; i++) {
        struct item item;
        item_init(&item);
        char id[32], title[160];
        snprintf(id, sizeof id, "%s-%d", prefix, i);
        snprintf(title, sizeof title, "Tin số %d: Hội đàm cấp cao Việt Nam – Singapore về hợp tác quốc phòng", i);
        assert_true(item_set(&item.id, id));
        assert_true(item_set(&item.title, title));
        assert_true(item_set(&item.summary, "Sáng 18-9, hai bên nhất trí tiếp tục thúc đẩy hợp tác thiết thực."));
        item.kind = (enum item_kind)(i % ITEM_KIND_COUNT);
        assert_true(item_list_push(list, &item));
        item_clear(&item);
    }
    return list;
}

static struct scene *make_scene(int w, int h, int rotate, double speed, struct item_list *list)
{
    struct scene_settings settings = {.screen_width = w, .screen_height = h, .rotate = rotate, .refresh_hz = 60,
                                      .speed_px_per_second = speed, .featured_seconds = 8,
                                      .title = "Triển lãm Quốc phòng quốc tế Việt Nam"};
    int lw, lh;
    scene_logical_size(w, h, rotate, &lw, &lh);
    struct scene_measure m = fake_measure(lw, lh);
    struct scene *s = scene_create(&settings, &m);
    assert_non_null(s);
    scene_adopt(s, list);
    return s;
}

static void speed_snaps_to_whole_pixels_per_refresh(void **state)
{
    (void)state;
    assert_int_equal(scene_snap_pixels_per_frame(100, 60), 2); /* 1.67 px/frame would alternate 1,2,2 */
    assert_int_equal(scene_snap_pixels_per_frame(120, 60), 2);
    assert_int_equal(scene_snap_pixels_per_frame(150, 60), 3); /* 2.5 rounds up, never alternates 2,3 */
    assert_int_equal(scene_snap_pixels_per_frame(120, 0), 2);  /* refresh unknown: 60 Hz */
    assert_int_equal(scene_snap_pixels_per_frame(20, 60), 1);  /* never standing still */
    assert_int_equal(scene_snap_pixels_per_frame(240, 144), 2);
}

static void every_refresh_moves_the_crawl_by_the_same_step(void **state)
{
    (void)state;
    struct scene *s = make_scene(1920, 1080, 0, 100, make_list("a", 20));
    int64_t last = scene_crawl_offset(s);
    for (int frame = 1; frame <= 1200; frame++) {
        /* Frame times as a real loop sees them: a little early or late. */
        double jitter = ((frame * 7919) % 11 - 5) * 0.0006;
        scene_advance(s, frame / 60.0 + jitter);
        int64_t now = scene_crawl_offset(s);
        assert_int_equal(now - last, 2);
        last = now;
    }
    scene_destroy(s);
}

static void entries_are_where_the_time_says(void **state)
{
    (void)state;
    struct scene *s = make_scene(1920, 1080, 0, 120, make_list("a", 20));
    const char *id;
    int x0, w0, x1, w1;
    assert_true(scene_crawl_entry(s, 0, &id, &x0, &w0));
    assert_string_equal(id, "a-0");
    assert_true(scene_crawl_entry(s, 1, &id, &x1, &w1));
    assert_string_equal(id, "a-1");
    assert_int_equal(x1, x0 + w0);
    scene_advance(s, 1.0); /* 60 frames of 2 px */
    int x;
    assert_true(scene_crawl_entry(s, 0, &id, &x, &w0));
    assert_string_equal(id, "a-0");
    assert_int_equal(x, x0 - 120);
    scene_advance(s, 2.5);
    assert_true(scene_crawl_entry(s, 0, &id, &x, &w0));
    assert_int_equal(x, x0 - 300);
    /* A speed change keeps everything where it is, then moves at the new step. */
    scene_set_speed(s, 2.5, 240);
    assert_true(scene_crawl_entry(s, 0, &id, &x, &w0));
    assert_int_equal(x, x0 - 300);
    scene_advance(s, 3.5);
    assert_true(scene_crawl_entry(s, 0, &id, &x, &w0));
    assert_int_equal(x, x0 - 300 - 240);
    scene_destroy(s);
}

static void crawl_wraps_seamlessly(void **state)
{
    (void)state;
    struct scene *s = make_scene(1920, 1080, 0, 600, make_list("w", 3));
    int expected_next = -1; /* the story that must lead once the first one leaves */
    int64_t seen = 0;
    for (int frame = 0; frame < 60 * 120; frame++) {
        scene_advance(s, frame / 60.0);
        size_t n = scene_crawl_entry_count(s);
        assert_true(n >= 2);
        const char *id;
        int x, w, prev_end = 0;
        for (size_t i = 0; i < n; i++) {
            assert_true(scene_crawl_entry(s, i, &id, &x, &w));
            if (i)
                assert_int_equal(x, prev_end); /* no gap, no overlap, also across the wrap */
            prev_end = x + w;
        }
        assert_true(prev_end > 1920); /* the band is always full */
        /* The stories keep their order 0, 1, 2, 0, 1, 2, ... */
        assert_true(scene_crawl_entry(s, 0, &id, &x, &w));
        int first = atoi(strrchr(id, '-') + 1);
        if (expected_next >= 0 && first != (expected_next + 2) % 3) {
            assert_int_equal(first, expected_next);
            seen++;
        }
        expected_next = (first + 1) % 3;
    }
    assert_true(seen > 10); /* many entries left the band, and each in order */
    scene_destroy(s);
}

static void new_list_is_adopted_without_a_jump(void **state)
{
    (void)state;
    struct scene *s = make_scene(1920, 1080, 0, 120, make_list("old", 10));
    scene_advance(s, 7.0);
    size_t n = scene_crawl_entry_count(s);
    const char *ids[64];
    int xs[64], ws[64];
    char last_id[32];
    for (size_t i = 0; i < n; i++)
        assert_true(scene_crawl_entry(s, i, &ids[i], &xs[i], &ws[i]));
    snprintf(last_id, sizeof last_id, "%s", ids[n - 1]);
    int64_t offset = scene_crawl_offset(s);
    char featured[32];
    snprintf(featured, sizeof featured, "%s", scene_featured_id(s));

    /* The new list keeps the old stories (same ids) and puts 5 new ones first. */
    struct item_list *fresh = make_list("new", 5);
    struct item_list *old_again = make_list("old", 10);
    for (size_t i = 0; i < old_again->count; i++)
        assert_true(item_list_append_copy(fresh, &old_again->items[i]));
    item_list_destroy(old_again);
    scene_adopt(s, fresh);

    assert_int_equal(scene_crawl_offset(s), offset);
    assert_string_equal(scene_featured_id(s), featured);
    assert_true(scene_crawl_entry_count(s) >= n);
    for (size_t i = 0; i < n; i++) {
        const char *id;
        int x, w;
        assert_true(scene_crawl_entry(s, i, &id, &x, &w));
        assert_int_equal(x, xs[i]);
        assert_int_equal(w, ws[i]);
    }
    /* Then the story after the last placed one, taken from the new list. */
    int last_number = atoi(strrchr(last_id, '-') + 1);
    char expected[32];
    if (last_number == 9)
        snprintf(expected, sizeof expected, "new-0"); /* the new list goes on from its own start */
    else
        snprintf(expected, sizeof expected, "old-%d", last_number + 1);
    double t = 7.0;
    size_t index = 0;
    while (true) {
        const char *id;
        int x, w;
        bool placed = false;
        for (size_t i = 0; i < scene_crawl_entry_count(s); i++) {
            assert_true(scene_crawl_entry(s, i, &id, &x, &w));
            if (strcmp(id, last_id) == 0 && i + 1 < scene_crawl_entry_count(s)) {
                index = i + 1;
                placed = true;
                break;
            }
        }
        if (placed)
            break;
        t += 0.5;
        assert_true(t < 120);
        scene_advance(s, t);
    }
    const char *next;
    int x, w;
    assert_true(scene_crawl_entry(s, index, &next, &x, &w));
    assert_string_equal(next, expected);
    scene_destroy(s);
}

static void a_rebuilt_scene_resumes_where_the_old_one_was(void **state)
{
    (void)state;
    struct scene *old = make_scene(1920, 1080, 0, 120, make_list("r", 10));
    scene_advance(old, 30.0); /* featured r-3, the crawl well into the list */
    char featured[32], first[32];
    snprintf(featured, sizeof featured, "%s", scene_featured_id(old));
    const char *id;
    int x, w;
    assert_true(scene_crawl_entry(old, 0, &id, &x, &w));
    snprintf(first, sizeof first, "%s", id);
    assert_string_equal(featured, "r-3");
    assert_string_not_equal(first, "r-0");
    struct item_list *list = scene_release_list(old);
    scene_destroy(old);

    struct scene_settings settings = {.screen_width = 1280, .screen_height = 720, .refresh_hz = 60,
                                      .speed_px_per_second = 120, .featured_seconds = 8, .title = "T"};
    struct scene_measure m = fake_measure(1280, 720);
    struct scene *fresh = scene_create(&settings, &m);
    assert_non_null(fresh);
    scene_advance(fresh, 30.0);
    scene_resume(fresh, featured, first);
    scene_adopt(fresh, list);
    assert_string_equal(scene_featured_id(fresh), featured);
    assert_true(scene_crawl_entry(fresh, 0, &id, &x, &w));
    assert_string_equal(id, first);
    scene_destroy(fresh);
}

static void featured_cycles_through_every_item(void **state)
{
    (void)state;
    struct scene *s = make_scene(1920, 1080, 0, 120, make_list("f", 4));
    assert_string_equal(scene_featured_id(s), "f-0");
    scene_advance(s, 7.9);
    assert_string_equal(scene_featured_id(s), "f-0");
    scene_advance(s, 8.0);
    assert_string_equal(scene_featured_id(s), "f-1");
    scene_advance(s, 24.1);
    assert_string_equal(scene_featured_id(s), "f-3");
    scene_advance(s, 32.0);
    assert_string_equal(scene_featured_id(s), "f-0");
    scene_featured_step(s, 33.0, -1);
    assert_string_equal(scene_featured_id(s), "f-3");
    scene_featured_step(s, 33.5, +1);
    assert_string_equal(scene_featured_id(s), "f-0");
    /* A manual step restarts the item's time: 8 s from 33.5. */
    scene_advance(s, 41.4);
    assert_string_equal(scene_featured_id(s), "f-0");
    scene_advance(s, 41.6);
    assert_string_equal(scene_featured_id(s), "f-1");
    /* A jump far ahead lands where counting would: (1000 - 41.5) / 8 = 119 periods after f-1. */
    scene_advance(s, 1000.0);
    assert_string_equal(scene_featured_id(s), "f-0");
    scene_advance(s, 1001.5);
    assert_string_equal(scene_featured_id(s), "f-1");
    scene_destroy(s);
}

static void rotation_maps_rectangles_onto_the_physical_screen(void **state)
{
    (void)state;
    int lw, lh;
    scene_logical_size(1920, 1080, 90, &lw, &lh);
    assert_int_equal(lw, 1080);
    assert_int_equal(lh, 1920);
    struct scene_rect r = {10, 20, 100, 50};
    struct scene_rect p = scene_rotate_rect(r, lw, lh, 0);
    assert_memory_equal(&p, &r, sizeof r);
    /* 90: the logical top-left corner goes to the physical top-right. */
    p = scene_rotate_rect((struct scene_rect){0, 0, 1, 1}, lw, lh, 90);
    assert_int_equal(p.x, 1919);
    assert_int_equal(p.y, 0);
    p = scene_rotate_rect(r, lw, lh, 90);
    assert_int_equal(p.x, 1920 - 20 - 50);
    assert_int_equal(p.y, 10);
    assert_int_equal(p.w, 50);
    assert_int_equal(p.h, 100);
    /* 270: the logical top-left goes to the physical bottom-left. */
    p = scene_rotate_rect((struct scene_rect){0, 0, 1, 1}, lw, lh, 270);
    assert_int_equal(p.x, 0);
    assert_int_equal(p.y, 1079);
    /* 180 in landscape: bottom-right. */
    p = scene_rotate_rect((struct scene_rect){0, 0, 1, 1}, 1920, 1080, 180);
    assert_int_equal(p.x, 1919);
    assert_int_equal(p.y, 1079);
    /* The whole logical screen covers the whole physical one. */
    for (int rot = 0; rot < 360; rot += 90) {
        scene_logical_size(1920, 1080, rot, &lw, &lh);
        p = scene_rotate_rect((struct scene_rect){0, 0, lw, lh}, lw, lh, rot);
        assert_int_equal(p.x, 0);
        assert_int_equal(p.y, 0);
        assert_int_equal(p.w, 1920);
        assert_int_equal(p.h, 1080);
    }
}

static void portrait_and_landscape_layouts_stay_on_screen(void **state)
{
    (void)state;
    int rotations[] = {0, 90, 180, 270};
    for (size_t r = 0; r < 4; r++) {
        struct scene *s = make_scene(1920, 1080, rotations[r], 120, make_list("l", 12));
        struct tm tm = {.tm_year = 126, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5, .tm_wday = 0};
        scene_set_clock(s, &tm);
        scene_set_status(s, "Ngoại tuyến");
        scene_advance(s, 3.0);
        struct scene_frame frame = {0};
        assert_true(scene_build(s, &frame));
        int lw, lh;
        scene_logical_screen(s, &lw, &lh);
        int crawl_baseline = -1;
        int title_right = -1, status_left = -1, clock_left = -1, clock_baseline = -1, title_baseline = -1;
        for (size_t i = 0; i < frame.count; i++) {
            const struct scene_op *o = &frame.ops[i];
            if (o->kind == SCENE_OP_TEXT && o->font == SCENE_FONT_HEADER_TITLE) {
                title_right = o->rect.x + fake_width(NULL, o->font, o->text);
                title_baseline = o->rect.y;
            }
            if (o->kind == SCENE_OP_TEXT && o->font == SCENE_FONT_STATUS)
                status_left = o->rect.x;
            if (o->kind == SCENE_OP_TEXT && o->font == SCENE_FONT_CLOCK) {
                clock_left = o->rect.x;
                clock_baseline = o->rect.y;
            }
        }
        /* Title, status and clock never overlap: on one row they follow each other. */
        assert_true(title_right > 0 && status_left > 0 && clock_left > status_left);
        if (title_baseline == clock_baseline)
            assert_true(title_right < status_left);
        for (size_t i = 0; i < frame.count; i++) {
            const struct scene_op *op = &frame.ops[i];
            if (op->kind == SCENE_OP_RECT || op->kind == SCENE_OP_LOGO) {
                assert_true(op->rect.y >= 0 && op->rect.y + op->rect.h <= lh);
            } else if (op->kind == SCENE_OP_TEXT) {
                assert_true(op->rect.y > 0 && op->rect.y < lh);
                if (op->font == SCENE_FONT_CRAWL)
                    crawl_baseline = op->rect.y;
                /* Headlines, badges and bullet in the band share one baseline. */
                if ((op->font == SCENE_FONT_CRAWL || op->font == SCENE_FONT_CRAWL_BADGE) && crawl_baseline >= 0 &&
                    op->rect.x > 0)
                    assert_int_equal(op->rect.y, crawl_baseline);
                /* Fixed texts are fully on screen (crawl and sliding texts may not be). */
                if (op->font == SCENE_FONT_CLOCK || op->font == SCENE_FONT_HEADER_TITLE) {
                    assert_true(op->rect.x >= 0);
                    assert_true(op->rect.x + fake_width(NULL, op->font, op->text) <= lw);
                }
            }
        }
        assert_true(crawl_baseline > lh * 3 / 4);
        scene_frame_clear(&frame);
        scene_destroy(s);
    }
}

static void status_takes_room_from_a_long_title(void **state)
{
    (void)state;
    struct scene_settings settings = {.screen_width = 1920, .screen_height = 1080, .refresh_hz = 60,
                                      .speed_px_per_second = 120, .featured_seconds = 8,
                                      .title = "Triển lãm Quốc phòng quốc tế Việt Nam năm 2026"}; /* one row, but not beside a status */
    struct scene_measure m = fake_measure(1920, 1080);
    struct scene *s = scene_create(&settings, &m);
    assert_non_null(s);
    struct tm tm = {.tm_year = 126, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5};
    scene_set_clock(s, &tm);
    struct scene_frame frame = {0};
    for (int pass = 0; pass < 2; pass++) {
        scene_set_status(s, pass ? "Ngoại tuyến" : "");
        assert_true(scene_build(s, &frame));
        int title_right = -1, next_left = -1;
        const char *title = NULL;
        for (size_t i = 0; i < frame.count; i++) {
            const struct scene_op *o = &frame.ops[i];
            if (o->kind != SCENE_OP_TEXT)
                continue;
            if (o->font == SCENE_FONT_HEADER_TITLE) {
                title = o->text;
                title_right = o->rect.x + fake_width(NULL, o->font, o->text);
            }
            if ((o->font == SCENE_FONT_STATUS && pass) || (o->font == SCENE_FONT_CLOCK && !pass))
                next_left = o->rect.x;
        }
        assert_non_null(title);
        assert_true(title_right < next_left);
        if (pass)
            assert_non_null(strstr(title, "…")); /* shortened while the status shows */
    }
    scene_set_status(s, "");
    assert_true(scene_build(s, &frame));
    scene_frame_clear(&frame);
    scene_destroy(s);
}

static void clock_reads_in_vietnamese(void **state)
{
    (void)state;
    struct tm tm = {.tm_year = 2026 - 1900, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5};
    time_t t = timegm(&tm); /* fills the weekday: 22/11/2026 is a Sunday */
    gmtime_r(&t, &tm);
    char text[64];
    vnclock_format(&tm, text, sizeof text);
    assert_string_equal(text, "Chủ Nhật, 22/11/2026 14:05");
    tm.tm_mday = 23;
    t = timegm(&tm);
    gmtime_r(&t, &tm);
    vnclock_format(&tm, text, sizeof text);
    assert_string_equal(text, "Thứ Hai, 23/11/2026 14:05");
    tm.tm_mday = 28;
    tm.tm_hour = 9;
    t = timegm(&tm);
    gmtime_r(&t, &tm);
    vnclock_format(&tm, text, sizeof text);
    assert_string_equal(text, "Thứ Bảy, 28/11/2026 09:05");
}

static void empty_list_shows_a_waiting_line(void **state)
{
    (void)state;
    struct scene *s = make_scene(1280, 720, 0, 120, item_list_create());
    scene_advance(s, 1.0);
    struct scene_frame frame = {0};
    assert_true(scene_build(s, &frame));
    bool waiting = false;
    for (size_t i = 0; i < frame.count; i++)
        if (frame.ops[i].kind == SCENE_OP_TEXT && strstr(frame.ops[i].text, "Đang cập nhật"))
            waiting = true;
    assert_true(waiting);
    assert_int_equal(scene_crawl_entry_count(s), 0);
    scene_frame_clear(&frame);
    scene_destroy(s);
}

static const char long_summary[] =
    "Sáng 18-9, tại Hà Nội, hai bên đã trao đổi về tình hình khu vực và quốc tế, nhất trí tiếp tục thúc đẩy hợp "
    "tác quốc phòng thiết thực, hiệu quả trong các lĩnh vực đào tạo, công nghiệp quốc phòng, an ninh mạng, gìn giữ "
    "hòa bình Liên hợp quốc, khắc phục hậu quả chiến tranh và cứu hộ cứu nạn, đồng thời tăng cường trao đổi đoàn "
    "các cấp và phối hợp tại các diễn đàn đa phương do ASEAN chủ trì trong thời gian tới";

/* Wrapping measures each word once and each line once more: the bytes it
 * measures grow with the text, not with its square. Measuring every longer
 * prefix from scratch (the old way) measured about six times the text. */
static void wrapping_is_linear(void **state)
{
    (void)state;
    struct item_list *list = make_list("w", 1);
    assert_true(item_set(&list->items[0].summary, long_summary));
    struct scene *s = make_scene(1920, 1080, 0, 120, item_list_create());
    measured_bytes = 0;
    scene_adopt(s, list);
    size_t text = strlen(list->items[0].title) + strlen(long_summary);
    assert_string_equal(scene_featured_id(s), "w-0");
    assert_true(measured_bytes <= 3 * text);
    scene_destroy(s);
}

/* A frame shapes no text: badge widths and everything else were measured
 * when the items were laid out. */
static void building_a_frame_measures_nothing(void **state)
{
    (void)state;
    struct scene *s = make_scene(1920, 1080, 0, 120, make_list("m", 6));
    struct scene_frame frame = {0};
    for (int i = 0; i < 600; i++) {
        scene_advance(s, i / 60.0);
        measured_calls = 0;
        assert_true(scene_build(s, &frame));
        assert_int_equal(measured_calls, 0);
    }
    scene_frame_clear(&frame);
    scene_destroy(s);
}

/* The change of featured item is a wipe: each frame of it says that the
 * still part changed only in the strip the bar crossed since the previous
 * frame, and the strips of one wipe cover the panel once, left to right. */
static void a_wipe_damages_only_the_strip_it_crossed(void **state)
{
    (void)state;
    struct scene *s = make_scene(1920, 1080, 0, 120, make_list("d", 4));
    struct scene_frame frame = {0};
    int covered = 0, damaged_frames = 0;
    for (int i = 0; i <= 10 * 60; i++) {
        scene_advance(s, i / 60.0);
        assert_true(scene_build(s, &frame));
        if (!frame.has_damage)
            continue;
        double t = i / 60.0;
        assert_true(t >= 8.0 && t <= 8.0 + 0.6 + 1.0 / 60 + 1e-9); /* only while the wipe runs */
        assert_true(frame.damage.w < 1920 / 8);
        assert_true(frame.damage.x <= covered); /* no gap between strips */
        if (frame.damage.x + frame.damage.w > covered)
            covered = frame.damage.x + frame.damage.w;
        damaged_frames++;
    }
    assert_int_equal(covered, 1920);
    assert_true(damaged_frames >= 30);
    scene_frame_clear(&frame);
    scene_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(speed_snaps_to_whole_pixels_per_refresh),
        cmocka_unit_test(every_refresh_moves_the_crawl_by_the_same_step),
        cmocka_unit_test(entries_are_where_the_time_says),
        cmocka_unit_test(crawl_wraps_seamlessly),
        cmocka_unit_test(new_list_is_adopted_without_a_jump),
        cmocka_unit_test(featured_cycles_through_every_item),
        cmocka_unit_test(a_rebuilt_scene_resumes_where_the_old_one_was),
        cmocka_unit_test(rotation_maps_rectangles_onto_the_physical_screen),
        cmocka_unit_test(portrait_and_landscape_layouts_stay_on_screen),
        cmocka_unit_test(status_takes_room_from_a_long_title),
        cmocka_unit_test(clock_reads_in_vietnamese),
        cmocka_unit_test(empty_list_shows_a_waiting_line),
        cmocka_unit_test(wrapping_is_linear),
        cmocka_unit_test(building_a_frame_measures_nothing),
        cmocka_unit_test(a_wipe_damages_only_the_strip_it_crossed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
