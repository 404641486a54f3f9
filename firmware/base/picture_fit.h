/* picture_fit: the size a picture is decoded to for a box — the one rule the
 * decoder (live) and the layout (screen) share — and the size below which
 * it is no picture at all (ingest and the decoder).  Never: decodes or draws. */
#ifndef TICKER_PICTURE_FIT_H
#define TICKER_PICTURE_FIT_H

/* A tall picture (an infographic) is panned, not shrunk to a sliver: one
 * at least twice as tall as wide, and taller than twice the box's own
 * proportion, keeps the box's width (or its own, when narrower) and at most
 * this many box heights. A portrait photo (2:3) is shown whole. */
#define PICTURE_FIT_TALL_SCREENS 4

/* A side of this many pixels or fewer is no picture: web bugs are 1x1 (some
 * 0x0, 2x2 or 3x3), spacers a pixel high; no photo is 8 pixels wide. Ingest
 * judges it from what a document declares, the decoder from the picture's
 * own header when nothing was declared. */
#define PICTURE_FIT_TRACKING_PIXELS 8

/* The size, in pixels, a src_w x src_h picture is shown at in a box_w x
 * box_h box: the whole picture within the box, proportions kept, never
 * enlarged; a tall one as above. 0 x 0 for an empty input or box. */
void picture_fit(int src_w, int src_h, int box_w, int box_h, int *w, int *h);

#endif
