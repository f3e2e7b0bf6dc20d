/*
 * parser/charset_detect.h -- second opinion on a page's encoding, from its
 * bytes (uchardet), for pages that declare nothing or declare wrongly.
 *
 * Called by charset_decode (parser/charset.c) once the declared encoding
 * is known.  Rules, in order:
 *   - a byte-order mark is never overridden;
 *   - UTF-8 (declared by header or <meta>, or assumed) but the bytes are
 *     not valid UTF-8 (more invalid bytes than valid multi-byte
 *     sequences): the encoding uchardet names is used, when iconv knows
 *     it ("windows-1251 page labelled UTF-8");
 *   - another encoding declared (or assumed) but the bytes are valid UTF-8
 *     with at least CHARSET_DETECT_MIN_MULTI multi-byte sequences: UTF-8
 *     ("UTF-8 page labelled windows-1251"); a legacy text is practically
 *     never valid UTF-8 by accident.
 * When the label changes, the source becomes CHARSET_GUESS.
 */
#ifndef CC_PARSER_CHARSET_DETECT_H
#define CC_PARSER_CHARSET_DETECT_H

#include "parser/charset.h"

#define CHARSET_DETECT_BYTES (64 * 1024)   /* bytes shown to uchardet */
#define CHARSET_DETECT_MIN_MULTI 4

/* Check label (an iconv name, labellen >= CHARSET_LABEL_MAX) against
 * data[0..len), rewrite it when the bytes disagree as described above,
 * and return the (possibly new) source. */
enum charset_source charset_detect_fix(const char *data, size_t len,
                                       enum charset_source src, char *label,
                                       size_t labellen);

/* The encoding uchardet sees in data[0..len) as an iconv name in label;
 * false when it has no answer or sees only ASCII. */
bool charset_detect(const char *data, size_t len, char *label,
                    size_t labellen);

#endif
