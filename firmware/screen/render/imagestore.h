/* imagestore: the textures of pictures and QR codes.
 * Owns: picture textures (uploaded once from decoded pixels, cut into tiles
 * of at most the renderer's texture height, kept while they fit the byte
 * budget, least recently drawn evicted first) and QR code textures (made
 * once per link and size, freed when a frame no longer draws them).
 * Never: decodes or fetches (pictures arrive as pixels, decoded off the
 * render thread) or decides where anything goes. */
#ifndef TICKER_IMAGESTORE_H
#define TICKER_IMAGESTORE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct imagestore;

struct imagestore_tile {
    SDL_Texture *texture;
    int y, height; /* the picture's rows it holds */
};

struct imagestore_picture {
    char *url;
    int width, height;
    struct imagestore_tile *tiles;
    int tile_count;
    size_t bytes;
    uint64_t used_in_frame;
};

/* max_tile_height: the renderer's texture limit (0: none). budget_bytes:
 * what picture textures may hold together (4 bytes a pixel). */
struct imagestore *imagestore_create(SDL_Renderer *renderer, int max_tile_height, size_t budget_bytes);
void imagestore_destroy(struct imagestore *store);

/* Uploads a decoded picture (RGBA8888 rows, pitch bytes apart) as url's
 * texture; a picture bigger than the whole budget is refused (logged).
 * Evicts the least recently drawn pictures to stay within the budget, but
 * never one drawn in the current frame. */
bool imagestore_add_picture(struct imagestore *store, const char *url, int width, int height, const uint8_t *rgba,
                            size_t pitch, uint64_t frame);
/* Marks a url that could not be had (broken, too big, not found): the
 * scene lays its item out without it, and nothing waits for it. */
void imagestore_add_failure(struct imagestore *store, const char *url);
/* true with the size when url's picture is there. */
bool imagestore_picture_size(const struct imagestore *store, const char *url, int *width, int *height);
/* true when url is there or has failed: nothing more will come. */
bool imagestore_settled(const struct imagestore *store, const char *url);
/* The picture for drawing in frame (marks it used), or NULL. */
const struct imagestore_picture *imagestore_picture(struct imagestore *store, const char *url, uint64_t frame);

/* The QR code of link fitting side x side, made on first use, with its
 * size in pixels (whole modules). NULL when it cannot be made (logged once). */
SDL_Texture *imagestore_qr(struct imagestore *store, const char *link, int side, int *size, uint64_t frame);

/* After a frame: frees QR codes the frame did not draw. */
void imagestore_end_frame(struct imagestore *store, uint64_t frame);

size_t imagestore_texture_count(const struct imagestore *store);
size_t imagestore_bytes(const struct imagestore *store); /* picture textures held */

#endif
