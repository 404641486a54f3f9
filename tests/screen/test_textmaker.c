/* Texts to come (the next featured item's lines, crawl headlines about to
 * scroll in) are made on the text thread (screen/text/textmaker) and only
 * uploaded by the render thread: across featured changes and the crawl, no
 * text is made in a frame after the first, when the text thread is given
 * the time it needs between frames. And the text thread's queue: each text
 * once, at most TEXTMAKER_MAX_PENDING held, everything freed at the end. */
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
#include "base/synth.h"
#include "screen/render/render.h"
#include "screen/scene/scene.h"
#include "screen/frame/stage.h"
#include "screen/text/textmaker.h"

static void texts_to_come_are_made_off_the_render_thread(void **state)
{
    (void)state;
    struct config *config = config_create();
    assert_non_null(config);
    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(target);
    char err[512];
    struct stage *stage = stage_create(renderer, config, 1280, 720, 60, err, sizeof err);
    assert_non_null(stage);
    scene_adopt(stage->scene, synth_items(6));
    struct tm clock = {.tm_year = 126, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5};
    assert_true(stage_draw(stage, 0, &clock)); /* what shows at once is made at once */
    size_t first, ahead, pending;
    render_texts_made(stage->render, &first, &ahead, &pending);
    assert_true(first > 0);
    /* Three featured changes and the crawl; between frames the text
     * thread gets the time it needs (seconds at most, under emulation). */
    for (int frame = 1; frame <= 26 * 60; frame++) {
        assert_true(stage_draw(stage, frame / 60.0, &clock));
        for (int wait = 0; wait < 5000; wait++) {
            size_t in_frames;
            render_texts_made(stage->render, &in_frames, &ahead, &pending);
            if (!pending)
                break;
            usleep(1000);
        }
    }
    size_t in_frames;
    render_texts_made(stage->render, &in_frames, &ahead, &pending);
    if (in_frames != first)
        fail_msg("%zu texts made in frames after the first (%zu made ahead)", in_frames - first, ahead);
    assert_true(ahead >= 20); /* three items' lines and the headlines that came in */
    stage_destroy(stage);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(target);
    config_destroy(config);
}

static void the_text_thread_makes_each_text_once_within_its_bound(void **state)
{
    (void)state;
    struct config *config = config_create();
    struct typeset_style styles[2] = {{40, false}, {60, true}};
    char err[512];
    struct textmaker *m = textmaker_create(config, styles, 2, err, sizeof err);
    if (!m)
        fail_msg("textmaker: %s", err);
    assert_true(textmaker_ask(m, 0, 0xFF0000, "Hội đàm cấp cao"));
    assert_false(textmaker_ask(m, 0, 0xFF0000, "Hội đàm cấp cao")); /* already asked */
    assert_true(textmaker_ask(m, 1, 0xFF0000, "Hội đàm cấp cao"));  /* another style: another text */
    size_t asked = 2;
    char text[64];
    for (int i = 0; i < 2 * TEXTMAKER_MAX_PENDING; i++) {
        snprintf(text, sizeof text, "Tin số %d", i);
        asked += textmaker_ask(m, i % 2, 0x00FF00, text);
    }
    assert_int_equal(asked, TEXTMAKER_MAX_PENDING);
    size_t taken = 0;
    for (int wait = 0; wait < 60000 && taken < asked; wait++) {
        int style, baseline;
        uint32_t rgb;
        char *t;
        SDL_Surface *surface;
        if (!textmaker_take(m, &style, &rgb, &t, &surface, &baseline)) {
            usleep(1000);
            continue;
        }
        assert_non_null(surface);
        assert_true(surface->w > 0 && baseline > 0 && baseline < surface->h);
        /* Painted in its colour: every pixel's RGB is the colour asked for. */
        const uint32_t *px = surface->pixels;
        assert_int_equal(px[0] & 0xFFFFFF, rgb);
        free(t);
        SDL_FreeSurface(surface);
        taken++;
    }
    assert_int_equal(taken, asked);
    assert_int_equal(textmaker_pending(m), 0);
    for (int i = 0; i < 10; i++) { /* left pending at the end: freed by destroy */
        snprintf(text, sizeof text, "Còn lại %d", i);
        textmaker_ask(m, 0, 0x0000FF, text);
    }
    textmaker_destroy(m);
    config_destroy(config);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(texts_to_come_are_made_off_the_render_thread),
        cmocka_unit_test(the_text_thread_makes_each_text_once_within_its_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
