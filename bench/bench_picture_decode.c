/* Memory and time of decoding one picture to fit the featured panel's box:
 * the product's decoder (live/pictures/picture_decode: libvips thumbnail, shrink on
 * load) against a whole decode with SDL2_image and SDL_SoftStretchLinear.
 * One decode per process, so peak RSS is the decode's own:
 *
 *   bench_picture_decode product|sdl_image FILE [BOX_W BOX_H]
 *
 * prints one JSON line. The box defaults to the landscape 1080p picture
 * column (740 x 426). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "live/pictures/picture_decode.h"
#include "base/picture_fit.h"
#ifdef TICKER_BENCH_SDL_IMAGE
#include <SDL.h>
#include <SDL_image.h>
#endif

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

static char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n > 0 ? malloc((size_t)n) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s product|sdl_image FILE [BOX_W BOX_H]\n", argv[0]);
        return 2;
    }
    int box_w = argc > 4 ? atoi(argv[3]) : 740, box_h = argc > 4 ? atoi(argv[4]) : 426;
    double before = peak_rss_mb(), start = now_ms();
    int w = 0, h = 0;
    char err[512] = "";
    const char *decoder = argv[1];
    if (strcmp(argv[1], "product") == 0) {
        if (!picture_decode_init(argv[0], err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        before = peak_rss_mb();
        start = now_ms();
        decoder = picture_decode_backend();
        size_t size;
        char *bytes = read_all(argv[2], &size);
        struct picture_pixels p;
        if (!bytes || !picture_decode(bytes, size, argv[2], box_w, box_h, &p, err, sizeof err)) {
            fprintf(stderr, "%s\n", bytes ? err : "cannot read the file");
            return 1;
        }
        w = p.width;
        h = p.height;
        picture_pixels_clear(&p);
        free(bytes);
    } else {
#ifdef TICKER_BENCH_SDL_IMAGE
        IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG);
        before = peak_rss_mb();
        start = now_ms();
        SDL_Surface *s = IMG_Load(argv[2]);
        if (!s) {
            fprintf(stderr, "%s\n", IMG_GetError());
            return 1;
        }
        picture_fit(s->w, s->h, box_w, box_h, &w, &h);
        SDL_Surface *rgba = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ABGR8888, 0);
        SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ABGR8888);
        SDL_SoftStretchLinear(rgba, NULL, out, NULL);
        SDL_FreeSurface(out);
        SDL_FreeSurface(rgba);
        SDL_FreeSurface(s);
        decoder = "SDL2_image+SDL_SoftStretchLinear";
#else
        fprintf(stderr, "built without SDL2_image\n");
        return 1;
#endif
    }
    printf("{\"decoder\":\"%s\",\"file\":\"%s\",\"box\":\"%dx%d\",\"decoded\":\"%dx%d\",\"ms\":%.1f,"
           "\"rss_before_mb\":%.1f,\"peak_rss_mb\":%.1f}\n",
           decoder, argv[2], box_w, box_h, w, h, now_ms() - start, before, peak_rss_mb());
    return 0;
}
