/* pngio: PNG files in and out, through libpng's simplified API (SDL2_image
 * is not among our dependencies).  Owns: the file formats.  Never: knows
 * about scenes or textures. */
#ifndef TICKER_PNGIO_H
#define TICKER_PNGIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Writes 8-bit RGB rows (3 bytes a pixel, rows pitch bytes apart). The file
 * is written to a mkstemp temporary beside the target and renamed
 * (base/atomicfile), so a reader never sees half a PNG; it gets mode
 * whatever the umask. On failure err says what and where. */
bool pngio_write_rgb(const char *path, mode_t mode, int width, int height, const uint8_t *pixels, size_t pitch,
                     char *err, size_t err_size);
/* Reads any PNG as 8-bit RGBA, width * 4 bytes a row; caller frees. */
uint8_t *pngio_read_rgba(const char *path, int *width, int *height, char *err, size_t err_size);

#endif
