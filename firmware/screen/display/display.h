/* display: where frames go — the kiosk's full screen (KMSDRM on the Pi, or
 * whatever display SDL finds), the desktop preview window, or an offscreen
 * surface drawn by SDL's software renderer (screenshot, bench, headless).
 * Owns: SDL video set-up and shut-down, the window and the renderer, vsync,
 * the refresh rate, the cursor and the screen saver.  Never: decides what
 * is drawn. The header names SDL's renderer only as an opaque struct, so a
 * caller (cli) needs none of SDL's headers. */
#ifndef TICKER_DISPLAY_H
#define TICKER_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

enum display_mode { DISPLAY_KIOSK, DISPLAY_WINDOW, DISPLAY_OFFSCREEN };

struct display;
struct SDL_Renderer; /* SDL's, as SDL_Renderer */

/* KIOSK fails with a clear message when SDL finds no real display (it falls
 * back silently to its offscreen driver); WINDOW returns NULL with
 * *no_display set in that case, so the caller can render offscreen instead.
 * OFFSCREEN needs width x height; the others use config->display. */
struct display *display_open(const struct config *config, enum display_mode mode, int width, int height,
                             bool *no_display, char *err, size_t err_size);
void display_close(struct display *display);

struct SDL_Renderer *display_renderer(const struct display *display);
/* The whole screen black (not presented): what a screen off by the
 * schedule shows. */
void display_blank(struct display *display);
/* The renderer's output size in pixels (the physical screen). */
void display_output_size(const struct display *display, int *width, int *height);
/* From the display mode; 60 when the driver reports 0. */
double display_refresh_hz(const struct display *display);
bool display_is_offscreen(const struct display *display);
void display_toggle_fullscreen(struct display *display);
/* Screen power for the schedule. Off: DPMS off through KMS (the connected
 * connectors' "DPMS" property, on the KMSDRM display SDL opened); where that
 * is not possible (a window, X11, no DRM master) the caller blanks the
 * screen with black frames. Returns whether the panel itself was powered
 * down or up. HDMI-CEC standby (libcec) is not done. */
bool display_set_power(struct display *display, bool on);

#endif
