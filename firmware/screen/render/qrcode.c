#include "screen/render/qrcode.h"

#include <qrencode.h>
#include <string.h>

#include "base/log.h"

SDL_Surface *qrcode_render(const char *text, int max_side, int min_module, int *modules)
{
    /* Version 0: the smallest that holds the text; 8-bit mode, case kept
     * (a URL's path is case-sensitive). */
    QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) {
        log_warn("QR code for %.80s: cannot encode (%zu bytes)", text, strlen(text));
        return NULL;
    }
    int n = code->width, total = n + 2 * QRCODE_QUIET_MODULES;
    int module = max_side / total;
    if (module < (min_module > 0 ? min_module : 1)) {
        log_warn("QR code for %.80s: %d modules do not fit %d px with %d px a module", text, n, max_side, min_module);
        QRcode_free(code);
        return NULL;
    }
    int side = module * total;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        QRcode_free(code);
        return NULL;
    }
    SDL_FillRect(s, NULL, 0xFFFFFFFFu);
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
            if (code->data[y * n + x] & 1) { /* bit 0: a dark module */
                SDL_Rect r = {(x + QRCODE_QUIET_MODULES) * module, (y + QRCODE_QUIET_MODULES) * module, module, module};
                SDL_FillRect(s, &r, 0xFF000000u);
            }
    if (modules)
        *modules = n;
    QRcode_free(code);
    return s;
}
