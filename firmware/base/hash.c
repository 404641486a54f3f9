#include "base/hash.h"

uint64_t hash_bytes(uint64_t h, const void *bytes, size_t size)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < size; i++)
        h = hash_byte(h, p[i]);
    return h;
}

uint64_t hash_text(uint64_t h, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++)
        h = hash_byte(h, *p);
    return h;
}

uint64_t hash_text_field(uint64_t h, const char *text)
{
    return hash_byte(hash_text(h, text), HASH_SEPARATOR);
}

uint64_t hash_string(const char *text)
{
    return hash_text(HASH_FNV1A_BASIS, text);
}

uint64_t hash_legacy_string(const char *text)
{
    return hash_text(HASH_LEGACY_BASIS, text);
}
