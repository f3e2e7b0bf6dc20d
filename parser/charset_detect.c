/*
 * parser/charset_detect.c -- encoding detection with uchardet (the only
 * uchardet user).  See charset_detect.h.
 */
#include "parser/charset_detect.h"

#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

/* Valid multi-byte UTF-8 sequences and invalid bytes in s[0..n). */
static void utf8_tally(const unsigned char *s, size_t n, size_t *multi,
                       size_t *invalid)
{
    size_t i = 0;

    *multi = *invalid = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k = 0;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c < 0xE0)
            k = 2;
        else if (c >= 0xE0 && c < 0xF0)
            k = 3;
        else if (c >= 0xF0 && c < 0xF5)
            k = 4;
        if (k && i + k <= n) {
            size_t j;

            for (j = 1; j < k && (s[i + j] & 0xC0) == 0x80; j++)
                ;
            if (j == k && !(c == 0xE0 && s[i + 1] < 0xA0) &&
                !(c == 0xED && s[i + 1] >= 0xA0) &&
                !(c == 0xF0 && s[i + 1] < 0x90) &&
                !(c == 0xF4 && s[i + 1] >= 0x90)) {
                (*multi)++;
                i += k;
                continue;
            }
        }
        (*invalid)++;
        i++;
    }
}

bool charset_detect(const char *data, size_t len, char *label,
                    size_t labellen)
{
    uchardet_t ud = uchardet_new();
    const char *cs;
    bool ok = false;

    if (!ud)
        cc_oom();
    if (len > CHARSET_DETECT_BYTES)
        len = CHARSET_DETECT_BYTES;
    if (uchardet_handle_data(ud, data, len) == 0) {
        uchardet_data_end(ud);
        cs = uchardet_get_charset(ud);
        if (cs && *cs && strcasecmp(cs, "ASCII") != 0 &&
            strlen(cs) < CHARSET_LABEL_MAX) {
            iconv_t cd = iconv_open("UTF-8", cs);

            if (cd != (iconv_t)-1) {
                iconv_close(cd);
                snprintf(label, labellen, "%s", cs);
                for (char *p = label; *p; p++)
                    if (*p >= 'a' && *p <= 'z')
                        *p = (char)(*p - 'a' + 'A');
                ok = true;
            }
        }
    }
    uchardet_delete(ud);
    return ok;
}

enum charset_source charset_detect_fix(const char *data, size_t len,
                                       enum charset_source src, char *label,
                                       size_t labellen)
{
    size_t multi, invalid, n = len;
    char found[CHARSET_LABEL_MAX];

    if (src == CHARSET_BOM || len == 0)
        return src;
    if (strncmp(label, "UTF-16", 6) == 0 || strncmp(label, "UTF-32", 6) == 0)
        return src;
    if (n > CHARSET_DETECT_BYTES)
        n = CHARSET_DETECT_BYTES;
    utf8_tally((const unsigned char *)data, n, &multi, &invalid);
    if (strcmp(label, "UTF-8") == 0) {
        if (invalid > multi &&
            charset_detect(data, len, found, sizeof found) &&
            strcmp(found, "UTF-8") != 0) {
            snprintf(label, labellen, "%s", found);
            return CHARSET_GUESS;
        }
        return src;
    }
    if (invalid == 0 && multi >= CHARSET_DETECT_MIN_MULTI) {
        snprintf(label, labellen, "UTF-8");
        return CHARSET_GUESS;
    }
    return src;
}
