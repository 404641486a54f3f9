#include "screen/render/pngio.h"

#include "base/atomicfile.h"
#include "base/log.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool pngio_write_rgb(const char *path, mode_t mode, int width, int height, const uint8_t *pixels, size_t pitch,
                     char *err, size_t err_size)
{
    struct atomicfile file;
    if (!atomicfile_begin(&file, path, mode, err, err_size))
        return false;
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)width;
    image.height = (png_uint_32)height;
    image.format = PNG_FORMAT_RGB;
    errno = 0;
    bool ok = png_image_write_to_stdio(&image, file.stream, 0, pixels, (png_int_32)pitch, NULL) != 0;
    /* libpng says "Write Error" alone; errno says why (a full disk, EFBIG). */
    int why = errno;
    if (!ok && why && strcmp(image.message, strerror(why)) != 0)
        snprintf(err, err_size, "%s: cannot write it: %s (%s)", path, image.message, strerror(why));
    else if (!ok)
        snprintf(err, err_size, "%s: cannot write it: %s", path, image.message);
    png_image_free(&image);
    if (!ok) {
        atomicfile_abort(&file);
        return false;
    }
    return atomicfile_commit(&file, err, err_size);
}

uint8_t *pngio_read_rgba(const char *path, int *width, int *height, char *err, size_t err_size)
{
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path)) {
        snprintf(err, err_size, "%s: %s", path, image.message);
        return NULL;
    }
    image.format = PNG_FORMAT_RGBA;
    uint8_t *pixels = malloc(PNG_IMAGE_SIZE(image));
    if (!pixels) {
        png_image_free(&image);
        log_oom_reason(err, err_size, "%s", path);
        return NULL;
    }
    if (!png_image_finish_read(&image, NULL, pixels, 0, NULL)) {
        snprintf(err, err_size, "%s: %s", path, image.message);
        free(pixels);
        png_image_free(&image);
        return NULL;
    }
    *width = (int)image.width;
    *height = (int)image.height;
    png_image_free(&image);
    return pixels;
}
