/* The GL path the Pi draws with, in the ordinary suite: the same frames are
 * drawn by SDL's software renderer (what the golden images use) and by its
 * GLES2 renderer through Mesa (llvmpipe over EGL with no window system: SDL's
 * offscreen video driver on a surfaceless EGL display), then compared pixel
 * by pixel with a small tolerance, at every rotation and with 2048-px
 * texture tiles forced (the Pi 0-3 limit).  GLES2 that cannot be had is a
 * failure, not a skip: the package depends on Mesa's EGL and GLES2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/synth.h"
#include "screen/render/render.h"
#include "screen/scene/scene.h"
#include "screen/frame/stage.h"

/* Mesa's llvmpipe and SDL's software blitter round blending differently by a
 * step or two, and glyph edges are blended: a pixel counts as different
 * beyond this, and a frame may have at most this share of such pixels. */
#define CHANNEL_TOLERANCE 6
#define MAX_DIFFERENT_SHARE 0.002

static uint8_t *draw(SDL_Renderer *renderer, struct config *config, int width, int height, double t)
{
    char err[512];
    struct stage *stage = stage_create(renderer, config, width, height, 60, err, sizeof err);
    if (!stage)
        fail_msg("stage: %s", err);
    scene_adopt(stage->scene, synth_items(12));
    scene_set_status(stage->scene, "Ngoại tuyến");
    struct tm clock = {.tm_year = 126, .tm_mon = 10, .tm_mday = 22, .tm_hour = 14, .tm_min = 5, .tm_wday = 0};
    /* A few frames before the one compared: the GL renderer's state (its
     * texture cache, the tiles' upload) must not leak between frames. */
    for (double s = 0; s < t; s += 1.7)
        assert_true(stage_draw(stage, s, &clock));
    assert_true(stage_draw(stage, t, &clock));
    int w, h;
    uint8_t *pixels = render_read_rgb(renderer, &w, &h);
    assert_non_null(pixels);
    assert_int_equal(w, width);
    assert_int_equal(h, height);
    stage_destroy(stage);
    return pixels;
}

static uint8_t *draw_software(struct config *config, int width, int height, double t)
{
    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(target);
    assert_non_null(renderer);
    uint8_t *pixels = draw(renderer, config, width, height, t);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(target);
    return pixels;
}

static uint8_t *draw_gles2(struct config *config, int width, int height, double t, char *gl_name, size_t size)
{
    SDL_Window *window = SDL_CreateWindow("ticker", 0, 0, width, height, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    if (!window)
        fail_msg("offscreen window for GLES2: %s", SDL_GetError());
    SDL_Renderer *renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED);
    if (!renderer)
        fail_msg("GLES2 renderer through EGL: %s", SDL_GetError());
    SDL_RendererInfo info;
    assert_int_equal(SDL_GetRendererInfo(renderer, &info), 0);
    if (strcmp(info.name, "opengles2") != 0)
        fail_msg("asked for opengles2, SDL gave '%s'", info.name);
    typedef const unsigned char *(*get_string_fn)(unsigned int);
    get_string_fn get_string = (get_string_fn)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
    const unsigned char *name = get_string ? get_string(0x1F01 /* GL_RENDERER */) : NULL;
    snprintf(gl_name, size, "%s", name ? (const char *)name : "?");
    uint8_t *pixels = draw(renderer, config, width, height, t);
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    return pixels;
}

static void compare(const char *what, const uint8_t *soft, const uint8_t *gl, int width, int height)
{
    size_t different = 0, ink = 0;
    int worst = 0;
    for (size_t i = 0; i < (size_t)width * height; i++) {
        int d = 0;
        for (int c = 0; c < 3; c++) {
            int e = abs((int)soft[i * 3 + c] - (int)gl[i * 3 + c]);
            d = e > d ? e : d;
        }
        worst = d > worst ? d : worst;
        different += d > CHANNEL_TOLERANCE;
        ink += soft[i * 3] > 200 && soft[i * 3 + 1] > 200; /* light text and the crawl's band */
    }
    double share = (double)different / ((double)width * height);
    printf("%s: %zu of %d pixels beyond %d (%.4f%%), largest channel difference %d\n", what, different,
           width * height, CHANNEL_TOLERANCE, 100 * share, worst);
    assert_true(ink > (size_t)width * 4); /* a real frame, not two blank ones */
    if (share > MAX_DIFFERENT_SHARE)
        fail_msg("%s: GLES2 differs from the software renderer in %.3f%% of the pixels", what, 100 * share);
}

static void every_rotation_with_2048_px_tiles(void **state)
{
    (void)state;
    struct config *config = config_create();
    config->display.max_texture_width = 2048;
    const int lw = 960, lh = 540;
    for (int rotate = 0; rotate < 360; rotate += 90) {
        int w = rotate % 180 ? lh : lw, h = rotate % 180 ? lw : lh;
        config->display.rotate = rotate;
        for (double t = 2.3; t < 12; t += 4.9) {
            char gl_name[256], what[320];
            uint8_t *soft = draw_software(config, w, h, t);
            uint8_t *gl = draw_gles2(config, w, h, t, gl_name, sizeof gl_name);
            snprintf(what, sizeof what, "rotate %d at %.1f s (%s)", rotate, t, gl_name);
            compare(what, soft, gl, w, h);
            free(soft);
            free(gl);
        }
    }
    config_destroy(config);
}

/* Headlines cut into tiles (2048 px, and 512 px so that seams are sure to
 * be on screen): where the tiles meet on GL is where a seam would show. */
static void tiles_meet_without_a_seam_on_gl(void **state)
{
    (void)state;
    struct config *config = config_create();
    char gl_name[256], what[128];
    for (int tile = 2048; tile >= 512; tile /= 4) {
        config->display.max_texture_width = tile;
        for (double t = 20.3; t < 40; t += 6.1) {
            uint8_t *soft = draw_software(config, 1280, 720, t);
            uint8_t *gl = draw_gles2(config, 1280, 720, t, gl_name, sizeof gl_name);
            snprintf(what, sizeof what, "%d-px tiles at %.1f s", tile, t);
            compare(what, soft, gl, 1280, 720);
            free(soft);
            free(gl);
        }
    }
    config_destroy(config);
}

int main(void)
{
    /* The suite runs with SDL_VIDEODRIVER=dummy and SDL_RENDER_DRIVER=software
     * for its golden images; this test wants EGL without a window system. */
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("EGL_PLATFORM", "surfaceless", 1);
    SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "opengles2", SDL_HINT_OVERRIDE);
    SDL_SetHint(SDL_HINT_OPENGL_ES_DRIVER, "1");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL offscreen video: %s\n", SDL_GetError());
        return 1;
    }
    /* Loaded once for the whole test: otherwise each window's end unloads
     * Mesa, and LeakSanitizer can no longer name its leaks to suppress them. */
    if (SDL_GL_LoadLibrary(NULL) != 0) {
        fprintf(stderr, "EGL/GLES2 library: %s\n", SDL_GetError());
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_rotation_with_2048_px_tiles),
        cmocka_unit_test(tiles_meet_without_a_seam_on_gl),
    };
    /* No SDL_Quit: it unloads Mesa, whose own leaks LeakSanitizer could then
     * no longer name to be suppressed (tests/lsan.supp). */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
