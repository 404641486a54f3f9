/* picture_ref: which picture references a document may hand on, by where
 * the document came from — the trust boundary of picture locations at
 * ingest. A document fetched from the network (no local path in its
 * context) names pictures by http(s) URL only: a file:// URL, an absolute
 * path or a relative path that resolved to one is dropped, so a feed on
 * the internet can never make the kiosk open a local file. A document
 * read from a local file (a USB stick) may also name local files; whether
 * one lies inside its source's folder is checked where it is opened
 * (live/pictures/picture_place), on the real path.
 * Owns: nothing.  Never: opens a file.  Thread: any. */
#ifndef TICKER_PICTURE_REF_H
#define TICKER_PICTURE_REF_H

#include <stdbool.h>

#include "base/item.h"
#include "ingest/context.h"

/* A reference that names its scheme ("https:", "file:", "data:"; RFC 3986
 * 3.1: a letter, then letters, digits, "+", "-" or "."), so nothing
 * resolves it: a link's as a picture's. */
bool picture_ref_is_absolute(const char *ref);
/* An http:// or https:// URL (scheme case-insensitive, RFC 3986 3.1). */
bool picture_ref_is_web(const char *ref);

/* In a document read from the local file at path (absolute), whether ref
 * names a place on the document's web site rather than a file: "//cdn/x.jpg"
 * (a network-path reference, RFC 3986 4.2) always, "/pictures/x.jpg" when
 * it lies outside the file's folder (a path from the kiosk's disk root is
 * never what a stick's feed means). "x.jpg", and "/media/usb/news/x.jpg"
 * inside the folder, are files beside it: false. False when path is not
 * an absolute path. RSS, Atom and JSON Feed readers share this rule. */
bool picture_ref_is_site_relative(const char *path, const char *ref);

/* Drops from item the pictures its document may not name (see above);
 * each dropped one is logged once, naming the document and the reference. */
void picture_ref_limit(const struct ingest_context *context, struct item *item);

#endif
