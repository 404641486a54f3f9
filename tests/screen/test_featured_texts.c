/* Work kept out of frames around a featured change: the next item's texts,
 * made ahead of it, stay in use in every frame until it is drawn (through
 * the first frames of the wipe, which draw nothing of it yet), so none is
 * freed and made again in one frame; and text widths are measured once
 * (screen/text/widthcache). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene.h"
#include "screen/text/widthcache.h"

static int fake_width(void *context, enum scene_font font, const char *text)
{
    (void)context;
    (void)font;
    return 14 * (int)strlen(text);
}

static struct scene *make_scene(void)
{
    struct scene_settings settings = {.screen_width = 1920, .screen_height = 1080, .refresh_hz = 60,
                                      .speed_px_per_second = 120, .featured_seconds = 8, .title = "Triển lãm"};
    struct scene_measure m = {.text_width = fake_width};
    for (int i = 0; i < SCENE_FONT_COUNT; i++)
        m.fonts[i] = (struct scene_font_metrics){30, 8, 40};
    struct scene *s = scene_create(&settings, &m);
    assert_non_null(s);
    struct item_list *list = item_list_create();
    for (int i = 0; i < 3; i++) {
        struct item item;
        item_init(&item);
        char id[16], title[160];
        snprintf(id, sizeof id, "t-%d", i);
        snprintf(title, sizeof title, "Tin số %d: hội đàm cấp cao về hợp tác quốc phòng và an ninh khu vực", i);
        assert_true(item_set(&item.id, id) && item_set(&item.title, title));
        assert_true(item_set(&item.summary, "Hai bên nhất trí tiếp tục thúc đẩy hợp tác thiết thực, hiệu quả."));
        assert_true(item_list_push(list, &item));
        item_clear(&item);
    }
    scene_adopt(s, list);
    return s;
}

static bool frame_has_text(const struct scene_frame *f, enum scene_font font, const char *text)
{
    for (size_t i = 0; i < f->count; i++)
        if ((f->ops[i].kind == SCENE_OP_TEXT || f->ops[i].kind == SCENE_OP_PREFETCH) && f->ops[i].font == font &&
            strcmp(f->ops[i].text, text) == 0)
            return true;
    return false;
}

static void the_next_items_texts_are_used_in_every_frame_until_drawn(void **state)
{
    (void)state;
    /* The second item's texts, as drawn once it has come (t = 9). */
    struct scene *later = make_scene();
    struct scene_frame f = {0};
    scene_advance(later, 9.0);
    assert_true(scene_build(later, &f));
    char *texts[16];
    enum scene_font fonts[16];
    size_t n = 0;
    for (size_t i = 0; i < f.count && n < 16; i++) {
        const struct scene_op *op = &f.ops[i];
        if (op->kind == SCENE_OP_TEXT &&
            (op->font == SCENE_FONT_FEATURED_TITLE || op->font == SCENE_FONT_SUMMARY)) {
            fonts[n] = op->font;
            texts[n++] = strdup(op->text);
        }
    }
    assert_true(n >= 2);
    scene_destroy(later);
    /* From when it is laid out ahead (PREPARE: 2 s before) to the end of
     * its wipe, every frame names each of them. */
    struct scene *s = make_scene();
    for (int frame = 6 * 60 + 1; frame <= 9 * 60; frame++) {
        scene_advance(s, frame / 60.0);
        assert_true(scene_build(s, &f));
        for (size_t k = 0; k < n; k++)
            if (!frame_has_text(&f, fonts[k], texts[k]))
                fail_msg("t=%.3f s: '%s' is in no op: its texture would be freed and made again", frame / 60.0,
                         texts[k]);
    }
    for (size_t k = 0; k < n; k++)
        free(texts[k]);
    scene_frame_clear(&f);
    scene_destroy(s);
}

static void widths_are_kept_by_font_and_text(void **state)
{
    (void)state;
    struct widthcache *c = widthcache_create();
    assert_non_null(c);
    int w = 0;
    assert_false(widthcache_get(c, 1, "quốc", &w));
    widthcache_put(c, 1, "quốc", 41);
    widthcache_put(c, 2, "quốc", 57);
    assert_true(widthcache_get(c, 1, "quốc", &w));
    assert_int_equal(w, 41);
    assert_true(widthcache_get(c, 2, "quốc", &w));
    assert_int_equal(w, 57);
    assert_false(widthcache_get(c, 1, "quốc phòng", &w));
    /* Many more texts than slots: what is answered is always right. */
    char text[32];
    for (int i = 0; i < 3 * WIDTHCACHE_SLOTS; i++) {
        snprintf(text, sizeof text, "từ %d", i);
        widthcache_put(c, 0, text, i);
    }
    size_t kept = 0;
    for (int i = 0; i < 3 * WIDTHCACHE_SLOTS; i++) {
        snprintf(text, sizeof text, "từ %d", i);
        if (widthcache_get(c, 0, text, &w)) {
            assert_int_equal(w, i);
            kept++;
        }
    }
    assert_true(kept > WIDTHCACHE_SLOTS / 2 && kept <= WIDTHCACHE_SLOTS);
    char longer[400];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    widthcache_put(c, 0, longer, 5);
    assert_false(widthcache_get(c, 0, longer, &w)); /* a line, not a word: not kept */
    widthcache_destroy(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_next_items_texts_are_used_in_every_frame_until_drawn),
        cmocka_unit_test(widths_are_kept_by_font_and_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
