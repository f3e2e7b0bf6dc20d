/*
 * parser/charset.h -- turn the bytes of a fetched page into clean UTF-8.
 *
 * The encoding is taken, in this order, from a byte-order mark, the
 * charset parameter of the Content-Type header, and a <meta charset> /
 * <meta http-equiv=Content-Type> / <?xml encoding?> declaration in the
 * first CHARSET_SNIFF_BYTES bytes.  Labels are mapped the way browsers map
 * them (ISO-8859-1 and ASCII mean windows-1252, GB2312 means GB18030, ...)
 * and converted with iconv.  UTF-8 input is validated: each invalid byte
 * becomes U+FFFD.  NUL bytes are dropped, so the result is a C string.
 *
 * An undeclared (or only <meta>-declared) "UTF-8" page whose invalid bytes
 * outnumber its valid multi-byte sequences is read as windows-1252 instead:
 * that is what a saved Latin-1 page without a usable declaration looks like.
 */
#ifndef CC_PARSER_CHARSET_H
#define CC_PARSER_CHARSET_H

#include "common/cc.h"

#define CHARSET_SNIFF_BYTES 4096
#define CHARSET_LABEL_MAX 48

/* Where the encoding came from. */
enum charset_source {
    CHARSET_DEFAULT = 0,   /* nothing declared: UTF-8 assumed */
    CHARSET_BOM,
    CHARSET_HEADER,        /* Content-Type charset parameter */
    CHARSET_META,          /* <meta> or <?xml?> in the first bytes */
    CHARSET_GUESS          /* invalid UTF-8 looked like windows-1252 */
};

/* Find the declared encoding of data[0..len).  content_type may be NULL.
 * Writes the iconv name to use ("UTF-8", "WINDOWS-1251", ...) into label
 * (labellen >= CHARSET_LABEL_MAX) and returns where it came from. */
enum charset_source charset_sniff(const char *data, size_t len,
                                  const char *content_type, char *label,
                                  size_t labellen);

/* Decode data[0..len) to UTF-8 as described above.  *out is
 * NUL-terminated valid UTF-8 without NUL bytes (caller frees with free());
 * *outlen its length.  label (may be NULL) receives the encoding used and
 * *source (may be NULL) where it came from.  Returns CC_OK, or CC_ELIMIT
 * when the output would exceed max bytes (nothing is returned then). */
cc_result charset_decode(const char *data, size_t len,
                         const char *content_type, size_t max, char **out,
                         size_t *outlen, char *label, size_t labellen,
                         enum charset_source *source);

/* Copy s[0..len) to b as valid UTF-8: each byte that does not start a
 * valid sequence becomes U+FFFD, NUL bytes are dropped.  Returns CC_OK or
 * CC_ELIMIT from the buffer. */
cc_result charset_utf8_clean(const char *s, size_t len, struct cc_buf *b);

/* Valid multi-byte UTF-8 sequences and invalid bytes in s[0..len) (a
 * sequence cut off by the end counts as invalid). */
void charset_utf8_tally(const char *s, size_t len, size_t *multi,
                        size_t *invalid);

#endif
