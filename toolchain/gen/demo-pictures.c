/* Makes the demo content's pictures (assets/demo/pictures/): an
 * illustration in a photo's proportions and a tall infographic, drawn with
 * libvips (its text through Pango, in Noto Sans), so the bundled demo needs
 * no third-party photo. Run once; the output is committed:
 *
 *   cc toolchain/gen/demo-pictures.c -o /tmp/demo-pictures $(pkg-config --cflags --libs vips)
 *   /tmp/demo-pictures assets/demo/pictures
 */
#include <stdio.h>
#include <vips/vips.h>

static VipsImage *text(const char *markup, int width, int dpi)
{
    VipsImage *t = NULL;
    if (vips_text(&t, markup, "font", "Noto Sans Bold", "width", width, "dpi", dpi, NULL))
        vips_error_exit("text");
    return t;
}

/* Pastes a one-band text mask onto rgb in colour (r,g,b) at x,y. */
static VipsImage *paint(VipsImage *rgb, VipsImage *mask, int x, int y, double r, double g, double b)
{
    VipsImage *big, *black, *inked, *colour, *result;
    double ink[3] = {r, g, b}, zero[3] = {0, 0, 0};
    if (vips_embed(mask, &big, x, y, rgb->Xsize, rgb->Ysize, NULL) ||
        vips_black(&black, rgb->Xsize, rgb->Ysize, "bands", 3, NULL) ||
        vips_linear(black, &inked, zero, ink, 3, NULL) || vips_cast_uchar(inked, &colour, NULL) ||
        vips_ifthenelse(big, colour, rgb, &result, "blend", TRUE, NULL))
        vips_error_exit("paint");
    return result;
}

static VipsImage *gradient(int w, int h, double top[3], double bottom[3])
{
    VipsImage *xyz, *y, *f, *col;
    if (vips_xyz(&xyz, w, h, NULL) || vips_extract_band(xyz, &y, 1, NULL) || vips_linear1(y, &f, 1.0 / h, 0, NULL))
        vips_error_exit("gradient");
    double a[3], b[3];
    for (int i = 0; i < 3; i++) {
        a[i] = bottom[i] - top[i];
        b[i] = top[i];
    }
    VipsImage *f3, *u;
    VipsImage *arr[3] = {f, f, f};
    if (vips_bandjoin(arr, &f3, 3, NULL) || vips_linear(f3, &col, a, b, 3, NULL) || vips_cast_uchar(col, &u, NULL))
        vips_error_exit("gradient");
    return u;
}

static VipsImage *box(VipsImage *img, int x, int y, int w, int h, double r, double g, double b)
{
    VipsImage *out;
    double ink[3] = {r, g, b};
    if (vips_copy(img, &out, NULL) || vips_draw_rect(out, ink, 3, x, y, w, h, "fill", TRUE, NULL))
        vips_error_exit("rect");
    return out;
}

int main(int argc, char **argv)
{
    if (VIPS_INIT(argv[0]) || argc < 2)
        return 1;
    char path[1024];
    /* A 16:9 illustration: sky, hills, a stage with flags, a caption band. */
    double sky_top[3] = {40, 90, 160}, sky_bottom[3] = {200, 220, 235};
    VipsImage *photo = gradient(1600, 900, sky_top, sky_bottom);
    photo = box(photo, 0, 600, 1600, 300, 60, 110, 60);
    photo = box(photo, 300, 430, 1000, 190, 235, 235, 225);
    photo = box(photo, 300, 430, 1000, 24, 200, 16, 46);
    for (int i = 0; i < 7; i++) {
        photo = box(photo, 360 + i * 140, 300, 8, 140, 90, 90, 90);
        photo = box(photo, 368 + i * 140, 300, 70, 46, i % 2 ? 200 : 230, i % 2 ? 16 : 180, i % 2 ? 46 : 0);
    }
    photo = paint(photo, text("Ảnh minh họa — khu trưng bày", 1400, 220), 320, 660, 255, 255, 255);
    snprintf(path, sizeof path, "%s/khu-trung-bay.jpg", argv[1]);
    if (vips_jpegsave(photo, path, "Q", 85, NULL))
        vips_error_exit("save");

    /* A tall infographic: title, five bars with figures, a footnote. */
    double bg_top[3] = {250, 246, 238}, bg_bottom[3] = {236, 230, 218};
    VipsImage *info = gradient(800, 3200, bg_top, bg_bottom);
    info = box(info, 0, 0, 800, 360, 123, 31, 162);
    info = paint(info, text("TRIỂN LÃM QUA NHỮNG CON SỐ", 700, 300), 50, 90, 255, 255, 255);
    const char *labels[] = {"Doanh nghiệp: 250", "Quốc gia: 30", "Khu trưng bày: 5", "Lượt khách: 120.000",
                            "Hội thảo: 18"};
    int values[] = {250, 30, 5, 120, 18};
    for (int i = 0; i < 5; i++) {
        int y = 480 + i * 520;
        info = paint(info, text(labels[i], 700, 200), 50, y, 40, 40, 60);
        int w = 100 + values[i] * 2;
        if (w > 700)
            w = 700;
        info = box(info, 50, y + 120, w, 120, 123, 31, 162);
        info = box(info, 50, y + 300, 700, 6, 210, 200, 190);
    }
    info = paint(info, text("Nguồn: Ban tổ chức", 700, 150), 50, 3080, 110, 110, 110);
    snprintf(path, sizeof path, "%s/con-so.png", argv[1]);
    if (vips_pngsave(info, path, NULL))
        vips_error_exit("save");
    return 0;
}
