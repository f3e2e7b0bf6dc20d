/*
 * parser/charset_detect.c -- encoding detection with uchardet (the only
 * uchardet user).  See charset_detect.h.
 */
#include "parser/charset_detect.h"
#include "parser/charset.h"

#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

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
    charset_utf8_tally(data, n, &multi, &invalid);
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
