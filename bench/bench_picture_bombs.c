/* Writes decompression bombs of each kind the issue names into DIR, for
 * bench/picture_bombs_bench.py to measure `ticker screenshot` with (peak
 * RSS): a 43-byte GIF of one 14000x14000 frame (by hand), and with libvips
 * a progressive JPEG, a 16-bit PNG and a lossless WebP, all of one colour
 * so they compress to little, and an ordinary 1600x900 JPEG to compare.
 *   bench_picture_bombs DIR */
#include <stdio.h>
#include <stdlib.h>

#include <vips/vips.h>

#include "../tests/common/picture_bombs.h"

static int save(VipsImage *image, const char *dir, const char *name, const char *options)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s%s", dir, name, options);
    if (vips_image_write_to_file(image, path, NULL) != 0) {
        fprintf(stderr, "%s: %s\n", path, vips_error_buffer());
        return 1;
    }
    return 0;
}

static VipsImage *flat(int w, int h, int bands, VipsBandFormat format)
{
    VipsImage *black = NULL, *lit = NULL, *cast = NULL;
    if (vips_black(&black, w, h, "bands", bands, NULL) || vips_linear1(black, &lit, 1.0, 90.0, NULL) ||
        vips_cast(lit, &cast, format, NULL))
        cast = NULL;
    if (black)
        g_object_unref(black);
    if (lit)
        g_object_unref(lit);
    return cast;
}

int main(int argc, char **argv)
{
    if (argc != 2 || VIPS_INIT(argv[0])) {
        fprintf(stderr, "usage: bench_picture_bombs DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    uint8_t gif[64];
    size_t n = bomb_gif(gif, 14000, 14000);
    char path[4096];
    snprintf(path, sizeof path, "%s/bomb.gif", dir);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(gif, 1, n, f) != n || fclose(f))
        return 1;
    int failed = 0;
    VipsImage *jpeg = flat(14000, 14000, 3, VIPS_FORMAT_UCHAR);
    failed |= !jpeg || save(jpeg, dir, "bomb-progressive.jpg", "[interlace,Q=20]");
    VipsImage *png = flat(8000, 8000, 3, VIPS_FORMAT_USHORT);
    failed |= !png || save(png, dir, "bomb-16bit.png", "[bitdepth=16,compression=9,interlace]");
    VipsImage *webp = flat(12000, 12000, 3, VIPS_FORMAT_UCHAR);
    failed |= !webp || save(webp, dir, "bomb-lossless.webp", "[lossless]");
    VipsImage *noise = NULL, *u8 = NULL;
    failed |= vips_gaussnoise(&noise, 1600, 900, "mean", 128.0, "sigma", 40.0, NULL) || vips_cast_uchar(noise, &u8, NULL) ||
              save(u8, dir, "ordinary.jpg", "[Q=85]");
    VipsImage *all[] = {jpeg, png, webp, noise, u8};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (all[i])
            g_object_unref(all[i]);
    vips_shutdown();
    return failed;
}
