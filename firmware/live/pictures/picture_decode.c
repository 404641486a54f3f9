#include "live/pictures/picture_decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/picture_fit.h"
#include "live/pictures/picture_budget.h"

void picture_pixels_clear(struct picture_pixels *p)
{
    free(p->rgba);
    memset(p, 0, sizeof *p);
}

#ifdef TICKER_HAVE_VIPS
#include <dlfcn.h>
#include <vips/vips.h> /* the types; the functions are looked up at run time */
#include <vips/vector.h> /* vips_vector_set_enabled: not in vips.h */

/* libvips, and the hundred libraries it brings (glib, every codec), is
 * loaded when a command that draws starts the decoder, not with the
 * program: the dynamic loader's relocations for them were half of the
 * start of every `ticker dump` (12.5 ms of 24 ms, measured in the README's
 * ingest benchmark). The functions used, looked up with dlsym; the table is
 * written once by picture_decode_init, before any thread, then only read. */
#define VIPS_FUNCTIONS(X)                                                                                        \
    X(vips_init) X(vips_version) X(vips_error_buffer) X(vips_error_clear) X(vips_concurrency_set)                \
    X(vips_cache_set_max) X(vips_leak_set) X(vips_version_string) X(vips_shutdown)                             \
    X(vips_image_new_from_buffer) X(vips_image_get_width) X(vips_image_get_height) X(vips_image_get_typeof)    \
    X(vips_image_get_int) X(vips_image_get_bands) X(vips_image_hasalpha) X(vips_thumbnail_buffer)              \
    X(vips_array_double_newv) X(vips_flatten) X(vips_area_unref) X(vips_colourspace) X(vips_cast_uchar)       \
    X(vips_bandjoin_const1) X(vips_image_write_to_memory) X(vips_vector_set_enabled) X(g_object_unref) X(g_free)  \
    X(vips_operation_block_set)

static struct vips_api {
    void *library;
#define VIPS_FIELD(name) __typeof__(name) *name;
    VIPS_FUNCTIONS(VIPS_FIELD)
#undef VIPS_FIELD
} vips;

static char backend[64];

static bool load_vips(char *err, size_t err_size)
{
    char soname[32]; /* libvips.so.42 on Debian 12: the ABI the headers describe */
    snprintf(soname, sizeof soname, "libvips.so.%d", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
    vips.library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!vips.library) {
        snprintf(err, err_size, "libvips: %s", dlerror());
        return false;
    }
    /* POSIX: a function pointer from dlsym's object pointer, through memcpy. */
#define VIPS_LOOKUP(name)                                                                                        \
    {                                                                                                            \
        void *symbol = dlsym(vips.library, #name);                                                               \
        if (!symbol) {                                                                                           \
            snprintf(err, err_size, "libvips: %s not found in %s", #name, soname);                              \
            return false;                                                                                        \
        }                                                                                                        \
        memcpy(&vips.name, &symbol, sizeof symbol);                                                              \
    }
    VIPS_FUNCTIONS(VIPS_LOOKUP)
#undef VIPS_LOOKUP
    return true;
}

/* The loaders a picture may reach: JPEG, PNG, WebP and GIF, in each form
 * (file, buffer, source). Every other libvips loader (PDF through poppler,
 * SVG, ImageMagick's formats, HEIF, JPEG 2000, JPEG XL, TIFF, ...) is
 * blocked, so no bytes reach them even if the sniff in front
 * (live/pictures/picture_sniff) let something through. By class name: 8.14 finds
 * no nickname here ("jpegload" stays blocked); a parent class unblocks its
 * file, buffer and source loaders. GIF is libnsgif's since 8.11, giflib's
 * before. */
static void block_loaders(void)
{
    static const char *const allowed[] = {"VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp",
                                          "VipsForeignLoadNsgif", "VipsForeignLoadGif"};
    vips.vips_operation_block_set("VipsForeignLoad", TRUE);
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        vips.vips_operation_block_set(allowed[i], FALSE);
}

bool picture_decode_init(const char *argv0, char *err, size_t err_size)
{
    if (!load_vips(err, err_size))
        return false;
    /* Its warnings would repeat what the error this module returns says. */
    setenv("VIPS_WARNING", "0", 0);
    /* VIPS_INIT's check: the library's ABI is the one compiled against. */
    if (vips.vips_version(3) - vips.vips_version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE ||
        vips.vips_init(argv0 ? argv0 : "ticker") != 0) {
        snprintf(err, err_size, "libvips: %s", vips.vips_error_buffer());
        vips.vips_error_clear();
        return false;
    }
    /* One picture at a time on one thread: the render thread keeps the
     * other core. No operation cache: each picture is decoded once. */
    vips.vips_concurrency_set(1);
    vips.vips_cache_set_max(0);
    vips.vips_leak_set(FALSE);
    block_loaders();
#if defined(__aarch64__) || defined(__arm__)
    /* No run-time generated (ORC) vector code on ARM: Debian 12's arm64
     * libvips 8.14.1 with it corrupted the heap when a 50-megapixel JPEG
     * was shrunk after a small JPEG in the same process ("free(): invalid
     * next size", or a region-ownership assertion; test_pictures under
     * qemu-aarch64, every CPU model tried); with it off, the same decodes
     * are right. The plain C loops cost little next to the JPEG decode. */
    vips.vips_vector_set_enabled(FALSE);
#endif
    snprintf(backend, sizeof backend, "libvips %s", vips.vips_version_string());
    return true;
}

void picture_decode_shutdown(void) { vips.vips_shutdown(); }
const char *picture_decode_backend(void) { return backend; }

static void vips_reason(char *err, size_t err_size, const char *name, const char *what)
{
    char reason[TICKER_REASON_MAX];
    snprintf(reason, sizeof reason, "%s", vips.vips_error_buffer());
    vips.vips_error_clear();
    for (char *p = reason; *p; p++)
        if (*p == '\n')
            *p = ' ';
    snprintf(err, err_size, "picture %s: %s: %s", name, what,
             reason[0] ? reason : "not a JPEG, PNG, WebP or GIF, or damaged");
}

bool picture_decode(const void *bytes, size_t size, const char *name, int box_w, int box_h,
                    struct picture_pixels *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    struct picture_header sniffed;
    if (!picture_budget_check(bytes, size, name, &sniffed, err, err_size))
        return false;
    /* The header only: libvips reads pixels when they are asked for. */
    VipsImage *header = vips.vips_image_new_from_buffer(bytes, size, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!header) {
        vips_reason(err, err_size, name, "not an image libvips reads");
        return false;
    }
    int w = vips.vips_image_get_width(header), h = vips.vips_image_get_height(header), orientation = 1;
    if (vips.vips_image_get_typeof(header, VIPS_META_ORIENTATION))
        vips.vips_image_get_int(header, VIPS_META_ORIENTATION, &orientation);
    vips.g_object_unref(header);
    if ((long)w * h > PICTURE_DECODE_MAX_PIXELS || (long)w * h > sniffed.width * sniffed.height) {
        snprintf(err, err_size, "picture %s: %dx%d is over %ld megapixels: not decoded", name, w, h,
                 PICTURE_DECODE_MAX_PIXELS / 1000000);
        return false;
    }
    if (orientation >= 5 && orientation <= 8) { /* EXIF: turned by 90 degrees */
        int t = w;
        w = h;
        h = t;
    }
    int tw, th;
    picture_fit(w, h, box_w, box_h, &tw, &th);
    if (!tw) {
        snprintf(err, err_size, "picture %s: empty (%dx%d)", name, w, h);
        return false;
    }
    VipsImage *thumb = NULL, *flat = NULL, *srgb = NULL, *u8 = NULL, *rgba = NULL;
    bool ok =
        vips.vips_thumbnail_buffer((void *)bytes, size, &thumb, tw, "height", th, "size", VIPS_SIZE_DOWN, NULL) == 0;
    if (ok && vips.vips_image_hasalpha(thumb)) {
        VipsArrayDouble *white = vips.vips_array_double_newv(3, 255.0, 255.0, 255.0);
        ok = vips.vips_flatten(thumb, &flat, "background", white, NULL) == 0;
        vips.vips_area_unref(VIPS_AREA(white));
    }
    ok = ok && vips.vips_colourspace(flat ? flat : thumb, &srgb, VIPS_INTERPRETATION_sRGB, NULL) == 0 &&
         vips.vips_cast_uchar(srgb, &u8, NULL) == 0 && vips.vips_bandjoin_const1(u8, &rgba, 255.0, NULL) == 0;
    size_t n = 0;
    void *pixels = ok ? vips.vips_image_write_to_memory(rgba, &n) : NULL;
    if (!pixels) {
        vips_reason(err, err_size, name, "decoding");
    } else if (vips.vips_image_get_bands(rgba) != 4 ||
               n != (size_t)vips.vips_image_get_width(rgba) * vips.vips_image_get_height(rgba) * 4) {
        snprintf(err, err_size, "picture %s: unexpected pixel layout after decoding", name);
    } else {
        out->width = vips.vips_image_get_width(rgba);
        out->height = vips.vips_image_get_height(rgba);
        out->pitch = (size_t)out->width * 4;
        out->rgba = malloc(n);
        if (out->rgba)
            memcpy(out->rgba, pixels, n);
        else
            log_oom_reason(err, err_size, "picture %s", name);
    }
    vips.g_free(pixels);
    VipsImage *all[] = {thumb, flat, srgb, u8, rgba};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (all[i])
            vips.g_object_unref(all[i]);
    return out->rgba != NULL;
}

#else /* SDL2_image: whole decode, then a linear stretch */
#include <SDL.h>
#include <SDL_image.h>

static char backend[64];

bool picture_decode_init(const char *argv0, char *err, size_t err_size)
{
    (void)argv0;
    int want = IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP;
    if ((IMG_Init(want) & want) != want)
        snprintf(err, err_size, "SDL2_image: %s (some formats will not decode)", IMG_GetError());
    const SDL_version *v = IMG_Linked_Version();
    snprintf(backend, sizeof backend, "SDL2_image %d.%d.%d", v->major, v->minor, v->patch);
    return true;
}

void picture_decode_shutdown(void) { IMG_Quit(); }
const char *picture_decode_backend(void) { return backend; }

bool picture_decode(const void *bytes, size_t size, const char *name, int box_w, int box_h,
                    struct picture_pixels *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    struct picture_header sniffed;
    if (!picture_budget_check(bytes, size, name, &sniffed, err, err_size))
        return false;
    /* The loader of the format sniffed, never IMG_Load's guess among all
     * of SDL2_image's (TGA, XCF, SVG, ...). */
    SDL_Surface *(*load)(SDL_RWops *) = sniffed.format == PICTURE_JPEG  ? IMG_LoadJPG_RW
                                        : sniffed.format == PICTURE_PNG ? IMG_LoadPNG_RW
                                        : sniffed.format == PICTURE_GIF ? IMG_LoadGIF_RW
                                                                        : IMG_LoadWEBP_RW;
    SDL_RWops *rw = SDL_RWFromConstMem(bytes, (int)size);
    SDL_Surface *loaded = rw ? load(rw) : NULL;
    if (rw)
        SDL_RWclose(rw);
    if (!loaded) {
        snprintf(err, err_size, "picture %s: not an image SDL2_image reads: %s", name, IMG_GetError());
        return false;
    }
    if ((long)loaded->w * loaded->h > PICTURE_DECODE_MAX_PIXELS_WHOLE) {
        snprintf(err, err_size, "picture %s: %dx%d is over %ld megapixels: not shown", name, loaded->w, loaded->h,
                 PICTURE_DECODE_MAX_PIXELS_WHOLE / 1000000);
        SDL_FreeSurface(loaded);
        return false;
    }
    int tw, th;
    picture_fit(loaded->w, loaded->h, box_w, box_h, &tw, &th);
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ABGR8888, 0);
    SDL_FreeSurface(loaded);
    SDL_Surface *scaled = rgba && tw ? SDL_CreateRGBSurfaceWithFormat(0, tw, th, 32, SDL_PIXELFORMAT_ABGR8888) : NULL;
    bool ok = scaled && SDL_SoftStretchLinear(rgba, NULL, scaled, NULL) == 0;
    if (ok && (out->rgba = malloc((size_t)tw * th * 4))) {
        out->width = tw;
        out->height = th;
        out->pitch = (size_t)tw * 4;
        for (int y = 0; y < th; y++) {
            const uint8_t *row = (const uint8_t *)scaled->pixels + (size_t)y * scaled->pitch;
            uint8_t *dst = out->rgba + (size_t)y * out->pitch;
            for (int x = 0; x < tw; x++) { /* flattened onto white */
                unsigned a = row[4 * x + 3];
                for (int c = 0; c < 3; c++)
                    dst[4 * x + c] = (uint8_t)((row[4 * x + c] * a + 255 * (255 - a)) / 255);
                dst[4 * x + 3] = 255;
            }
        }
    } else {
        snprintf(err, err_size, "picture %s: scaling: %s", name, SDL_GetError());
        ok = false;
    }
    SDL_FreeSurface(scaled);
    SDL_FreeSurface(rgba);
    return ok;
}
#endif
