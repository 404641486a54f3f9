#include "screen/display/display.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <SDL.h>
#include <SDL_syswm.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#include "base/log.h"

struct display {
    enum display_mode mode;
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Surface *surface; /* offscreen target */
    double refresh_hz;
    bool video_started;
    bool events_started;
};

static bool is_fake_driver(const char *driver)
{
    return driver && (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0 ||
                      strcmp(driver, "evdev") == 0);
}

static bool open_offscreen(struct display *d, int width, int height, char *err, size_t err_size)
{
    /* The events subsystem turns SIGINT and SIGTERM into SDL_QUIT. */
    if (SDL_InitSubSystem(SDL_INIT_EVENTS) != 0) {
        snprintf(err, err_size, "SDL events: %s", SDL_GetError());
        return false;
    }
    d->events_started = true;
    d->surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    d->renderer = d->surface ? SDL_CreateSoftwareRenderer(d->surface) : NULL;
    if (!d->renderer) {
        snprintf(err, err_size, "offscreen %dx%d software renderer: %s", width, height, SDL_GetError());
        return false;
    }
    d->refresh_hz = 60;
    return true;
}

/* Without a Wayland socket to reach (no WAYLAND_DISPLAY, or no
 * XDG_RUNTIME_DIR to find it in), SDL's Wayland driver still tries, and
 * libwayland prints "error: XDG_RUNTIME_DIR is invalid or not set" as the
 * program's first line although nothing is wrong. Offer SDL its own driver
 * list, in its own order, without Wayland (SDL >= 2.0.22 takes a list). */
static void skip_unreachable_wayland(void)
{
    const char *runtime = SDL_getenv("XDG_RUNTIME_DIR");
    const char *wayland = SDL_getenv("WAYLAND_DISPLAY");
    if (SDL_getenv("SDL_VIDEODRIVER") || (runtime && *runtime && wayland && *wayland))
        return;
    char list[256] = "";
    for (int i = 0; i < SDL_GetNumVideoDrivers(); i++) {
        const char *name = SDL_GetVideoDriver(i);
        if (!name || strcmp(name, "wayland") == 0)
            continue;
        if (list[0])
            SDL_strlcat(list, ",", sizeof list);
        SDL_strlcat(list, name, sizeof list);
    }
    if (list[0])
        SDL_SetHint(SDL_HINT_VIDEODRIVER, list);
}

static void apply_driver_hints(const struct config *config)
{
    const struct display_config *dc = &config->display;
    if (dc->video_driver[0])
        SDL_SetHint(SDL_HINT_VIDEODRIVER, dc->video_driver);
    else
        skip_unreachable_wayland();
    if (dc->render_driver[0])
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, dc->render_driver);
    /* A kiosk must never blank; the window should not keep the desktop awake. */
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
}

static bool open_video(struct display *d, const struct config *config, bool *no_display, char *err, size_t err_size)
{
    apply_driver_hints(config);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        *no_display = true;
        snprintf(err, err_size, "no display: SDL could not start video: %s", SDL_GetError());
        return false;
    }
    d->video_started = true;
    const char *driver = SDL_GetCurrentVideoDriver();
    log_info("video driver: %s", driver ? driver : "(none)");
    if (is_fake_driver(driver)) {
        *no_display = true;
        if (d->mode == DISPLAY_WINDOW) /* the preview was asked for: no advice to ask for it */
            snprintf(err, err_size,
                     "no display for the preview window: SDL found no X11, Wayland or KMSDRM display (DISPLAY "
                     "%s, WAYLAND_DISPLAY %s)",
                     SDL_getenv("DISPLAY") ? "set" : "unset", SDL_getenv("WAYLAND_DISPLAY") ? "set" : "unset");
        else
            snprintf(err, err_size,
                     "no display: SDL chose its '%s' video driver, which shows nothing (no X11, Wayland or KMSDRM "
                     "display could be opened). On the Pi console set SDL_VIDEODRIVER=kmsdrm and check that the "
                     "user is in the video, render and input groups and no desktop holds the screen; on a desktop "
                     "use --window; for tests use --headless",
                     driver);
        return false;
    }
    /* KMSDRM wants GLES2 on the Pi; elsewhere SDL's first accelerated choice. */
    if (!config->display.render_driver[0] && driver && SDL_strcasecmp(driver, "KMSDRM") == 0)
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
    return true;
}

/* The GL implementation's name (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"),
 * or "" when the renderer is not GL. */
static void gl_renderer_name(SDL_Renderer *renderer, char *out, size_t size)
{
    out[0] = '\0';
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(renderer, &info) != 0 || strncmp(info.name, "opengl", 6) != 0)
        return;
    typedef const unsigned char *(*get_string_fn)(unsigned int);
    get_string_fn get_string = (get_string_fn)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
    const unsigned char *name = get_string ? get_string(0x1F01 /* GL_RENDERER */) : NULL;
    if (name)
        snprintf(out, size, "%s", (const char *)name);
}

static bool has_gpu_device(void)
{
    for (int i = 128; i < 136; i++) {
        char path[64];
        snprintf(path, sizeof path, "/dev/dri/renderD%d", i);
        if (access(path, F_OK) == 0)
            return true;
    }
    return false;
}

static bool is_software_gl(SDL_Renderer *renderer)
{
    char name[256];
    gl_renderer_name(renderer, name, sizeof name);
    if (!strstr(name, "llvmpipe") && !strstr(name, "softpipe") && !strstr(name, "Software Rasterizer"))
        return false;
    log_info("GL is software (%s)", name);
    return true;
}

/* Without a GPU, GL is Mesa's llvmpipe: it costs more CPU than SDL's own
 * software renderer and maps ~100 MB of LLVM. When nobody chose a renderer,
 * a desktop without GPU (no /dev/dri render node, or GL reporting llvmpipe,
 * as under Xvfb) gets the software renderer drawing straight into the
 * window through X11 shared memory, not through a GL texture. */
static bool want_software_renderer(const struct display *d, const struct config *config)
{
    if (d->mode != DISPLAY_WINDOW || config->display.render_driver[0] || SDL_getenv("SDL_RENDER_DRIVER"))
        return false;
    return !has_gpu_device();
}

static bool create_window(struct display *d, Uint32 flags, int w, int h, bool software, char *err, size_t err_size)
{
    if (software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    d->window = SDL_CreateWindow("ticker", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!d->window) {
        snprintf(err, err_size, "window %dx%d: %s", w, h, SDL_GetError());
        return false;
    }
    /* Vsync always: unsynchronised page flips show garbage on a Pi 5. */
    Uint32 renderer_flags = SDL_RENDERER_PRESENTVSYNC | (software ? SDL_RENDERER_SOFTWARE : 0);
    d->renderer = SDL_CreateRenderer(d->window, -1, renderer_flags);
    if (!d->renderer && !software) {
        log_warn("no accelerated renderer (%s); using the software renderer", SDL_GetError());
        d->renderer = SDL_CreateRenderer(d->window, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_PRESENTVSYNC);
    }
    if (!d->renderer) {
        snprintf(err, err_size, "renderer: %s", SDL_GetError());
        return false;
    }
    return true;
}

/* Where no window manager honours the fullscreen request, the window is
 * placed and sized by hand, so it covers the screen it was made for. */
static void fit_to_screen(struct display *d, int w, int h)
{
    if (d->mode != DISPLAY_KIOSK || w <= 0 || h <= 0)
        return;
    int ww, wh;
    SDL_GetWindowSize(d->window, &ww, &wh);
    if (ww == w && wh == h)
        return;
    log_warn("window is %dx%d, not the screen's %dx%d (no window manager?): resizing it", ww, wh, w, h);
    SDL_SetWindowPosition(d->window, 0, 0);
    SDL_SetWindowSize(d->window, w, h);
}

static bool open_window(struct display *d, const struct config *config, char *err, size_t err_size)
{
    const struct display_config *dc = &config->display;
    Uint32 flags;
    int w, h;
    if (d->mode == DISPLAY_WINDOW) {
        flags = SDL_WINDOW_RESIZABLE;
        w = dc->window_width > 0 ? dc->window_width : 1280;
        h = dc->window_height > 0 ? dc->window_height : 720;
    } else if (dc->width > 0 && dc->height > 0) {
        flags = SDL_WINDOW_FULLSCREEN; /* switches to the mode closest to width x height */
        w = dc->width;
        h = dc->height;
    } else {
        /* The screen's own mode, and a window of its size at its origin:
         * fullscreen-desktop is a request to the window manager, and under
         * X11 with none (a kiosk session) a window asked for at 0 x 0 stayed
         * 1 x 1 while the renderer reported the full screen. */
        flags = SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        SDL_DisplayMode desktop;
        if (SDL_GetDesktopDisplayMode(0, &desktop) == 0) {
            w = desktop.w;
            h = desktop.h;
        } else {
            w = h = 0;
        }
    }
    bool software = want_software_renderer(d, config);
    if (!create_window(d, flags, w, h, software, err, err_size))
        return false;
    fit_to_screen(d, w, h);
    if (!software && d->mode == DISPLAY_WINDOW && !config->display.render_driver[0] &&
        !SDL_getenv("SDL_RENDER_DRIVER") && is_software_gl(d->renderer)) {
        /* Start again without GL, so its libraries are unloaded. */
        SDL_DestroyRenderer(d->renderer);
        SDL_DestroyWindow(d->window);
        d->renderer = NULL;
        d->window = NULL;
        if (!create_window(d, flags, w, h, true, err, err_size))
            return false;
    }
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(d->renderer, &info) == 0)
        log_info("renderer: %s (vsync %s, max texture %dx%d)", info.name,
                 info.flags & SDL_RENDERER_PRESENTVSYNC ? "on" : "not honoured", info.max_texture_width,
                 info.max_texture_height);
    /* "opengles2" does not tell a GPU from the CPU: name the GL implementation
     * (V3D or VC4 on a Pi; Mesa's llvmpipe when its GPU driver is missing). */
    char gl[256];
    gl_renderer_name(d->renderer, gl, sizeof gl);
    if (gl[0])
        log_info("GL: %s", gl);
    SDL_DisplayMode mode;
    int index = SDL_GetWindowDisplayIndex(d->window);
    d->refresh_hz = index >= 0 && SDL_GetCurrentDisplayMode(index, &mode) == 0 && mode.refresh_rate > 0
                        ? mode.refresh_rate
                        : 60;
    int ow, oh, ww, wh;
    SDL_GetRendererOutputSize(d->renderer, &ow, &oh);
    SDL_GetWindowSize(d->window, &ww, &wh);
    log_info("screen %dx%d at %.0f Hz (window %dx%d)", ow, oh, d->refresh_hz, ww, wh);
    if (d->mode == DISPLAY_KIOSK)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    return true;
}

struct display *display_open(const struct config *config, enum display_mode mode, int width, int height,
                             bool *no_display, char *err, size_t err_size)
{
    bool unused;
    if (!no_display)
        no_display = &unused;
    *no_display = false;
    struct display *d = calloc(1, sizeof *d);
    if (!d) {
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    d->mode = mode;
    bool ok = mode == DISPLAY_OFFSCREEN ? open_offscreen(d, width, height, err, err_size)
                                        : open_video(d, config, no_display, err, err_size) &&
                                              open_window(d, config, err, err_size);
    if (!ok) {
        display_close(d);
        return NULL;
    }
    return d;
}

void display_close(struct display *d)
{
    if (!d)
        return;
    if (d->renderer)
        SDL_DestroyRenderer(d->renderer);
    if (d->window)
        SDL_DestroyWindow(d->window);
    SDL_FreeSurface(d->surface);
    if (d->video_started)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    if (d->events_started)
        SDL_QuitSubSystem(SDL_INIT_EVENTS);
    SDL_Quit();
    free(d);
}

SDL_Renderer *display_renderer(const struct display *d) { return d->renderer; }

void display_blank(struct display *d)
{
    SDL_SetRenderDrawColor(d->renderer, 0, 0, 0, 255);
    SDL_RenderClear(d->renderer);
}

void display_output_size(const struct display *d, int *width, int *height)
{
    if (SDL_GetRendererOutputSize(d->renderer, width, height) != 0) {
        *width = d->surface ? d->surface->w : 0;
        *height = d->surface ? d->surface->h : 0;
    }
}

double display_refresh_hz(const struct display *d) { return d->refresh_hz; }
bool display_is_offscreen(const struct display *d) { return d->mode == DISPLAY_OFFSCREEN; }

void display_toggle_fullscreen(struct display *d)
{
    if (!d->window)
        return;
    bool full = SDL_GetWindowFlags(d->window) & SDL_WINDOW_FULLSCREEN;
    if (SDL_SetWindowFullscreen(d->window, full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
        log_warn("fullscreen: %s", SDL_GetError());
}

/* Legacy DPMS property of each connected connector: SDL's KMSDRM driver
 * uses the legacy mode-setting API, so the property is what powers the
 * panel down (the CRTC keeps its mode and wakes with it). */
bool display_set_power(struct display *d, bool on)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!d->window || !SDL_GetWindowWMInfo(d->window, &info) || info.subsystem != SDL_SYSWM_KMSDRM)
        return false;
    int fd = info.info.kmsdrm.drm_fd;
    drmModeRes *res = drmModeGetResources(fd);
    bool done = false;
    for (int c = 0; res && c < res->count_connectors; c++) {
        drmModeConnector *conn = drmModeGetConnector(fd, res->connectors[c]);
        for (int p = 0; conn && conn->connection == DRM_MODE_CONNECTED && p < conn->count_props; p++) {
            drmModePropertyRes *prop = drmModeGetProperty(fd, conn->props[p]);
            if (prop && strcmp(prop->name, "DPMS") == 0)
                done |= drmModeConnectorSetProperty(fd, conn->connector_id, prop->prop_id,
                                                    on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF) == 0;
            drmModeFreeProperty(prop);
        }
        drmModeFreeConnector(conn);
    }
    drmModeFreeResources(res);
    if (!done && !on)
        log_warn("screen power off: DPMS through KMS did not work here; blanking with black frames instead");
    return done;
}
