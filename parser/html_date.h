/*
 * parser/html_date.h -- calendar dates as web pages write them: ISO 8601
 * values in metadata, datelines in visible text in several languages
 * ("7 April 2024", "April 7, 2024", "24.05.2025", "16 марта 2025",
 * "7-aprel 2024", "2024 жылғы 7 сәуір", "7. März 2024", "7 de abril de
 * 2024"), and dates in URL paths.  Pure functions over UTF-8 text; nothing
 * here allocates.
 */
#ifndef CC_PARSER_HTML_DATE_H
#define CC_PARSER_HTML_DATE_H

#include "common/cc.h"

/* Earliest publication date accepted as real (the web before is noise). */
#define HTML_DATE_MIN_YEAR 1995

/* Find the leftmost full date (day, month and year) in s[0..len).  mdy:
 * read an ambiguous "04/07/2024" as month/day (US) rather than day/month;
 * dotted and dashed numeric dates are always day-first.  On success sets
 * *out and, when non-NULL, *at (byte offset of the match) and *end (one
 * past it). */
bool html_date_scan(const char *s, size_t len, bool mdy, struct cc_date *out,
                    size_t *at, size_t *end);

/* Find the first date that follows a label such as "Published:",
 * "Datum:", "Veröffentlicht am", "Опубликовано", "Sana:" within a few
 * bytes, in s[0..len).  Same reading of dates as html_date_scan();
 * *end (may be NULL) is set past the match, to search on from there. */
bool html_date_labeled(const char *s, size_t len, bool mdy,
                       struct cc_date *out, size_t *end);

/* Parse a metadata value (meta content, JSON-LD, <time datetime>): ISO
 * 8601 with or without time and zone (the calendar date as written is
 * kept: "2024-04-07T23:10:00-05:00" is 2024-04-07), "YYYY/MM/DD",
 * "YYYYMMDD", or any form html_date_scan() finds.  s is NUL-terminated. */
bool html_date_value(const char *s, struct cc_date *out);

/* Date in the path of a URL: ".../2025-03-16/...", ".../2025/03/16/...",
 * ".../20250316/...".  The host is not looked at. */
bool html_date_from_url(const char *url, struct cc_date *out);

/* Dates anywhere in the raw markup of a page (script data, attributes),
 * for pages that date themselves nowhere else: *stamp is the first
 * plausible timestamp "YYYY-MM-DDTHH:MM" (or with a space before the
 * hour), *path the first plausible date in a URL path ("/YYYY/MM/DD/",
 * "/YYYYMMDD/"); each is zeroed when there is none.  Plausible: see
 * html_date_plausible(). */
void html_date_raw(const char *s, size_t len, struct cc_date today,
                   struct cc_date *stamp, struct cc_date *path);

/* Find the first "dd.mm.yy" date (two digits each; the year in the
 * century that keeps it on or before today) in s[0..len) that is
 * plausible (html_date_plausible()).  For pages dated nowhere else:
 * two-digit years are too often something else to trust earlier. */
bool html_date_scan_short(const char *s, size_t len, struct cc_date today,
                          struct cc_date *out);

/* True when d is a real day between HTML_DATE_MIN_YEAR-01-01 and today. */
bool html_date_plausible(struct cc_date d, struct cc_date today);

/* Month number (1..12) of a month name or abbreviation in one of the
 * supported languages (lowercase or not, UTF-8), or 0. */
int html_date_month(const char *word, size_t len);

#endif
