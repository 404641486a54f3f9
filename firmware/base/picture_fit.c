#include "base/picture_fit.h"

#include <math.h>

void picture_fit(int src_w, int src_h, int box_w, int box_h, int *w, int *h)
{
    *w = *h = 0;
    if (src_w <= 0 || src_h <= 0 || box_w <= 0 || box_h <= 0)
        return;
    double scale;
    double tall = (double)src_h / src_w;
    if (tall > 2.0 && tall > 2.0 * box_h / box_w) {
        scale = (double)box_w / src_w;
        double limit = (double)PICTURE_FIT_TALL_SCREENS * box_h / src_h;
        if (limit < scale)
            scale = limit;
    } else {
        scale = fmin((double)box_w / src_w, (double)box_h / src_h);
    }
    if (scale > 1)
        scale = 1;
    *w = (int)floor(src_w * scale);
    *h = (int)floor(src_h * scale);
    if (*w < 1)
        *w = 1;
    if (*h < 1)
        *h = 1;
}
