/* Display settings applied to a running stage (a remote configuration
 * applied live): stage_apply_display builds a new scene on the same render
 * with the new featured time, title and QR code, keeps the featured story,
 * and what it draws changes accordingly; the old config's settings are not
 * kept anywhere. Software renderer, synthetic items. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/synth.h"
#include "screen/scene/scene.h"
#include "screen/frame/stage.h"

static size_t ops_of(const struct scene_frame *frame, enum scene_op_kind kind, const char *text)
{
    size_t n = 0;
    for (size_t i = 0; i < frame->count; i++)
        n += frame->ops[i].kind == kind && (!text || (frame->ops[i].text && strstr(frame->ops[i].text, text)));
    return n;
}

static void new_display_settings_reach_the_running_scene(void **unused)
{
    (void)unused;
    struct config *before = config_create(), *after = config_create();
    assert_non_null(before);
    assert_non_null(after);
    free(before->display.title);
    before->display.title = strdup("Sảnh A");
    before->display.qr_code = true;
    before->display.featured_seconds = 8;
    free(after->display.title);
    after->display.title = strdup("Sảnh B · buổi tối");
    after->display.qr_code = false;
    after->display.featured_seconds = 3;

    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(target);
    assert_non_null(renderer);
    char err[512];
    struct stage *stage = stage_create(renderer, before, 1280, 720, 60, err, sizeof err);
    assert_non_null(stage);
    scene_adopt(stage->scene, synth_items(12));
    struct tm clock = {.tm_year = 126, .tm_mon = 10, .tm_mday = 30, .tm_hour = 9, .tm_min = 0, .tm_wday = 1};
    assert_true(stage_draw(stage, 5.0, &clock));
    assert_true(ops_of(&stage->frame, SCENE_OP_QR, NULL) > 0);
    assert_true(ops_of(&stage->frame, SCENE_OP_TEXT, "Sảnh A") > 0);
    char *featured = strdup(scene_featured_id(stage->scene));
    assert_true(featured[0]);

    /* As the frame loop does: the list out, a new scene in, the list back. */
    struct item_list *list = scene_release_list(stage->scene);
    assert_true(stage_apply_display(stage, after, 5.0, featured, NULL));
    scene_adopt(stage->scene, list);
    assert_true(stage_draw(stage, 5.0, &clock));
    assert_int_equal(ops_of(&stage->frame, SCENE_OP_QR, NULL), 0);
    assert_int_equal(ops_of(&stage->frame, SCENE_OP_TEXT, "Sảnh A"), 0);
    assert_true(ops_of(&stage->frame, SCENE_OP_TEXT, "Sảnh B") > 0);
    assert_string_equal(scene_featured_id(stage->scene), featured); /* the same story stays featured */
    assert_true(stage->settings.featured_seconds == 3);
    /* 3 s a story now: by 5 + 3.5 s the next one is featured (at 8 s each it would not be). */
    assert_true(stage_draw(stage, 8.5, &clock));
    assert_string_not_equal(scene_featured_id(stage->scene), featured);

    free(featured);
    stage_destroy(stage);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(target);
    config_destroy(before);
    config_destroy(after);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_display_settings_reach_the_running_scene),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
