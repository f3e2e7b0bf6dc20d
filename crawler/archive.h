/*
 * crawler/archive.h -- archived copies of dead sources through a
 * Wayback-style availability endpoint (--archive URL), e.g.
 * https://archive.org/wayback/available?url=U&timestamp=YYYYMMDD, which
 * answers {"archived_snapshots":{"closest":{"available":true,"url":...,
 * "timestamp":"YYYYMMDDhhmmss","status":"200"}}}.
 *
 * Only URL building and answer parsing live here; the caller fetches with
 * crawler/fetch.c (so every safety rule applies to archive requests too).
 */
#ifndef CC_CRAWLER_ARCHIVE_H
#define CC_CRAWLER_ARCHIVE_H

#include "common/cc.h"

/* The availability query for url at date (unset date: no timestamp
 * parameter).  endpoint may already carry a query string.  Caller frees. */
char *archive_query_url(const char *endpoint, const char *url,
                        struct cc_date date);

/* Parse an availability answer.  Returns true with *snapshot (the copy's
 * URL) and *timestamp ("YYYYMMDDhhmmss") set, caller frees both, when
 * an available copy is named; false otherwise (why says what was
 * missing). */
bool archive_parse_answer(const char *json, size_t len, char **snapshot,
                          char **timestamp, char *why, size_t whylen);

#endif
