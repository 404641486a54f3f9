/* The featured panel's texts stay clear of its picture and of its QR code
 * (the white square with its quiet zone, which a phone must see whole),
 * in landscape and portrait, however long the title: a title with more
 * lines than the room between the picture's caption and the QR code holds
 * is cut with an ellipsis, never drawn over the code. Pure scene, with a
 * measure that makes every character as wide as a bold capital. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene.h"

#define ASCENT 66
#define DESCENT 24

static int fake_width(void *context, enum scene_font font, const char *text)
{
    (void)context;
    return (font == SCENE_FONT_FEATURED_TITLE ? 48 : 20) * (int)strlen(text) / 2;
}

/* A photo decoded to fill its box (the scene's picture box), as the
 * picture worker would: the room it leaves the text is the least. */
static bool fake_picture(void *context, const char *url, int *width, int *height)
{
    (void)url;
    scene_picture_box(*(struct scene **)context, width, height);
    return *width > 0;
}

static bool overlaps(struct scene_rect a, struct scene_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void texts_stay_clear_of_the_picture_and_the_qr_code(void **state)
{
    (void)state;
    const int rotations[] = {0, 90};
    for (size_t k = 0; k < 2; k++) {
        struct scene_settings settings = {.screen_width = 1920, .screen_height = 1080, .rotate = rotations[k],
                                          .refresh_hz = 60, .speed_px_per_second = 120, .featured_seconds = 8,
                                          .title = "Triển lãm", .qr_code = true, .pictures = true};
        struct scene *s = NULL;
        struct scene_measure m = {.text_width = fake_width, .picture_size = fake_picture, .context = &s};
        for (int i = 0; i < SCENE_FONT_COUNT; i++)
            m.fonts[i] = (struct scene_font_metrics){ASCENT, DESCENT, ASCENT + DESCENT + 10};
        s = scene_create(&settings, &m);
        assert_non_null(s);
        struct item_list *list = item_list_create();
        for (int i = 0; i < 4; i++) {
            struct item item;
            item_init(&item);
            char id[16];
            snprintf(id, sizeof id, "p-%d", i);
            assert_true(item_set(&item.id, id) && item_set(&item.link, "https://example.vn/tin/1"));
            /* Long enough for every line the title may have, and more. */
            assert_true(item_set(&item.title, "Ưu tiên phát triển công nghiệp quốc phòng tự chủ, tự lực, tự cường, "
                                              "lưỡng dụng, hiện đại, hội nhập quốc tế sâu rộng và bền vững lâu dài"));
            assert_true(item_set(&item.summary, "Nhiều sản phẩm do Việt Nam nghiên cứu, chế tạo được giới thiệu."));
            assert_true(item_add_picture(&item, "/pictures/photo.jpg", "Khách tham quan tìm hiểu sản phẩm.", 0, 0));
            assert_true(item_list_push(list, &item));
            item_clear(&item);
        }
        scene_adopt(s, list);
        struct scene_frame f = {0};
        size_t checked = 0;
        for (int t = 1; t < 40; t += 2) {
            scene_advance(s, t);
            assert_true(scene_build(s, &f));
            const struct scene_op *qr = NULL, *picture = NULL;
            for (size_t i = 0; i < f.live_from; i++) {
                if (f.ops[i].kind == SCENE_OP_QR)
                    qr = &f.ops[i];
                if (f.ops[i].kind == SCENE_OP_PICTURE)
                    picture = &f.ops[i];
            }
            assert_non_null(qr);
            assert_non_null(picture);
            for (size_t i = 0; i < f.live_from; i++) {
                const struct scene_op *op = &f.ops[i];
                if (op->kind != SCENE_OP_TEXT || op->font == SCENE_FONT_HEADER_TITLE || op->font == SCENE_FONT_CLOCK)
                    continue;
                struct scene_rect box = {op->rect.x, op->rect.y - ASCENT, fake_width(NULL, op->font, op->text),
                                         ASCENT + DESCENT};
                if (overlaps(box, qr->rect))
                    fail_msg("rotate %d, t=%d: '%s' over the QR code", rotations[k], t, op->text);
                if (overlaps(box, picture->rect))
                    fail_msg("rotate %d, t=%d: '%s' over the picture", rotations[k], t, op->text);
                checked++;
            }
        }
        assert_true(checked > 20);
        scene_frame_clear(&f);
        scene_destroy(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(texts_stay_clear_of_the_picture_and_the_qr_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
