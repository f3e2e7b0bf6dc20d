/*
 * crawler/warc.h -- evidence: WARC/1.1 files of a run's fetches (--warc),
 * and replay of a WARC instead of the network (--replay).
 *
 * What is written for one struct fetch_result (the shape of wget's
 * --warc-file output, uncompressed):
 *   - a `request` record for the final URL.  libcurl's request lines are
 *     not captured, so it is reconstructed: method, path, Host,
 *     User-Agent, Accept and Accept-Encoding as citecheck sends them;
 *   - a `response` record (application/http;msgtype=response) holding the
 *     status line and headers as received (fetch_result.raw_headers) and
 *     the body.  The body is stored *decoded* (fetch.c decodes gzip and
 *     deflate, decode.c), so Content-Encoding, Transfer-Encoding and
 *     Content-Length are renamed X-Citecheck-Orig-<Name> and a
 *     Content-Length of the stored body is added: the record is a valid
 *     HTTP message whose payload is what citecheck read.  A response
 *     taken from the database (no raw_headers) gets a status line and the
 *     Content-Type, ETag and Last-Modified that were stored;
 *   - a `metadata` record (application/warc-fields) for the URL as asked
 *     when it redirected ("citecheck-redirect: URL" per hop,
 *     "citecheck-final-url: URL") or failed ("citecheck-error: REASON").
 * Every record has WARC-Record-ID <urn:uuid:v4>, WARC-Date (UTC, seconds),
 * WARC-Target-URI, Content-Length, and WARC-Block-Digest (and, on
 * responses, WARC-Payload-Digest over the body) as "sha1:" + RFC 4648
 * base32 of the SHA-1.  A warcinfo record starts the file.
 *
 * Replay reads such a file (uncompressed WARC 1.0/1.1; other producers'
 * response records are read too, but their bodies are taken as stored,
 * i.e. not de-chunked or decoded) and fills a fetch_result from it without
 * touching the network.  The last record for a URL wins.
 */
#ifndef CC_CRAWLER_WARC_H
#define CC_CRAWLER_WARC_H

#include "common/cc.h"
#include "crawler/fetch.h"

#define WARC_MAX_BLOCK ((size_t)256 << 20)   /* largest record block read */

struct warc_writer;

/* Create (truncate) path and write the warcinfo record.  software and
 * user_agent are copied (user_agent goes into reconstructed requests).
 * Caller closes with warc_writer_close.  CC_EIO naming the path. */
cc_result warc_writer_open(const char *path, const char *software,
                           const char *user_agent, struct warc_writer **out,
                           char *err, size_t errlen);

/* Append the records for one finished fetch (see above).  r is only
 * read.  CC_EIO on a write failure. */
cc_result warc_write_fetch(struct warc_writer *w, const struct fetch_result *r,
                           char *err, size_t errlen);

/* Flush and close; *w becomes NULL.  CC_EIO when the final flush failed.
 * Safe with *w == NULL. */
cc_result warc_writer_close(struct warc_writer **w, char *err, size_t errlen);

struct warc_archive;

/* Index the records of a WARC file for replay (blocks are read on
 * demand; the file stays open).  CC_EUSAGE when it cannot be opened or
 * is not an uncompressed WARC, CC_EPARSE on a malformed record.
 * Free with warc_archive_free. */
cc_result warc_archive_open(const char *path, struct warc_archive **out,
                            char *err, size_t errlen);
void warc_archive_free(struct warc_archive **a);

/* Fill r (r->url set by the caller, outputs empty) from the archive as
 * fetch_run would have: status, final_url, redirects, content_type,
 * resp_etag, resp_last_modified, body, raw_headers, or r->error (the
 * stored failure, or "replay: not in WARC").  Returns CC_OK, or CC_EIO /
 * CC_EPARSE when the file could not be read back. */
cc_result warc_replay(struct warc_archive *a, struct fetch_result *r,
                      char *err, size_t errlen);

/* "sha1:" + base32 of the SHA-1 of data[0..len) into out (>= 38 bytes). */
void warc_sha1_b32(const void *data, size_t len, char *out, size_t outlen);

#endif
